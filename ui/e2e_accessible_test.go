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
)

// TestAccessibleModeOnATerminal runs `--accessible` in tmux against a
// sandbox with no key stored: the key prompt must not echo, a refused
// answer is asked again with the reason, and the pane carries no colour;
// once the record exists, a selfie is attached to it.
func TestAccessibleModeOnATerminal(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	dir := t.TempDir()
	stdout, status := filepath.Join(dir, "stdout"), filepath.Join(dir, "status")
	// A private HOME and settings folder; the keyring may be absent (the key
	// is then used for this run only) or the test's own Secret Service.
	s := startTmux(t, 100, 30, fmt.Sprintf(
		"env -u ARGOS_API_KEY HOME=%q XDG_CONFIG_HOME=%q %q --accessible --api-url %q --profile e2e-%d >%q; echo $? >%q; sleep 30",
		dir, dir, bin, sb.URL, os.Getpid(), stdout, status))

	s.waitFor("API key:")
	s.typeText(sandbox.Key)
	s.keys("Enter")
	s.waitFor("✓ The key is set.")
	if strings.Contains(s.capture(), sandbox.Key) {
		t.Fatalf("the key was echoed:\n%s", s.capture())
	}

	rec := apitest.Sample()
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			s.waitFor("(" + k + ") - ")
			if k == apiclient.FieldBirthDate {
				s.typeText("2023-02-29")
				s.keys("Enter")
				s.waitFor("✗ Not accepted: Birth date is not a real date: February 2023 has 28 days")
			}
			s.typeText(rec.Get(k))
			s.keys("Enter")
		}
	}
	s.waitFor("Submit this record to the LOCAL server at " + sb.URL + "?")
	if codes := colourCodes(s.captureAttrs()); len(codes) > 0 {
		t.Errorf("colour attributes in accessible mode: %v", codes)
	}
	s.typeText("y")
	s.keys("Enter")
	s.waitFor("✓ Submission created")

	// Then its images: a selfie, checked, said, sent.
	selfie, _ := filepath.Abs(filepath.Join("..", "testdata", "images", "selfie.png"))
	s.waitFor("Attach the ID, selfie and address images to")
	s.typeText("y")
	s.keys("Enter")
	for i, path := range []string{"", "", selfie, ""} {
		s.waitFor(apiclient.ImageKinds[i].Label() + ", a file path:")
		s.typeText(path)
		s.keys("Enter")
	}
	s.waitFor("✓ selfie.png, PNG, 834 bytes", "Send them to the LOCAL server at "+sb.URL+"? (y/n)")
	s.typeText("y")
	s.keys("Enter")
	s.waitFor("✓ Attached 1 image to submission")
	out := waitExit(t, stdout, status)
	recs := sb.Records()
	if len(recs) != 1 || recs[0].Submission != rec || out != recs[0].ID+"\n" {
		t.Fatalf("stdout %q, sandbox records %+v", out, recs)
	}
	if set := sb.Images(recs[0].ID); len(set.Images) != 1 || set.Images[0].Field != "selfieImage" {
		t.Fatalf("stored %+v", set)
	}
}
