//go:build unix

package apiclient_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

// A named pipe is refused without being opened: opening it would wait for
// a writer that never comes.
func TestCheckImageFileRefusesAPipeWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := apiclient.CheckImageFile(apiclient.ImageAddressProof, fifo)
		done <- err
	}()
	select {
	case err := <-done:
		checkProblem(t, err, string(apiclient.ImageAddressProof), "is not a regular file")
	case <-time.After(10 * time.Second):
		t.Fatal("CheckImageFile blocked on a named pipe")
	}
}
