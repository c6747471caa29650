package cmd

import (
	"context"
	"io"
	"testing"
	"time"

	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

// A closed terminal (SIGHUP cancels the context) must end the question about
// a locked draft instead of leaving the process waiting on a dead terminal.
func TestLockQuestionEndsWithTheContext(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	in, keys := io.Pipe() // a terminal that never answers
	defer keys.Close()
	f.IO.In = in
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan lockChoice, 1)
	go func() {
		c, _ := askLockChoice(ctx, f, ui.Target{Profile: "default"})(&draft.LockedError{Path: "x.lock", PID: 1})
		done <- c
	}()
	time.Sleep(50 * time.Millisecond) // the question is up
	cancel()
	select {
	case c := <-done:
		if c != lockQuit {
			t.Fatalf("choice %v after the terminal closed, want quit", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the question kept waiting after the context ended")
	}
}
