package ui

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
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
	cmd := exec.Command(bin, "sandbox", "--port", "0")
	cmd.Env = os.Environ()
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		tb.Fatalf("reading the sandbox's URL: %v", err)
	}
	r := &draftRig{tb: tb, bin: bin, url: strings.TrimSpace(line), state: tb.TempDir()}
	// The key reaches the wizards through the environment tmux inherits,
	// never through argv.
	tb.Setenv("ARGOS_API_KEY", sandbox.Key)
	tb.Setenv("XDG_STATE_HOME", r.state)
	tb.Setenv("ARGOS_PROFILE", "")
	return r
}

// wizard starts one wizard in a tmux of its own; status gets its exit code.
func (r *draftRig) wizard(flags ...string) (s *tmuxSession, status string) {
	r.tb.Helper()
	status = filepath.Join(r.tb.TempDir(), "status")
	args := ""
	for _, f := range flags {
		args += " " + strconv.Quote(f)
	}
	s = startTmux(r.tb, 100, 30, fmt.Sprintf("XDG_STATE_HOME=%q %q --api-url %q%s >/dev/null; echo $? >%q; sleep 30",
		r.state, r.bin, r.url, args, status))
	return s, status
}

// exitCode waits for a wizard to end.
func exitCode(tb testing.TB, status string) int {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(status); err == nil && len(b) > 0 {
			n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.Fatal("the wizard did not exit")
	return -1
}

// fillPages types the first n pages of rec.
func (s *tmuxSession) fillPages(rec apiclient.Submission, n int) {
	s.tb.Helper()
	for _, p := range apiclient.Pages[:n] {
		for _, k := range p.Keys {
			s.waitFor("┃ " + apiclient.Label(k))
			typed, downs := fieldInput(k, rec.Get(k))
			s.typeText(typed)
			for range downs {
				s.keys("Down")
			}
			s.keys("Enter")
		}
	}
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

// wizardPID is the argos-migrate process in the session's pane.
func (s *tmuxSession) wizardPID() int {
	s.tb.Helper()
	shell := strings.TrimSpace(s.run("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell, "-x", "argos-migrate").Output()
	pid, perr := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || perr != nil {
		s.tb.Fatalf("finding the wizard under pane %s: %v %q", shell, err, out)
	}
	return pid
}

func TestDraftsEndToEndInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	rec := apitest.Sample()

	t.Run("ctrl+c after two pages, then resume", func(t *testing.T) {
		r := newDraftRig(t, bin)
		s, status := r.wizard()
		s.fillPages(rec, 2)
		s.waitFor("┃ ID type")
		s.keys("C-c")
		if code := exitCode(t, status); code != 130 {
			t.Fatalf("ctrl+c exited with %d, want 130", code)
		}
		s2, _ := r.wizard()
		s2.waitFor("Resume the draft from", "today?", "홍길동 <migration@sample.com>")
		s2.keys("r")
		s2.waitFor("Review", rec.Admin, rec.FullName, rec.Email, rec.BirthDate, rec.Nationality, rec.UserID, "Male")
	})

	t.Run("kill -9 after page three, then resume", func(t *testing.T) {
		r := newDraftRig(t, bin)
		s, _ := r.wizard()
		s.fillPages(rec, 3)
		s.waitFor("┃ Street")
		deadline := time.Now().Add(10 * time.Second)
		for {
			if d, ok := r.exported(); ok && d.ExpireDate == rec.ExpireDate {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("page three never reached the draft")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err := syscall.Kill(s.wizardPID(), syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		s2, _ := r.wizard("--resume")
		scr := s2.waitFor("Review", rec.FullName, rec.IDType, rec.IssuingCountry, rec.DocumentNumber, "••••••-•••••••",
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
			s, _ := r.wizard()
			s.fillPages(rec, 1)
			s.waitFor("┃ Full name")
			s.typeText(rec.FullName)
			s.waitFor(rec.FullName)
			if sig == "SIGTERM" {
				if err := syscall.Kill(s.wizardPID(), syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			} else {
				s.run("kill-server") // the pane's terminal goes away: SIGHUP
			}
			deadline := time.Now().Add(10 * time.Second)
			for {
				if d, ok := r.exported(); ok && d.FullName == rec.FullName && d.Admin == rec.Admin {
					break
				}
				if time.Now().After(deadline) {
					d, _ := r.exported()
					t.Fatalf("after %s the draft holds %+v, want the admin and the half-typed page", sig, d)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}

	t.Run("invalid_admin resumes at the admin field", func(t *testing.T) {
		r := newDraftRig(t, bin)
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s, status := r.wizard()
		s.fill(bad)
		s.waitFor("✓ Ready")
		s.keys("s")
		s.waitFor("admin account has no rights")
		s.keys("q")
		if code := exitCode(t, status); code != 1 {
			t.Fatalf("quitting after invalid_admin exited with %d, want 1", code)
		}
		s2, _ := r.wizard()
		s2.waitFor("Resume the draft from", "Last try: The admin account was refused (invalid_admin)", "opens Admin account")
		s2.keys("r")
		s2.waitFor("┃ Admin account", "Invalid admin.", sandbox.AdminInvalid)
		s2.keys("C-u")
		s2.typeText(rec.Admin)
		s2.keys("C-r")
		s2.waitFor("✓ Ready", rec.Admin)
	})

	t.Run("outcome unknown looks the email up before re-sending", func(t *testing.T) {
		r := newDraftRig(t, bin)
		drop := rec
		drop.Admin = sandbox.AdminDrop
		s, status := r.wizard()
		s.fill(drop)
		s.waitFor("✓ Ready")
		s.keys("s")
		s.waitFor("may have been created")
		s.keys("q")
		exitCode(t, status)
		s2, _ := r.wizard()
		s2.waitFor("Resume the draft from", "Last try: No answer from the server", "may have been created")
		s2.keys("r")
		s2.waitFor("s looks the email up first")
		s2.keys("s")
		scr := s2.waitFor("A submission for this email was created at", "Re-submit anyway?")
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
		s2.keys("b")
		s2.waitFor("s looks the email up first")
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
