package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/ui/termtest"
)

// TestTheWizardSaysBeforeTypingThatNoDraftIsKept plays the contradiction of
// an encrypted draft on disk and no OS keyring in this session: the wizard
// says before the first field that no draft is kept, and on exit says so
// first, never "saved unencrypted", and saves the record to a file only the
// agent can read.
func TestTheWizardSaysBeforeTypingThatNoDraftIsKept(t *testing.T) {
	termtest.Require(t)
	root := t.TempDir()
	state := filepath.Join(root, "state")
	dir := filepath.Join(state, "argos-migrate")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// An encrypted draft written by a session that had a keyring.
	enc := `{"format":"argos-migrate-draft","version":2,"encrypted":true,"alg":"AES-256-GCM",` +
		`"nonce":"AAAAAAAAAAAAAAAA","data":"c2VhbGVkIGJ5IGFub3RoZXIgc2Vzc2lvbg=="}` + "\n"
	draftPath := filepath.Join(dir, "default@sandbox.draft.json")
	if err := os.WriteFile(draftPath, []byte(enc), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, "work")
	if err := os.Mkdir(work, 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_STATE_HOME=" + state,
		"XDG_CONFIG_HOME=" + filepath.Join(root, "config"), "XDG_RUNTIME_DIR=" + root, "TERM=xterm-256color"}
	s := termtest.Run(t, termtest.Options{BaseEnv: env, Dir: work, TerminalStdout: true}, binary, "--sandbox")
	s.WaitFor("! No draft is kept in this run", "┃ Admin account")
	s.Paste("admin@sample.com")
	s.Keys("C-c")
	s.WaitFor("! The record was NOT kept as a draft: the saved draft is encrypted", "Save it to a file only you can read?")
	s.Keys("Enter")
	if code := s.Wait(); code != 130 {
		t.Fatalf("exit %d, want 130:\n%s", code, s.Screen())
	}
	scr := s.WaitFor("Saved the record to")
	if strings.Contains(scr, "unencrypted in") || strings.Contains(scr, "kept as a draft for profile") {
		t.Fatalf("the exit contradicts itself:\n%s", scr)
	}
	files, _ := filepath.Glob(filepath.Join(work, "argos-migrate-record-default-*.json"))
	if len(files) != 1 {
		t.Fatalf("saved files %v", files)
	}
	fi, _ := os.Stat(files[0])
	b, _ := os.ReadFile(files[0])
	if fi.Mode().Perm() != 0o600 || !strings.Contains(string(b), `"admin": "admin@sample.com"`) {
		t.Fatalf("the saved record (mode %v):\n%s", fi.Mode().Perm(), b)
	}
	if got, _ := os.ReadFile(draftPath); string(got) != enc {
		t.Fatal("the encrypted draft was changed")
	}
}
