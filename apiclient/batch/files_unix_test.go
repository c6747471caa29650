//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO or a folder where the results or the journal go is refused at
// once: never waited on, never written through.
func TestOpenPrivateRefusesWhatIsNoFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "export.results.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no FIFO here:", err)
		}
		t.Skip("no FIFO here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := CreateResults(fifo)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a FIFO was taken for the results file")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("opening a FIFO for the results waited for a reader")
	}
	if err := os.Mkdir(filepath.Join(dir, JournalFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenJournal(dir); err == nil {
		t.Error("a folder was taken for the journal file")
	}
}
