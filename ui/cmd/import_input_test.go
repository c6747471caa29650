package cmd

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

// A copy of standard input that a killed import left (personal data) is
// removed by the next import from standard input; one that a running
// import holds, or one still being written, is left alone.
func TestStaleStdinCopiesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("email\nsomeone@example.com\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := write(".stdin-111", 10*time.Minute)
	inUse := write(".stdin-222", 10*time.Minute)
	fresh := write(".stdin-333", 0)
	other := write("export.csv", 10*time.Minute)
	lock := flock.New(inUse)
	if ok, err := lock.TryLock(); err != nil || !ok {
		t.Fatalf("locking: %v %v", ok, err)
	}
	defer lock.Unlock()

	removeStaleStdinCopies(dir)

	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the copy a killed run left is still there (%v)", err)
	}
	for _, p := range []string{inUse, fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
