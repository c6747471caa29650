package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// accessibleTmux starts accessible mode on a terminal in tmux, then says
// how it ended and whether the terminal echoes again.
func accessibleTmux(t *testing.T, extraEnv []string, args string) (*auditTmux, string) {
	t.Helper()
	requireTmux(t)
	root := t.TempDir()
	state := filepath.Join(root, "state")
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_STATE_HOME=" + state,
		"XDG_CONFIG_HOME=" + filepath.Join(root, "config"), "XDG_RUNTIME_DIR=" + root, "TERM=xterm-256color"}
	env = append(env, extraEnv...)
	// After the run: its exit code, and whether the terminal echoes.
	shell := binary + " --accessible " + args + `; echo "EXIT=$?"; ` +
		`if stty -a | tr ' ;' '\n\n' | grep -qx -- -echo; then echo ECHO=off; else echo ECHO=on; fi; sleep 60`
	return startAuditTmux(t, env, shell), state
}

// endsBefore is how long a run may take to end after ctrl+c here. The
// run itself needs milliseconds; the bound is the class of failure it
// catches: a read of the terminal left waiting takes the terminal's answers
// to the queries made on the way out, each of which then waits its 2-second
// timeout (or for Enter), so such a run ends after 4 s or never.
const endsBefore = 3 * time.Second

// ctrl+c at a question ends an interactive accessible run at once (exit
// 130), with the answers so far kept as a draft: the read of the terminal
// ends with the run instead of waiting for Enter.
func TestCtrlCEndsInteractiveAccessibleModeAtOnce(t *testing.T) {
	s, state := accessibleTmux(t, nil, "--sandbox")
	s.waitFor("Admin account:")
	s.paste("admin@sample.com")
	s.keys("Enter")
	s.waitFor("Full name:")
	s.keys("C-c")
	scr := s.waitWithin(endsBefore, "EXIT=130", "ECHO=on")
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
	s, _ := accessibleTmux(t, []string{"ARGOS_API_URL=http://127.0.0.1:9"}, "")
	s.waitFor("API key:")
	s.paste("not-a-whole-key")
	s.keys("C-c")
	scr := s.waitWithin(endsBefore, "EXIT=130", "ECHO=")
	if !strings.Contains(scr, "ECHO=on") {
		t.Fatalf("the terminal was left without echo:\n%s", scr)
	}
	if strings.Contains(scr, "not-a-whole-key") {
		t.Fatalf("the key was echoed:\n%s", scr)
	}
}

// waitWithin waits for the pane to show every one of want, for at most d.
func (s *auditTmux) waitWithin(d time.Duration, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(d)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.tmux("", "capture-pane", "-p", "-t", "w")
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("within %v the pane did not show %q; it shows:\n%s", d, want, scr)
	return ""
}
