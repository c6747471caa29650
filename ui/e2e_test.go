package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// tmuxSession drives the real binary in a detached tmux on a private socket.
type tmuxSession struct {
	tb     testing.TB
	socket string
	name   string
}

// needTmux is the gate of every end-to-end test: it skips in -short mode,
// and without tmux it fails under CI (where the suite installs it) and skips
// with the reason elsewhere.
func needTmux(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("skipping the end-to-end test in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("tmux is required for the end-to-end test under CI: %v", err)
		}
		tb.Skipf("skipping the end-to-end test: tmux not found (%v); install tmux or run bash .ci/test as root", err)
	}
}

// buildBinary compiles argos-migrate once per test run.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "argos-migrate")
	cmd := exec.Command("go", "build", "-o", bin, "argos-migrate")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building argos-migrate: %v\n%s", err, out)
	}
	return bin
}

func startTmux(tb testing.TB, width, height int, shellCmd string) *tmuxSession {
	tb.Helper()
	// A private server on a socket in the test's temp dir: no user config, no
	// clash with a running tmux, nothing left behind.
	s := &tmuxSession{tb: tb, socket: filepath.Join(tb.TempDir(), "tmux.sock"), name: "wizard"}
	// Each session keeps its drafts in a state folder of its own, so two
	// wizards of one test never meet over a draft lock; a shell command that
	// sets XDG_STATE_HOME itself still wins.
	s.run("-f", "/dev/null", "new-session", "-d", "-s", s.name, "-e", "XDG_STATE_HOME="+tb.TempDir(),
		"-x", fmt.Sprint(width), "-y", fmt.Sprint(height), shellCmd)
	tb.Cleanup(func() {
		// A wizard saves its draft when the terminal closes: wait for the
		// pane's processes to finish before the temp folders go.
		pids := s.paneProcesses()
		_ = exec.Command("tmux", "-S", s.socket, "kill-server").Run()
		waitGone(pids, 5*time.Second)
	})
	return s
}

// paneProcesses lists the pane's shell and its children.
func (s *tmuxSession) paneProcesses() []int {
	out, err := exec.Command("tmux", "-S", s.socket, "list-panes", "-a", "-F", "#{pane_pid}").Output()
	if err != nil {
		return nil
	}
	var pids []int
	for _, f := range strings.Fields(string(out)) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			continue
		}
		pids = append(pids, pid)
		kids, _ := exec.Command("pgrep", "-P", f).Output()
		for _, k := range strings.Fields(string(kids)) {
			if n, err := strconv.Atoi(k); err == nil {
				pids = append(pids, n)
			}
		}
	}
	return pids
}

// waitGone waits until none of pids is running, or the time is up.
func waitGone(pids []int, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for _, pid := range pids {
		for time.Now().Before(deadline) && syscall.Kill(pid, 0) == nil {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func (s *tmuxSession) run(args ...string) string {
	s.tb.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.tb.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) capture() string { return s.run("capture-pane", "-p", "-t", s.name) }

// waitFor polls the pane until every want is on it.
func (s *tmuxSession) waitFor(want ...string) string {
	s.tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.capture()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.tb.Fatalf("pane never showed %q; it shows:\n%s", want, scr)
	return ""
}

func (s *tmuxSession) typeText(text string) {
	if text != "" {
		s.run("send-keys", "-t", s.name, "-l", text)
	}
}

func (s *tmuxSession) keys(keys ...string) {
	s.run(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// fill types rec into the form page by page, waiting for each field's focus.
func (s *tmuxSession) fill(rec apiclient.Submission) {
	s.tb.Helper()
	for _, p := range apiclient.Pages {
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

var idPattern = regexp.MustCompile(`sbx[0-9a-f]{12}_mg`)

// runWizard starts `argos-migrate --sandbox` in tmux with stdout and the exit
// status going to files.
func runWizard(tb testing.TB, bin string, width, height int) (s *tmuxSession, stdout, status string) {
	dir := tb.TempDir()
	stdout, status = filepath.Join(dir, "stdout"), filepath.Join(dir, "status")
	// Drafts go to a state folder of the test's own.
	s = startTmux(tb, width, height, fmt.Sprintf("env -u %s XDG_STATE_HOME=%q %q --sandbox >%q; echo $? >%q; sleep 30",
		"ARGOS_API_KEY", tb.TempDir(), bin, stdout, status))
	return s, stdout, status
}

// waitExit waits for the program to end and returns its stdout.
func waitExit(tb testing.TB, stdout, status string) string {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if code, err := os.ReadFile(status); err == nil && len(code) > 0 {
			if strings.TrimSpace(string(code)) != "0" {
				tb.Fatalf("argos-migrate exited with %s", code)
			}
			out, _ := os.ReadFile(stdout)
			return string(out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.Fatal("argos-migrate did not exit")
	return ""
}

func TestEndToEndInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	rec := apitest.Sample()

	t.Run("sample record at 100x30", func(t *testing.T) {
		s, stdout, status := runWizard(t, bin, 100, 30)
		s.waitFor("SANDBOX", "key sand••••", "┃ Admin account")
		s.fill(rec)
		scr := s.waitFor("✓ Ready. Press s to submit", "홍길동", "••••••-•••••••")
		if strings.Contains(scr, rec.IdentityNumber) {
			t.Fatalf("identity number in clear on the review:\n%s", scr)
		}
		if path := os.Getenv("ARGOS_E2E_CAPTURE"); path != "" {
			_ = os.WriteFile(path, []byte(scr), 0o644)
		}
		s.keys("s")
		scr = s.waitFor("Submission created")
		id := idPattern.FindString(scr)
		if id == "" {
			t.Fatalf("no submission id on the result screen:\n%s", scr)
		}
		s.keys("q")
		if out := waitExit(t, stdout, status); out != id+"\n" {
			t.Fatalf("stdout = %q, want the id %s and a newline", out, id)
		}
	})

	t.Run("invalid admin fixed at 80x24", func(t *testing.T) {
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s, stdout, status := runWizard(t, bin, 80, 24)
		s.fill(bad)
		s.waitFor("✓ Ready")
		s.keys("s")
		s.waitFor("admin account has no rights", "f fix Admin account")
		s.keys("f")
		s.waitFor("┃ Admin account", "Invalid admin.")
		s.keys("C-u")
		s.typeText(rec.Admin)
		s.keys("C-r")
		s.waitFor("✓ Ready", rec.Admin, "홍길동")
		s.keys("s")
		id := idPattern.FindString(s.waitFor("Submission created"))
		s.keys("q")
		if out := waitExit(t, stdout, status); id == "" || out != id+"\n" {
			t.Fatalf("stdout = %q, want the id on the screen (%q)", out, id)
		}
	})
}
