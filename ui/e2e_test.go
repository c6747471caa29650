package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

var idPattern = regexp.MustCompile(`sbx[0-9a-f]{12}_mg`)

// runWizard starts `argos-migrate --sandbox` in tmux, with no key from the
// environment and drafts in a folder of the test's own.
func runWizard(tb testing.TB, bin string, width, height int) *termtest.Pane {
	return termtest.Run(tb, termtest.Options{Width: width, Height: height, Unset: []string{"ARGOS_API_KEY"}}, bin, "--sandbox")
}

func TestEndToEndInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	rec := apitest.Sample()

	t.Run("sample record at 100x30", func(t *testing.T) {
		s := runWizard(t, bin, 100, 30)
		s.WaitFor("SANDBOX", "key sand••••", "┃ Admin account")
		s.Fill(rec)
		scr := s.WaitFor("✓ Ready. Press s to submit", "홍길동", "••••••-•••••••")
		if strings.Contains(scr, rec.IdentityNumber) {
			t.Fatalf("identity number in clear on the review:\n%s", scr)
		}
		if path := os.Getenv("ARGOS_E2E_CAPTURE"); path != "" {
			_ = os.WriteFile(path, []byte(scr), 0o644)
		}
		s.Keys("s")
		scr = s.WaitFor("Submission created")
		id := idPattern.FindString(scr)
		if id == "" {
			t.Fatalf("no submission id on the result screen:\n%s", scr)
		}
		s.Keys("q")
		if out := s.Stdout(); out != id+"\n" {
			t.Fatalf("stdout = %q, want the id %s and a newline", out, id)
		}
	})

	t.Run("invalid admin fixed at 80x24", func(t *testing.T) {
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s := runWizard(t, bin, 80, 24)
		s.Fill(bad)
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("admin account has no rights", "f fix Admin account")
		s.Keys("f")
		s.WaitFor("┃ Admin account", "Invalid admin.")
		s.Keys("C-u")
		s.Type(rec.Admin)
		s.Keys("C-r")
		s.WaitFor("✓ Ready", rec.Admin, "홍길동")
		s.Keys("s")
		id := idPattern.FindString(s.WaitFor("Submission created"))
		s.Keys("q")
		if out := s.Stdout(); id == "" || out != id+"\n" {
			t.Fatalf("stdout = %q, want the id on the screen (%q)", out, id)
		}
	})
}
