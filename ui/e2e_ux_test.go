package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// The wizard as a hurried agent meets it: each subtest is one way an agent
// lost time, trust or data, driven through the real binary in tmux against
// a sandbox in a process of its own.

// wizardAt starts one wizard of the given size in a tmux of its own; status
// gets its exit code.
func (r *draftRig) wizardAt(tb testing.TB, width, height int, flags ...string) (s *tmuxSession, status string) {
	tb.Helper()
	status = filepath.Join(tb.TempDir(), "status")
	args := ""
	for _, f := range flags {
		args += " " + strconv.Quote(f)
	}
	s = startTmux(tb, width, height, fmt.Sprintf("XDG_STATE_HOME=%q %q --api-url %q%s >/dev/null; echo $? >%q; sleep 30",
		r.state, r.bin, r.url, args, status))
	return s, status
}

// recordFile writes rec as a record file for --from.
func recordFile(tb testing.TB, rec apiclient.Submission) string {
	tb.Helper()
	body, err := rec.Body()
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "record.json")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// created asks the rig's sandbox how many submissions it holds for email.
func (r *draftRig) created(tb testing.TB, email string) int {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: r.url, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	found, err := c.FindByEmail(context.Background(), email)
	if err != nil {
		tb.Fatalf("looking %s up: %v", email, err)
	}
	return len(found)
}

// resize changes the size of the session's window, as dragging a terminal's
// corner does.
func (s *tmuxSession) resize(width, height int) {
	s.run("resize-window", "-t", s.name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
}

func TestWizardUXInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	r := newDraftRig(t, bin)

	// 1: while the window is too small, keys act on nothing.
	t.Run("too small takes no keys", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "toosmall@sample.com"
		s, status := r.wizardAt(t, 50, 15, "--from", recordFile(t, rec))
		s.waitFor("needs at least 60×20")
		s.keys("s")
		s.typeText("typed blind")
		s.keys("Enter", "e", "Enter", "s", "1", "x", "Enter")
		time.Sleep(300 * time.Millisecond) // let the keys arrive: nothing must show for them
		s.resize(100, 30)
		scr := s.waitFor("✓ Ready", rec.Email)
		if strings.Contains(scr, "typed blind") || strings.Contains(scr, "Sending") || strings.Contains(scr, "Submission") {
			t.Fatalf("keys typed while the window was too small acted:\n%s", scr)
		}
		if n := r.created(t, rec.Email); n != 0 {
			t.Fatalf("%d submissions were created by keys typed while too small", n)
		}
		s.keys("q")
		exitCode(t, status)

		// On the form: text typed while too small goes nowhere.
		f, _ := r.wizardAt(t, 100, 30, "--new")
		f.waitFor("┃ Admin account")
		f.resize(50, 15)
		f.waitFor("needs at least 60×20")
		f.typeText("blind@sample.com")
		f.keys("Enter")
		time.Sleep(300 * time.Millisecond)
		f.resize(100, 30)
		scr = f.waitFor("┃ Admin account")
		if strings.Contains(scr, "blind@") {
			t.Fatalf("text typed while too small reached the form:\n%s", scr)
		}
		f.keys("C-c")
	})

	// 2: a refused value says why under the field, in the next frame.
	t.Run("refusals say why", func(t *testing.T) {
		s, status := r.wizardAt(t, 80, 24, "--new")
		s.waitFor("┃ Admin account")
		s.typeText("ops@sample")
		s.keys("Enter")
		s.waitFor("✗ Admin account has no valid domain after the @")
		s.typeText(".com")
		s.keys("Enter")
		s.waitFor("┃ Full name")
		s.typeText("Hong")
		s.keys("Enter")
		s.waitFor("┃ Email")
		s.typeText("bad@")
		s.keys("Tab")
		s.waitFor("✗ Email is not an email address")
		s.keys("C-c")
		exitCode(t, status)

		// A record file with a bad value: e opens the field, Enter says why.
		rec := apitest.Sample()
		rec.IPAddress = "999.1.1.1"
		rec.IDType = ""
		s, status = r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.waitFor("✗ 2 fields need fixing")
		s.keys("e") // the cursor is on the first field to fix: ID type
		s.waitFor("┃ ID type")
		s.keys("Enter")
		s.waitFor("✗ ID type is required: choose one")
		s.keys("C-r")
		s.waitFor("✗ 2 fields need fixing")
		s.keys("5")
		s.waitFor("┃ IP address")
		s.keys("Enter")
		s.waitFor("✗ IP address is not an IPv4 or IPv6 address")
		s.keys("C-c")
		exitCode(t, status)
	})
}
