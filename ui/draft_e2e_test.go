package ui

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// draftRig is a sandbox in a process of its own (an in-process --sandbox
// would die with each wizard) and a state folder shared by the wizards a
// test starts one after another.
type draftRig struct {
	tb    testing.TB
	bin   string
	url   string
	state string
}

func newDraftRig(tb testing.TB, bin string) *draftRig {
	tb.Helper()
	r := &draftRig{tb: tb, bin: bin, url: termtest.StartSandbox(tb, bin), state: tb.TempDir()}
	// The key reaches the wizards through the environment tmux inherits,
	// never through argv.
	tb.Setenv("ARGOS_API_KEY", sandbox.Key)
	tb.Setenv("XDG_STATE_HOME", r.state)
	tb.Setenv("ARGOS_PROFILE", "")
	return r
}

// wizard starts one wizard at 100×30 in a tmux of its own, on the rig's
// sandbox and state folder.
func (r *draftRig) wizard(flags ...string) *termtest.Pane {
	r.tb.Helper()
	return r.wizardAt(r.tb, 100, 30, flags...)
}

// exported reads the draft on disk through `draft export`, as a person would.
func (r *draftRig) exported() (apiclient.Submission, bool) {
	out, err := exec.Command(r.bin, "draft", "export").Output()
	if err != nil {
		return apiclient.Submission{}, false
	}
	var s apiclient.Submission
	return s, json.Unmarshal(out, &s) == nil
}

func TestDraftsEndToEndInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	rec := apitest.Sample()

	t.Run("ctrl+c after two pages, then resume", func(t *testing.T) {
		r := newDraftRig(t, bin)
		s := r.wizard()
		s.FillPages(rec, 2)
		s.WaitFor("┃ ID type")
		s.Keys("C-c")
		if code := s.Wait(); code != 130 {
			t.Fatalf("ctrl+c exited with %d, want 130", code)
		}
		s2 := r.wizard()
		s2.WaitFor("Resume the draft from", "today?", "홍길동 <migration@sample.com>")
		s2.Keys("r")
		s2.WaitFor("Review", rec.Admin, rec.FullName, rec.Email, rec.BirthDate, rec.Nationality, rec.UserID, "Male")
	})

	t.Run("kill -9 after page three, then resume", func(t *testing.T) {
		r := newDraftRig(t, bin)
		s := r.wizard()
		s.FillPages(rec, 3)
		s.WaitFor("┃ Street")
		if !termtest.Poll(termtest.Limit, func() bool { d, ok := r.exported(); return ok && d.ExpireDate == rec.ExpireDate }) {
			t.Fatal("page three never reached the draft")
		}
		s.Signal(syscall.SIGKILL)
		s2 := r.wizard("--resume")
		scr := s2.WaitFor("Review", rec.FullName, rec.IDType, rec.IssuingCountry, rec.DocumentNumber, "••••••-•••••••",
			rec.IssueDate, rec.ExpireDate, rec.Admin)
		if strings.Contains(scr, rec.IdentityNumber) {
			t.Errorf("identity number in clear after resuming:\n%s", scr)
		}
		if hits := grepTree(t, r.state, rec.IdentityNumber); len(hits) > 0 && os.Getenv("ARGOS_TEST_KEYRING_SESSION") != "" {
			t.Errorf("identity number in clear in the state folder while a keyring runs: %v", hits)
		}
	})

	for _, sig := range []string{"SIGTERM", "SIGHUP (terminal closed)"} {
		t.Run(sig+" mid-page keeps what was typed", func(t *testing.T) {
			r := newDraftRig(t, bin)
			s := r.wizard()
			s.FillPages(rec, 1)
			s.WaitFor("┃ Full name")
			s.Type(rec.FullName)
			s.WaitFor(rec.FullName)
			if sig == "SIGTERM" {
				s.Signal(syscall.SIGTERM)
			} else {
				s.Hangup() // the pane's terminal goes away: SIGHUP
			}
			if !termtest.Poll(termtest.Limit, func() bool {
				d, ok := r.exported()
				return ok && d.FullName == rec.FullName && d.Admin == rec.Admin
			}) {
				d, _ := r.exported()
				t.Fatalf("after %s the draft holds %+v, want the admin and the half-typed page", sig, d)
			}
		})
	}

	t.Run("invalid_admin resumes at the admin field", func(t *testing.T) {
		r := newDraftRig(t, bin)
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s := r.wizard()
		s.Fill(bad)
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("admin account has no rights")
		s.Keys("q")
		if code := s.Wait(); code != 1 {
			t.Fatalf("quitting after invalid_admin exited with %d, want 1", code)
		}
		s2 := r.wizard()
		s2.WaitFor("Resume the draft from", "Last try: The admin account was refused (invalid_admin)", "opens Admin account")
		s2.Keys("r")
		s2.WaitFor("┃ Admin account", "Invalid admin.", sandbox.AdminInvalid)
		s2.Keys("C-u")
		s2.Type(rec.Admin)
		s2.Keys("C-r")
		s2.WaitFor("✓ Ready", rec.Admin)
	})

	t.Run("outcome unknown looks the email up before re-sending", func(t *testing.T) {
		r := newDraftRig(t, bin)
		drop := rec
		drop.Admin = sandbox.AdminDrop
		s := r.wizard()
		s.Fill(drop)
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("may have been created")
		s.Keys("q")
		s.Wait()
		s2 := r.wizard()
		s2.WaitFor("Resume the draft from", "Last try: No answer from the server", "may have been created")
		s2.Keys("r")
		s2.WaitFor("s looks the email up first")
		s2.Keys("s")
		scr := s2.WaitFor("A submission for this email was created at", "Re-submit anyway?")
		c, err := apiclient.New(apiclient.Options{BaseURL: r.url, APIKey: sandbox.Key})
		if err != nil {
			t.Fatal(err)
		}
		found, err := c.FindByEmail(context.Background(), rec.Email)
		if err != nil || len(found) != 1 {
			t.Fatalf("sandbox lookup: %+v, %v", found, err)
		}
		if !strings.Contains(scr, "(id "+found[0].ID+")") {
			t.Fatalf("the lookup screen does not show the existing id %s:\n%s", found[0].ID, scr)
		}
		s2.Keys("b")
		s2.WaitFor("s looks the email up first")
	})
}

// grepTree lists the files under dir that contain needle.
func grepTree(tb testing.TB, dir, needle string) []string {
	tb.Helper()
	var hits []string
	_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			if b, rerr := os.ReadFile(p); rerr == nil && strings.Contains(string(b), needle) {
				hits = append(hits, p)
			}
		}
		return nil
	})
	return hits
}
