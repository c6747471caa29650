package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"argos-migrate/ui/termtest"
)

// accessibleTmux starts accessible mode on a terminal in tmux, its stdout
// on the terminal too, and returns the pane and the state folder.
func accessibleTmux(t *testing.T, extraEnv []string, args ...string) (*termtest.Pane, string) {
	t.Helper()
	termtest.Require(t)
	root := t.TempDir()
	state := filepath.Join(root, "state")
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_STATE_HOME=" + state,
		"XDG_CONFIG_HOME=" + filepath.Join(root, "config"), "XDG_RUNTIME_DIR=" + root, "TERM=xterm-256color"}
	env = append(env, extraEnv...)
	return termtest.Run(t, termtest.Options{BaseEnv: env, TerminalStdout: true},
		append([]string{binary, "--accessible"}, args...)...), state
}

// endsBefore is how long a run may take to end after ctrl+c here. The
// run itself needs milliseconds; the bound is the class of failure it
// catches: a read of the terminal left waiting takes the terminal's answers
// to the queries made on the way out, each of which then waits its 2-second
// timeout (or for Enter), so such a run ends after 4 s or never.
const endsBefore = 3 * time.Second

// waitEnd waits for the run to end after ctrl+c, for at most endsBefore,
// and returns its exit code and its last screen.
func waitEnd(t *testing.T, s *termtest.Pane) (code int, screen string) {
	t.Helper()
	start := time.Now()
	code = s.Wait()
	if took := time.Since(start); took > endsBefore {
		t.Errorf("the run ended %v after ctrl+c, want within %v", took.Round(time.Millisecond), endsBefore)
	}
	return code, s.Screen()
}

// echoes says whether the pane's terminal echoes what is typed, as the
// program left it.
func echoes(t *testing.T, s *termtest.Pane) bool {
	t.Helper()
	tty, err := os.Open(s.Display("#{pane_tty}"))
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	c := exec.Command("stty", "-a") // of its standard input, on every Unix
	c.Stdin = tty
	out, err := c.Output()
	if err != nil {
		t.Fatalf("stty -a: %v", err)
	}
	modes := strings.FieldsFunc(string(out), func(r rune) bool { return r == ' ' || r == ';' || r == '\n' })
	if !slices.Contains(modes, "echo") && !slices.Contains(modes, "-echo") {
		t.Fatalf("stty -a names no echo mode:\n%s", out)
	}
	return !slices.Contains(modes, "-echo")
}

// ctrl+c at a question ends an interactive accessible run at once (exit
// 130), with the answers so far kept as a draft: the read of the terminal
// ends with the run instead of waiting for Enter.
func TestCtrlCEndsInteractiveAccessibleModeAtOnce(t *testing.T) {
	s, state := accessibleTmux(t, nil, "--sandbox")
	s.WaitFor("Admin account:")
	s.Paste("admin@sample.com")
	s.Keys("Enter")
	s.WaitFor("Full name:")
	s.Keys("C-c")
	code, scr := waitEnd(t, s)
	if code != 130 {
		t.Fatalf("exit %d, want 130:\n%s", code, scr)
	}
	if !echoes(t, s) {
		t.Fatalf("the terminal was left without echo:\n%s", scr)
	}
	if !strings.Contains(scr, "Your answers are saved as a draft") {
		t.Errorf("the answers were not said to be kept:\n%s", scr)
	}
	draft, err := os.ReadFile(filepath.Join(state, "argos-migrate", "default@sandbox.draft.json"))
	if err != nil || !strings.Contains(string(draft), "admin@sample.com") {
		t.Fatalf("draft %s, %v", draft, err)
	}
	if strings.Contains(scr, "context canceled") {
		t.Errorf("Go's words on screen:\n%s", scr)
	}
}

// ctrl+c while the API key is typed (no echo) ends the run at once too, and
// the terminal echoes again afterwards.
func TestCtrlCAtTheKeyPromptGivesTheTerminalBack(t *testing.T) {
	s, _ := accessibleTmux(t, []string{"ARGOS_API_URL=http://127.0.0.1:9"})
	s.WaitFor("API key:")
	s.Paste("not-a-whole-key")
	if !termtest.Poll(termtest.Limit, func() bool { return !echoes(t, s) }) {
		t.Fatal("the terminal echoes at the key prompt: the check below proves nothing")
	}
	s.Keys("C-c")
	code, scr := waitEnd(t, s)
	if code != 130 {
		t.Fatalf("exit %d, want 130:\n%s", code, scr)
	}
	if !echoes(t, s) {
		t.Fatalf("the terminal was left without echo:\n%s", scr)
	}
	if strings.Contains(scr, "not-a-whole-key") {
		t.Fatalf("the key was echoed:\n%s", scr)
	}
}
