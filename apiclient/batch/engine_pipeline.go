package batch

import (
	"time"

	"argos-migrate/apiclient"
)

// work takes rows, retries first, until there is nothing left or the run
// stops.
func (e *Engine) work(jobs <-chan *job) {
	for {
		var j *job
		select {
		case j = <-e.retry:
		default:
			select {
			case j = <-e.retry:
			case next, ok := <-jobs:
				if !ok {
					jobs = nil // the reader is done; retries may still come
					continue
				}
				j = next
			case <-e.stopCtx.Done():
				return
			case <-e.settled:
				return
			}
		}
		if err := e.ctl.waitRunning(e.stopCtx); err != nil {
			e.finish(j)
			continue
		}
		e.step(j)
	}
}

// drain settles, as they stand, the rows still waiting once the run has
// stopped: in the channels, or for a timer (a backoff, a lookup's settle).
func (e *Engine) drain(jobs <-chan *job) {
	e.delayMu.Lock()
	e.draining = true
	var stopped []*job
	for j, t := range e.delayed {
		if t.Stop() {
			stopped = append(stopped, j)
			delete(e.delayed, j)
		} // else it has fired: it hands j to the retry channel, read below
	}
	e.delayMu.Unlock()
	for _, j := range stopped {
		e.finish(j)
	}
	for {
		select {
		case j, ok := <-jobs:
			if !ok {
				jobs = nil
				continue
			}
			e.finish(j)
		case j := <-e.retry:
			e.finish(j)
		case <-e.settled:
			return
		}
	}
}

// later hands j back to the workers after d; once the run has stopped, it
// settles j as it stands instead.
func (e *Engine) later(j *job, d time.Duration) {
	e.delayMu.Lock()
	defer e.delayMu.Unlock()
	if e.draining || e.stopCtx.Err() != nil {
		go e.finish(j) // not under the lock: finish may wait for the collector
		return
	}
	if d <= 0 {
		go func() { e.retry <- j }()
		return
	}
	e.delayed[j] = time.AfterFunc(d, func() {
		e.delayMu.Lock()
		_, mine := e.delayed[j]
		delete(e.delayed, j)
		e.delayMu.Unlock()
		if mine {
			e.retry <- j
		}
	})
}

// finish settles j as it stands now (its last journaled status).
func (e *Engine) finish(j *job) {
	if j.done != nil {
		// The record exists; its images stay as the journal has them:
		// pending when never sent or cut short (a rerun sends them).
		if j.imgState == ImageStateSending || j.imgState == ImageStateNone {
			j.done.setImages(ImagesPending, apiclient.FailureRecord{})
		}
		e.settleImages(j)
		return
	}
	r := &RowResult{Row: j.rec.Row, Email: j.rec.Submission.Email, Status: j.status,
		Failure: j.last, Lookup: j.lookupWhy, Matches: j.matches}
	switch {
	case j.open:
		// Abandoned with its request out: the journal says "sending", and
		// the next run looks it up.
		r.Status, r.Failure, r.Lookup, r.Matches = StatusUnknown, apiclient.FailureRecord{}, "", 0
		r.sayFailure()
	case r.Status == StatusPending:
	default:
		r.sayFailure()
	}
	r.Images = unsentImages(&j.rec, r.Status)
	e.settle(r)
}

// settle reports a row of the plan as done.
func (e *Engine) settle(r *RowResult) {
	e.emit(Event{Kind: EventRow, Row: r})
	e.live.Done()
}

// settleNow reports a row the plan does not send (invalid, created).
func (e *Engine) settleNow(r *RowResult) {
	e.emit(Event{Kind: EventRow, Row: r})
}

// halt stops the run: nothing new starts. The first reason given is kept.
func (e *Engine) halt(why StopReason, err error) {
	e.stopMu.Lock()
	if e.stopWhy == StopNone || (why == StopAborted && e.stopWhy == StopOperator) {
		e.stopWhy, e.stopErr = why, err
	}
	e.stopMu.Unlock()
	e.stopOnce.Do(func() {
		if why != StopOperator && why != StopAborted {
			e.emit(Event{Kind: EventStopping, Stop: why, Err: err})
		}
		e.stopRun()
	})
}

func (e *Engine) emit(ev Event) {
	if ev.At.IsZero() {
		ev.At = e.Now()
	}
	e.evMu.Lock()
	defer e.evMu.Unlock()
	if !e.evClosed {
		e.events <- ev
	}
}

func (e *Engine) closeEvents() {
	e.evMu.Lock()
	defer e.evMu.Unlock()
	if !e.evClosed {
		e.evClosed = true
		close(e.events)
	}
}

// collect is the one goroutine that counts, and calls OnEvent.
func (e *Engine) collect(c *Counts) {
	for ev := range e.events {
		if ev.Kind == EventRow {
			c.Rows = max(c.Rows, ev.Row.Row)
			c.add(ev.Row)
		}
		ev.Counts = *c
		ev.Rate = e.pace.limit()
		if e.OnEvent != nil {
			e.OnEvent(ev)
		}
	}
}
