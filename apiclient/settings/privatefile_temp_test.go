package settings

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Every way a write can fail leaves no temp file; a temp file a killed run
// left (a copy of a draft) is removed by the next write of the same file
// once it is stale, never a fresh one (another run's write in progress),
// never another file's, and never something that is not a regular file.
func TestWritesLeaveNoTempFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	path := filepath.Join(dir, "default.draft.json")
	if err := (PrivateFile{}).Write(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	temps := func() []string {
		a, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		b, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
		return append(a, b...)
	}
	crash := PrivateFile{Rename: func(string, string) error { return errors.New("power lost") }}
	if err := crash.Write(path, []byte("second")); err == nil {
		t.Fatal("a failed rename reported success")
	}
	if left := temps(); len(left) != 0 {
		t.Fatalf("a failed rename left %v", left)
	}

	// What a run killed between writing and renaming leaves.
	stale := filepath.Join(dir, ".default.draft.json.123456.tmp")
	legacy := filepath.Join(dir, ".tmp-98765.json") // an earlier version's name
	fresh := filepath.Join(dir, ".default.draft.json.777.tmp")
	other := filepath.Join(dir, ".other.draft.json.55.tmp")
	folder := filepath.Join(dir, ".default.draft.json.9.tmp")
	for _, p := range []string{stale, legacy, fresh, other} {
		if err := os.WriteFile(p, []byte("a record"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * staleTempAge)
	for _, p := range []string{stale, legacy, other, folder} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := (PrivateFile{}).Write(path, []byte("third")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{stale: false, legacy: false, fresh: true, other: true, folder: true} {
		if _, err := os.Lstat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != "third" {
		t.Errorf("the file holds %q", got)
	}
}
