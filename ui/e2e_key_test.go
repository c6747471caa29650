package ui

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// startSandboxProcess runs `argos-migrate sandbox` as its own process and
// returns the URL it prints on stdout.
func startSandboxProcess(tb testing.TB, bin string) string {
	tb.Helper()
	cmd := exec.Command(bin, "sandbox", "--port", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting the sandbox: %v", err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
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
			tb.Fatalf("sandbox printed %q, want its URL", url)
		}
		return url
	case <-time.After(10 * time.Second):
		tb.Fatal("the sandbox printed no URL")
	}
	return ""
}

// TestEndToEndKeyScreenInTmux starts the real binary with no key against a
// sandbox in another process, types the key into the key screen, keeps it
// for this session only and submits. The D-Bus address points at nothing, so
// no keyring (the user's or the suite's) is read or written: the wizard must
// say so and still work.
func TestEndToEndKeyScreenInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	url := startSandboxProcess(t, bin)
	dir := t.TempDir()
	stdout, status := filepath.Join(dir, "stdout"), filepath.Join(dir, "status")
	env := fmt.Sprintf("env -u ARGOS_API_KEY -u ARGOS_PROFILE -u ARGOS_API_URL HOME=%q XDG_CONFIG_HOME=%q DBUS_SESSION_BUS_ADDRESS=%q",
		dir, filepath.Join(dir, "config"), "unix:path="+filepath.Join(dir, "no-bus"))
	s := startTmux(t, 80, 24, fmt.Sprintf("%s %q --api-url %q >%q; echo $? >%q; sleep 30",
		env, bin, url, stdout, status))

	seen := []string{s.waitFor(`API key for profile "default"`, "no key yet", "No OS keyring is available", strings.TrimPrefix(url, "http://"))}
	s.typeText(sandbox.Key)
	seen = append(seen, s.waitFor("Key: "+strings.Repeat("•", len(sandbox.Key))))
	s.keys("Enter")
	seen = append(seen, s.waitFor("✓ The API accepted the key.", "› Use it for this session only"))
	s.keys("o")
	seen = append(seen, s.waitFor("┃ Admin account", "key sand••••", "(this session)"))
	for _, scr := range seen {
		if strings.Contains(scr, sandbox.Key) || strings.Contains(scr, "not-a-secret") {
			t.Fatalf("the key is visible in the pane:\n%s", scr)
		}
	}

	rec := apitest.Sample()
	s.fill(rec)
	s.waitFor("✓ Ready")
	s.keys("s")
	id := idPattern.FindString(s.waitFor("Submission created"))
	s.keys("q")
	if out := waitExit(t, stdout, status); id == "" || out != id+"\n" {
		t.Fatalf("stdout = %q, want the id on the screen (%q)", out, id)
	}
	// Nothing under the temp HOME holds the key: it was for this session only.
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == stdout {
			return nil
		}
		if data, _ := os.ReadFile(path); strings.Contains(string(data), sandbox.Key) {
			t.Errorf("%s holds the key", path)
		}
		return nil
	})
}
