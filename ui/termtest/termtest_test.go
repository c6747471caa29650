package termtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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
	if Poll(200*time.Millisecond, func() bool { n++; return false }) || n < 2 {
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

// Wait returns once the program's last words are on the screen: the
// screen read right after it holds them, with no WaitFor. With StdinFile
// and TerminalStdout the program reads the file and writes to the screen.
func TestWaitComesAfterTheLastWords(t *testing.T) {
	Require(t)
	in := filepath.Join(t.TempDir(), "in")
	if err := os.WriteFile(in, []byte("from-the-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		p := Run(t, Options{StdinFile: in, TerminalStdout: true},
			"sh", "-c", `read -r line; echo "read:$line"; i=0; while [ $i -lt 200 ]; do echo "line $i"; i=$((i+1)); done; echo last-words; exit 4`)
		if code := p.Wait(); code != 4 {
			t.Fatalf("run %d: exit %d, want 4", i, code)
		}
		if scr := p.Screen(); !strings.Contains(scr, "last-words") {
			t.Fatalf("run %d: the screen after Wait lacks the last line:\n%s", i, scr)
		}
		if tr := p.Transcript(); !strings.Contains(tr, "read:from-the-file") || !strings.Contains(tr, "line 0\n") {
			t.Fatalf("run %d: the transcript lacks the first lines:\n%s", i, tr)
		}
		if out := p.Output(); out != "" {
			t.Fatalf("run %d: Output %q with stdout on the terminal", i, out)
		}
	}
}

// Resize changes the window; Transcript keeps a line longer than the
// window whole.
func TestResizeAndTranscript(t *testing.T) {
	Require(t)
	long := strings.Repeat("x", 150)
	p := Run(t, Options{Width: 100, Height: 30, TerminalStdout: true}, "sh", "-c", "echo "+long)
	p.Wait()
	if tr := p.Transcript(); !strings.Contains(tr, long+"\n") {
		t.Fatalf("the transcript cut the line:\n%s", tr)
	}
	p.Resize(60, 20)
	if got := p.Display("#{window_width}x#{window_height}"); got != "60x20" {
		t.Fatalf("window %s after Resize(60, 20)", got)
	}
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

// ctrl+c on a terminal in cooked mode reaches the whole foreground group,
// Run's shell included: Wait still says how the program ended.
func TestCtrlCInCookedModeIsTheProgramsToReport(t *testing.T) {
	Require(t)
	p := Run(t, Options{}, "sh", "-c", `trap 'echo stopping >&2; exit 130' INT; echo ready >&2; while :; do sleep 1; done`)
	p.WaitFor("ready")
	p.Keys("C-c")
	if code := p.Wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	p.WaitFor("stopping")
}
