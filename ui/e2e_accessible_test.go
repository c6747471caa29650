package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// TestAccessibleModeOnATerminal runs `--accessible` in tmux against a
// sandbox with no key stored: the key prompt must not echo, a refused
// answer is asked again with the reason, and the pane carries no colour;
// once the record exists, a selfie is attached to it.
func TestAccessibleModeOnATerminal(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	dir := t.TempDir()
	// A private HOME and settings folder; the keyring may be absent (the key
	// is then used for this run only) or the test's own Secret Service.
	s := termtest.Run(t, termtest.Options{Unset: []string{"ARGOS_API_KEY"}, Env: []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir}},
		bin, "--accessible", "--api-url", sb.URL, "--profile", fmt.Sprintf("e2e-%d", os.Getpid()))

	s.WaitFor("API key:")
	s.Type(sandbox.Key)
	s.Keys("Enter")
	s.WaitFor("✓ The key is set.")
	if scr := s.Screen(); strings.Contains(scr, sandbox.Key) {
		t.Fatalf("the key was echoed:\n%s", scr)
	}

	rec := apitest.Sample()
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			s.WaitFor("(" + k + ") - ")
			if k == apiclient.FieldBirthDate {
				s.Type("2023-02-29")
				s.Keys("Enter")
				s.WaitFor("✗ Not accepted: Birth date is not a real date: February 2023 has 28 days")
			}
			s.Type(rec.Get(k))
			s.Keys("Enter")
		}
	}
	s.WaitFor("Submit this record to the LOCAL server at " + sb.URL + "?")
	if codes := colourCodes(s.ScreenWithAttrs()); len(codes) > 0 {
		t.Errorf("colour attributes in accessible mode: %v", codes)
	}
	s.Type("y")
	s.Keys("Enter")
	s.WaitFor("✓ Submission created")

	// Then its images: a selfie, checked, said, sent.
	selfie, _ := filepath.Abs(filepath.Join("..", "testdata", "images", "selfie.png"))
	s.WaitFor("Attach the ID, selfie and address images to")
	s.Type("y")
	s.Keys("Enter")
	for i, path := range []string{"", "", selfie, ""} {
		s.WaitFor(apiclient.ImageKinds[i].Label() + ", a file path:")
		s.Type(path)
		s.Keys("Enter")
	}
	s.WaitFor("✓ selfie.png, PNG, 834 bytes", "Send them to the LOCAL server at "+sb.URL+"? (y/n)")
	s.Type("y")
	s.Keys("Enter")
	s.WaitFor("✓ Attached 1 image to submission")
	out := s.Stdout()
	recs := sb.Records()
	if len(recs) != 1 || recs[0].Submission != rec || out != recs[0].ID+"\n" {
		t.Fatalf("stdout %q, sandbox records %+v", out, recs)
	}
	if set := sb.Images(recs[0].ID); len(set.Images) != 1 || set.Images[0].Field != "selfieImage" {
		t.Fatalf("stored %+v", set)
	}
}
