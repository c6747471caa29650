package batch

import (
	"os"
	"sync"

	"argos-migrate/apiclient/i18n"
)

// committer writes journal lines with group commit: lines that arrive
// while one fsync runs are written together and made durable by the next
// one, so many workers share one fsync instead of queueing one each. Each
// append returns once its line is on disk; a write that fails fails every
// later append too (the journal's end is then unknown: the import stops).
type committer struct {
	f     *os.File
	state *journalState

	mu      sync.Mutex
	buf     []byte
	entries []*journalEntry
	waits   []chan error
	spare   []byte
	closed  bool
	err     error
	kick    chan struct{}
	done    chan struct{}
}

func newCommitter(f *os.File, st *journalState) *committer {
	c := &committer{f: f, state: st, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *committer) run() {
	defer close(c.done)
	for range c.kick {
		c.flush()
	}
	c.flush()
}

// flush writes and syncs what has gathered, applies it to the state, and
// tells each waiting writer.
func (c *committer) flush() {
	c.mu.Lock()
	if len(c.waits) == 0 {
		c.mu.Unlock()
		return
	}
	buf, entries, waits, err := c.buf, c.entries, c.waits, c.err
	// The buffer written last time takes the next lines; this one is
	// kept for the time after.
	c.buf, c.entries, c.waits, c.spare = c.spare[:0], nil, nil, nil
	c.mu.Unlock()
	if err == nil {
		if _, err = c.f.Write(buf); err == nil {
			err = c.f.Sync()
		}
		if err != nil {
			err = i18n.Err("batch.io.journal_write", err)
		}
	}
	if err == nil {
		c.state.mu.Lock()
		for _, e := range entries {
			_ = c.state.apply(e) // entries made here always apply
		}
		c.state.mu.Unlock()
	}
	c.mu.Lock()
	if err != nil && c.err == nil {
		c.err = err
	}
	c.spare = buf
	c.mu.Unlock()
	for _, w := range waits {
		w <- err
	}
}

// append adds one line and waits until it is durable.
func (c *committer) append(e *journalEntry) error {
	ch := make(chan error, 1)
	c.mu.Lock()
	switch {
	case c.closed:
		c.mu.Unlock()
		return errJournalClosed
	case c.err != nil:
		err := c.err
		c.mu.Unlock()
		return err
	}
	c.buf = append(c.buf, encodeEntry(e)...)
	c.entries = append(c.entries, e)
	c.waits = append(c.waits, ch)
	select {
	case c.kick <- struct{}{}:
	default: // a flush is due already; it will take this line too
	}
	c.mu.Unlock()
	return <-ch
}

// close writes what is pending and stops; later appends fail.
func (c *committer) close() error {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.kick)
	}
	c.mu.Unlock()
	<-c.done
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}
