// Package termtest drives argos-migrate in a terminal for the module's tests:
// the real binary in a real terminal (tmux, on a private server per pane),
// and the one wait loop every screen test polls with, tmux's or the virtual
// terminal's.
//
// Every end-to-end test starts with Require, which skips in -short mode
// and, when tmux is missing, fails under CI=true and skips elsewhere.
// A Pane's program gets its environment through the tmux server's, never
// through argv, so a key given in Options.Env appears in no process's
// arguments.
package termtest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Require is the gate of every end-to-end test: it skips in -short mode,
// and without tmux it fails under CI=true (where the suite installs it) and
// skips with the reason elsewhere.
func Require(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("skipping the end-to-end test in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("tmux is required for the end-to-end test under CI=true: %v", err)
		}
		tb.Skipf("skipping the end-to-end test: tmux not found (%v); install tmux or run bash .ci/test as root", err)
	}
}

// Build compiles argos-migrate into a folder of the test's and returns the
// binary's path.
func Build(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "argos-migrate")
	if out, err := exec.Command("go", "build", "-o", bin, "argos-migrate").CombinedOutput(); err != nil {
		tb.Fatalf("building argos-migrate: %v\n%s", err, out)
	}
	return bin
}

// StartSandbox runs `bin sandbox` as a process of its own (one that outlives
// each wizard a test starts) until the test ends, and returns its URL.
func StartSandbox(tb testing.TB, bin string, flags ...string) string {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox", "--port", "0"}, flags...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting the sandbox: %v", err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case url := <-got:
		if !strings.HasPrefix(url, "http://127.0.0.1:") {
			tb.Fatalf("the sandbox printed %q, want its URL", url)
		}
		return url
	case <-time.After(Limit):
		tb.Fatal("the sandbox printed no URL")
	}
	return ""
}
