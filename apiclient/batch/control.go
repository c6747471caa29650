package batch

import (
	"context"
	"sync"
)

// Control is how a view steers a running import: pause (requests in
// flight finish, nothing new starts until resumed), stop (the same, then
// the run ends; the journal is complete and a rerun resumes), and abort
// (requests in flight are abandoned: their rows stay "sending" in the
// journal and are looked up on the next run). Its methods may be called
// from any goroutine, any number of times.
type Control struct {
	mu       sync.Mutex
	paused   bool
	resume   chan struct{} // closed when a pause ends
	stop     chan struct{}
	stopped  bool
	abort    chan struct{}
	aborted  bool
	onChange func(EventKind)
}

// NewControl returns a Control for one run.
func NewControl() *Control {
	return &Control{resume: make(chan struct{}), stop: make(chan struct{}), abort: make(chan struct{})}
}

// Pause stops new requests from starting; those in flight finish.
func (c *Control) Pause() { c.setPaused(true) }

// Resume lets requests start again.
func (c *Control) Resume() { c.setPaused(false) }

// TogglePause pauses a running import or resumes a paused one.
func (c *Control) TogglePause() {
	c.mu.Lock()
	p := c.paused
	c.mu.Unlock()
	c.setPaused(!p)
}

func (c *Control) setPaused(p bool) {
	c.mu.Lock()
	if c.paused == p || c.stopped {
		c.mu.Unlock()
		return
	}
	c.paused = p
	if !p {
		close(c.resume)
		c.resume = make(chan struct{})
	}
	notify := c.onChange
	c.mu.Unlock()
	if notify != nil {
		if p {
			notify(EventPaused)
		} else {
			notify(EventResumed)
		}
	}
}

// Paused reports whether the import is paused.
func (c *Control) Paused() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paused
}

// Stop ends the run once the requests in flight have their answers.
func (c *Control) Stop() {
	c.mu.Lock()
	if c.stopped {
		c.mu.Unlock()
		return
	}
	c.stopped = true
	close(c.stop)
	if c.paused {
		c.paused = false
		close(c.resume)
		c.resume = make(chan struct{})
	}
	notify := c.onChange
	c.mu.Unlock()
	if notify != nil {
		notify(EventStopping)
	}
}

// Abort stops at once: requests in flight are abandoned.
func (c *Control) Abort() {
	c.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.aborted {
		c.aborted = true
		close(c.abort)
	}
}

// Stopping reports whether Stop (or Abort) was called.
func (c *Control) Stopping() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopped
}

// waitRunning returns at once unless paused; then when resumed, stopped,
// or ctx ends.
func (c *Control) waitRunning(ctx context.Context) error {
	for {
		c.mu.Lock()
		paused, resume := c.paused, c.resume
		c.mu.Unlock()
		if !paused {
			return ctx.Err()
		}
		select {
		case <-resume:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (c *Control) setOnChange(f func(EventKind)) {
	c.mu.Lock()
	c.onChange = f
	c.mu.Unlock()
}
