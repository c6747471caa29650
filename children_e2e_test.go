package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// childPrograms are programs that argos-migrate or a library it links may
// start: godbus runs dbus-launch when no session bus is named, the colour
// detection runs `tmux info` inside tmux, the text inputs' paste runs a
// clipboard tool, huh's text field an editor, go-keyring on macOS
// /usr/bin/security. Each fake here writes the environment it was given
// to a file of its own, and behaves just enough like the real one.
var childPrograms = map[string]string{
	"dbus-launch": `echo DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus; echo DBUS_SESSION_BUS_PID=1`,
	"tmux":        `echo "Tc: [present] true"`,
	"xclip":       `:`, "xsel": `:`, "wl-paste": `:`, "wl-copy": `:`,
	"security": `:`, "launchctl": `:`, "vi": `:`, "nano": `:`,
}

// TestNoChildProcessInheritsAKey runs commands that start child processes
// (keyring calls with no session bus, colour detection inside tmux) with
// ARGOS_API_KEY and ARGOS_SANDBOX_KEY set, every program they may start
// replaced by one that records its environment, and checks that no child
// saw either key, and that no session bus was started.
func TestNoChildProcessInheritsAKey(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fakes are shell scripts")
	}
	key := "CHILDKEY-" + randomHex(t) + randomHex(t)
	sandboxKey := "CHILDSBX-" + randomHex(t) + randomHex(t)
	bin, logs := t.TempDir(), t.TempDir()
	for name, body := range childPrograms {
		script := "#!/bin/sh\nenv > \"" + logs + "/" + name + ".$$\"\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	state := t.TempDir()
	env := []string{
		"PATH=" + bin + ":/usr/bin:/bin",
		"ARGOS_API_KEY=" + key, "ARGOS_SANDBOX_KEY=" + sandboxKey,
		// No session bus, and none where godbus would look for one.
		"XDG_RUNTIME_DIR=" + t.TempDir(),
		// Inside tmux, with output taken for a terminal: lipgloss asks
		// `tmux info` while the program starts.
		"TMUX=/tmp/tmux-fake/default,1,0", "TERM=xterm-256color", "TTY_FORCE=1",
		"XDG_STATE_HOME=" + state, "XDG_CONFIG_HOME=" + t.TempDir(),
	}
	answers, err := os.ReadFile("testdata/accessible-answers.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"auth", "status"}},
		{"", []string{"submit", "--dry-run", "--file", "testdata/sample-record.json"}},
		{"", []string{"draft", "show"}},
		// Drafts reach for the keyring; the sandbox checks its own key.
		{string(answers), []string{"--accessible", "--sandbox"}},
	} {
		stdout, stderr, _ := run(t, c.stdin, env, c.args...)
		for _, k := range []string{key, sandboxKey} {
			if strings.Contains(stdout+stderr, k) {
				t.Errorf("%v printed a key", c.args)
			}
		}
	}

	entries, err := os.ReadDir(logs)
	if err != nil {
		t.Fatal(err)
	}
	started := map[string]int{}
	for _, e := range entries {
		name, _, _ := strings.Cut(e.Name(), ".")
		started[name]++
		data, err := os.ReadFile(filepath.Join(logs, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{key, sandboxKey} {
			if strings.Contains(string(data), k) {
				t.Errorf("%s was started with a key in its environment", name)
			}
		}
		for _, line := range strings.Split(string(data), "\n") {
			if n, _, _ := strings.Cut(line, "="); strings.HasPrefix(n, "ARGOS_") && strings.Contains(n, "KEY") {
				t.Errorf("%s inherited %s", name, n)
			}
		}
	}
	if started["dbus-launch"] > 0 {
		t.Errorf("a session bus was started (dbus-launch ran %d times): with no bus, there is no OS keyring", started["dbus-launch"])
	}
	// The check must have seen a child, or it proves nothing.
	if started["tmux"] == 0 {
		t.Fatalf("no child process was started (%v): the test no longer exercises inheritance", started)
	}
}
