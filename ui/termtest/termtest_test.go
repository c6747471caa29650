package termtest

import (
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

func TestSetEnv(t *testing.T) {
	got := setEnv([]string{"A=1", "B=2", "C=3"}, []string{"B=two", "D=4"}, []string{"C", "E"})
	want := []string{"A=1", "B=two", "D=4"}
	if !slices.Equal(got, want) {
		t.Fatalf("setEnv = %q, want %q", got, want)
	}
}

func TestPollStopsAtTheFirstYesOrAtTheLimit(t *testing.T) {
	n := 0
	if !Poll(time.Second, func() bool { n++; return n == 3 }) || n != 3 {
		t.Fatalf("Poll gave up or went on: %d calls", n)
	}
	n = 0
	if Poll(30*time.Millisecond, func() bool { n++; return false }) || n < 2 {
		t.Fatalf("Poll of a condition never met: %d calls", n)
	}
}

// The pane's program sees Env and not Unset, through the server's
// environment; Run keeps its stdout and exit code.
func TestRunPassesTheEnvironmentAndKeepsTheExit(t *testing.T) {
	Require(t)
	t.Setenv("TERMTEST_GONE", "still here")
	p := Run(t, Options{Env: []string{"TERMTEST_SET=it's set"}, Unset: []string{"TERMTEST_GONE"}},
		"sh", "-c", `echo "[$TERMTEST_SET][${TERMTEST_GONE-unset}]"; echo on-screen >&2; exit 3`)
	if code := p.Wait(); code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	if out := p.Output(); out != "[it's set][unset]\n" {
		t.Fatalf("stdout %q", out)
	}
	p.WaitFor("on-screen")
}

// A process that has ended is not running, even before its parent reaps
// it: Close does not wait on a zombie.
func TestAnEndedProcessIsNotRunning(t *testing.T) {
	c := exec.Command("sh", "-c", "exit 0")
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Wait() }()
	if !Poll(Limit, func() bool { return !running(c.Process.Pid) }) {
		t.Fatalf("process %d ended (not yet reaped) and still counts as running", c.Process.Pid)
	}
	if !running(os.Getpid()) {
		t.Fatal("the test's own process counts as not running: the check above proves nothing")
	}
}
