package cmd

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/ui/termtest"
)

// On a terminal, `--file -` says what it waits for; ctrl+c (the context)
// ends the wait with ErrCancelled and nothing sent.
func TestRecordFromTheTerminalSaysWhatItWaitsFor(t *testing.T) {
	f, _, _ := testFactory(t, map[string]string{"ARGOS_API_KEY": "k"})
	r, w := io.Pipe() // a terminal nobody types into
	defer w.Close()
	errOut := &lockedBuffer{}
	f.IO.In, f.IO.InTTY, f.IO.ErrOut = r, true, errOut
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- submitRun(ctx, &SubmitOptions{Factory: f, Globals: &GlobalOptions{Sandbox: true}, File: "-"})
	}()
	if !termtest.Poll(termtest.Limit, func() bool { return strings.Contains(errOut.String(), "paste its JSON, then press ctrl+d") }) {
		t.Fatalf("stderr %q says nothing about what it waits for", errOut.String())
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrCancelled) || !strings.Contains(err.Error(), "nothing was sent") {
			t.Errorf("error %v, want ErrCancelled saying nothing was sent", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the read did not end when the context did")
	}
}

// Piped input is read without a word on stderr.
func TestRecordFromAPipeIsReadQuietly(t *testing.T) {
	f, _, errOut := testFactory(t, nil)
	f.IO.In = strings.NewReader(`{"admin":"a@b.co"}`)
	if _, err := readRecord(context.Background(), f, "-"); err != nil {
		t.Fatal(err)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr %q", errOut.String())
	}
}

// lockedBuffer is a buffer a test reads while the command writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
