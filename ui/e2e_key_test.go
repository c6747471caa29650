package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// TestEndToEndKeyScreenInTmux starts the real binary with no key against a
// sandbox in another process, types the key into the key screen, keeps it
// for this session only and submits. The D-Bus address points at nothing, so
// no keyring (the user's or the suite's) is read or written: the wizard must
// say so and still work.
func TestEndToEndKeyScreenInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	url := termtest.StartSandbox(t, bin)
	dir := t.TempDir()
	s := termtest.Run(t, termtest.Options{
		Width: 80, Height: 24,
		Unset: []string{"ARGOS_API_KEY", "ARGOS_PROFILE", "ARGOS_API_URL"},
		Env: []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
			"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")},
	}, bin, "--api-url", url)

	seen := []string{s.WaitFor(`API key for profile "default"`, "no key yet", "No OS keyring is available", strings.TrimPrefix(url, "http://"))}
	s.Type(sandbox.Key)
	seen = append(seen, s.WaitFor("Key: "+strings.Repeat("•", len(sandbox.Key))))
	s.Keys("Enter")
	seen = append(seen, s.WaitFor("✓ The API accepted the key.", "› Use it for this session only"))
	s.Keys("o")
	seen = append(seen, s.WaitFor("┃ Admin account", "key sand••••", "(this session)"))
	for _, scr := range seen {
		if strings.Contains(scr, sandbox.Key) || strings.Contains(scr, "not-a-secret") {
			t.Fatalf("the key is visible in the pane:\n%s", scr)
		}
	}

	rec := apitest.Sample()
	s.Fill(rec)
	s.WaitFor("✓ Ready")
	s.Keys("s")
	id := idPattern.FindString(s.WaitFor("Submission created"))
	s.Keys("q")
	if out := s.Stdout(); id == "" || out != id+"\n" {
		t.Fatalf("stdout = %q, want the id on the screen (%q)", out, id)
	}
	// Nothing under the temp HOME holds the key: it was for this session only.
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if data, _ := os.ReadFile(path); strings.Contains(string(data), sandbox.Key) {
			t.Errorf("%s holds the key", path)
		}
		return nil
	})
}

// TestEndToEndKeyScreenAtTheSmallestWindow plays the key screen in a 60x20
// pane with no keyring: a wrong key, then the right one. The refusal and
// the keyring's warning are whole (or end with "…"), and once the key is
// accepted the choice the footer's "enter choose" acts on is on screen,
// without a row that offers storing in a keyring there is not.
func TestEndToEndKeyScreenAtTheSmallestWindow(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	url := termtest.StartSandbox(t, bin)
	dir := t.TempDir()
	s := termtest.Run(t, termtest.Options{
		Width: MinWidth, Height: MinHeight,
		Unset: []string{"ARGOS_API_KEY", "ARGOS_PROFILE", "ARGOS_API_URL"},
		Env: []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
			"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")},
	}, bin, "--api-url", url)

	s.WaitFor(`API key for profile "default"`)
	s.Type("wrong-key-123")
	s.Keys("Enter")
	scr := s.WaitFor("✗ ", "Check it and type it again.", "enter check the key")
	flat := strings.Join(strings.Fields(scr), " ")
	if !strings.Contains(flat, "! No OS keyring is available: the key can be used for this session only.") &&
		!strings.Contains(flat, "! No OS keyring is available: the key can be used for this …") {
		t.Fatalf("the keyring's warning is cut without a mark:\n%s", scr)
	}
	s.Keys("C-u")
	s.Type(sandbox.Key)
	s.Keys("Enter")
	scr = s.WaitFor("✓ The API accepted the key.", "Keep the key?", "› Use it for this session only", "enter choose")
	if strings.Contains(scr, "Store it in the OS keyring") {
		t.Fatalf("without a keyring the screen offers storing in it:\n%s", scr)
	}
	for _, l := range strings.Split(scr, "\n") {
		if cutWord(l) {
			t.Errorf("a word cut in two: %q", l)
		}
	}
	s.Keys("Enter")
	s.WaitFor("┃ Admin account", "(this session)")
}
