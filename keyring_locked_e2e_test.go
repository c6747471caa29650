//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// requireGnomeKeyring fails under CI=true and skips elsewhere when a private
// D-Bus session with gnome-keyring cannot be started.
func requireGnomeKeyring(t *testing.T) {
	t.Helper()
	reason := ""
	for _, prog := range []string{"dbus-run-session", "gnome-keyring-daemon", "dbus-send"} {
		if _, err := exec.LookPath(prog); err != nil && reason == "" {
			reason = prog + " is missing (bash .ci/test installs gnome-keyring as root)"
		}
	}
	if reason == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s", reason)
	}
	t.Skip("skipping: " + reason)
}

// TestALockedKeyringIsOneDiagnosis runs the binary against a real
// gnome-keyring in a D-Bus session of its own, stores a key, locks the
// keyring (as a screen lock or a timeout does), and checks that auth status
// and the wizard (accessible mode, from a pipe) call it what it is, in the
// same words, and say to unlock it before the first question.
func TestALockedKeyringIsOneDiagnosis(t *testing.T) {
	requireGnomeKeyring(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	root := t.TempDir()
	env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	for _, v := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"} {
		dir := filepath.Join(root, strings.ToLower(v))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+dir)
	}
	out := filepath.Join(root, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	script := `set -u
echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s\n' "$KEY" | "$BIN" auth login --profile acme --api-url "$URL" >"$OUT/login" 2>&1; echo $? >"$OUT/login.rc"
dbus-send --session --dest=org.freedesktop.secrets --type=method_call --print-reply \
  /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
  array:objpath:/org/freedesktop/secrets/collection/login >"$OUT/lock" 2>&1
"$BIN" auth status --profile acme >"$OUT/status" 2>&1; echo $? >"$OUT/status.rc"
printf 'admin@sample.com\n' | "$BIN" --accessible --sandbox --profile acme >"$OUT/wizard" 2>&1; echo $? >"$OUT/wizard.rc"
`
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", script)
	cmd.Env = append(env, "BIN="+binary, "URL="+sb.URL, "OUT="+out, "KEY="+sandbox.Key)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t.Cleanup(func() { stopDaemonsOf(t, filepath.Join(root, "home")) })
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the session failed: %v\n%s", err, stderr.String())
		}
	case <-time.After(2 * time.Minute):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Fatal("the keyring session did not end")
	}
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(out, name))
		return string(b)
	}
	if read("login.rc") != "0\n" {
		t.Fatalf("auth login failed: %s", read("login"))
	}
	if !strings.Contains(read("lock"), "method return") {
		t.Fatalf("the keyring could not be locked: %s", read("lock"))
	}

	locked := keyring.Summary(keyring.ErrLocked) // "the OS keyring is locked"
	status := read("status")
	for _, want := range []string{"Key:      unknown: " + locked, "OS keyring: " + locked, keyring.UnlockAdvice()} {
		if !strings.Contains(status, want) {
			t.Errorf("auth status lacks %q:\n%s", want, status)
		}
	}
	for _, wrong := range []string{"no OS keyring", "start a Secret Service", "did not answer"} {
		if strings.Contains(status, wrong) {
			t.Errorf("auth status calls a locked keyring %q:\n%s", wrong, status)
		}
	}
	if read("status.rc") != "1\n" {
		t.Errorf("auth status exited %s, want 1", read("status.rc"))
	}

	wizard := read("wizard")
	first := strings.Index(wizard, "Admin account")
	unlock := strings.Index(wizard, "! The OS keyring is locked: unlock your keyring")
	if unlock < 0 || first < 0 || unlock > first {
		t.Errorf("the wizard did not say to unlock the keyring before the first question:\n%s", wizard)
	}
	if !strings.Contains(wizard, "NOT kept as a draft: "+locked+"; unlock your keyring") {
		t.Errorf("the wizard's exit does not say, in the same words, why nothing was kept:\n%s", wizard)
	}
	for _, wrong := range []string{"saved unencrypted", "no OS keyring"} {
		if strings.Contains(wizard, wrong) {
			t.Errorf("the wizard says %q about a locked keyring:\n%s", wrong, wizard)
		}
	}
	// Nothing was written in clear.
	if files, _ := filepath.Glob(filepath.Join(root, "xdg_state_home", "argos-migrate", "*.draft.json")); len(files) != 0 {
		t.Errorf("a draft was written while the keyring was locked: %v", files)
	}
}

// stopDaemonsOf ends the daemons a test's D-Bus session left (found by the
// HOME in their environment), by pid.
func stopDaemonsOf(t *testing.T, home string) {
	t.Helper()
	gone := func() bool { return len(processesOf(home)) == 0 }
	if termtest.Poll(time.Second, gone) {
		return // most leave once their bus is gone
	}
	for _, pid := range processesOf(home) {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
	if !termtest.Poll(termtest.Limit, gone) {
		t.Errorf("the keyring session's daemons outlived SIGTERM: %v", processesOf(home))
	}
}

// processesOf lists the processes whose environment sets HOME to home.
func processesOf(home string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err == nil && bytes.Contains(env, []byte("HOME="+home+"\x00")) {
			pids = append(pids, pid)
		}
	}
	return pids
}
