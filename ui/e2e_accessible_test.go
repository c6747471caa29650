package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// TestAccessibleModeOnATerminal runs `--accessible` in tmux against a
// sandbox with no key stored: the key prompt must not echo, a refused
// answer is asked again with the reason, and the pane carries no colour.
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
	out := s.Stdout()
	recs := sb.Records()
	if len(recs) != 1 || recs[0].Submission != rec || out != recs[0].ID+"\n" {
		t.Fatalf("stdout %q, sandbox records %+v", out, recs)
	}
}
