package batch

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// step takes j one request further: a lookup or a POST. It settles j, or
// hands it back for later.
func (e *Engine) step(j *job) {
	if j.done != nil {
		e.sendImages(j)
		return
	}
	if j.lookup {
		e.lookUp(j)
		return
	}
	e.send(j)
}

// send makes one POST, journaled before and after, and acts on the answer
// as the failure policy reads it.
func (e *Engine) send(j *job) {
	if err := e.pace.wait(e.stopCtx); err != nil {
		e.finish(j) // stopped before it left
		return
	}
	if err := e.Journal.Sending(j.rec.Row, j.fp); err != nil {
		e.halt(StopJournal, err)
		e.finish(j)
		return
	}
	j.open = true
	if err := e.pace.hold(e.stopCtx); err != nil {
		// Stopped while a 429's wait ran: the POST was never made.
		stopped := apiclient.Classify(context.Canceled, j.rec.Submission)
		if e.recordFailure(j, StatusNotSent, stopped.Record()) {
			e.finish(j)
		}
		return
	}
	id, err := e.API.Submit(e.runCtx, j.rec.Submission)
	if err != nil && e.aborted.Load() {
		e.finish(j) // abandoned: the journal keeps "sending"
		return
	}
	if err == nil {
		e.pace.answered()
		e.streak.Store(0)
		if e.record(j, func() error { return e.Journal.Created(j.rec.Row, j.fp, id, "") }) {
			j.status = StatusCreated
			e.imagesNext(j, &RowResult{Row: j.rec.Row, Email: j.rec.Submission.Email, Status: StatusCreated, ID: id}, id, j.fp, ImageStateNone)
		}
		return
	}
	f := apiclient.Classify(err, j.rec.Submission)
	switch {
	case f.Reason == apiclient.ReasonRateLimited:
		// Not a refusal: nothing was created, and the server asks to slow
		// down. Every worker waits.
		if !e.fail(j, StatusOf(f), f, "", 0) {
			return
		}
		wait := e.pace.throttled(f.RetryAfter)
		e.emit(Event{Kind: EventWait, Wait: wait})
		if j.throttled++; j.throttled >= maxThrottled {
			e.finish(j)
			return
		}
		e.later(j, 0)
	case f.Outcome == apiclient.OutcomeNotSent:
		if !e.fail(j, StatusOf(f), f, "", 0) {
			return
		}
		e.failedRequest(f)
		if j.notSent++; j.notSent >= e.Retries {
			e.finish(j)
			return
		}
		e.later(j, e.backoff(j.notSent))
	case f.Outcome == apiclient.OutcomeRejected:
		e.pace.answered()
		e.streak.Store(0)
		if !e.fail(j, StatusOf(f), f, "", 0) {
			return
		}
		if f.AffectsAll() {
			e.halt(StopRefused, &RefusedError{Failure: f.Record()})
		}
		e.finish(j)
	default: // unknown: never sent again blind
		if !e.fail(j, StatusOf(f), f, "", 0) {
			return
		}
		e.failedRequest(f)
		j.unknowns++
		if f.AffectsAll() {
			e.halt(StopRefused, &RefusedError{Failure: f.Record()})
		}
		if j.unknowns > maxResends || f.AffectsAll() {
			e.finish(j)
			return
		}
		j.lookup = true
		e.later(j, e.Settle)
	}
}

// lookUp asks the server whether a record that may exist does: one match
// is the record, created; nothing at all is certainly absent, and it is
// sent (again); anything else leaves it unknown, for the operator.
func (e *Engine) lookUp(j *job) {
	if err := e.pace.wait(e.stopCtx); err != nil {
		e.finish(j)
		return
	}
	if err := e.pace.hold(e.stopCtx); err != nil {
		e.finish(j)
		return
	}
	found, err := e.API.FindByEmail(e.runCtx, j.rec.Submission.Email)
	if err != nil && e.aborted.Load() {
		e.finish(j)
		return
	}
	if err == nil {
		e.pace.answered()
		m := apiclient.MatchFound(j.rec.Submission, found)
		switch {
		case len(m.Matches) == 1:
			id := m.Matches[0].ID
			// The record found may be the wizard's (the row's last attempt
			// was made there): its images go with what the wizard sent.
			var with *SentWith
			if st := e.Journal.Row(j.rec.Row); st.Uncertain() {
				with = st.SentWith
			}
			if e.record(j, func() error { return e.Journal.CreatedByLookup(j.rec.Row, j.fp, id, with) }) {
				j.status, j.with = StatusCreated, with
				e.imagesNext(j, &RowResult{Row: j.rec.Row, Email: j.rec.Submission.Email, Status: StatusCreated, ID: id,
					ViaLookup: true, Changed: j.changed()}, id, j.fp, ImageStateNone)
			}
		case len(m.Matches) > 1:
			e.leaveUnknown(j, LookupSeveral, len(m.Matches))
		case m.Others > 0:
			e.leaveUnknown(j, LookupUnfiltered, 0)
		default:
			j.lookup = false // certainly absent: send it
			e.send(j)
		}
		return
	}
	if errors.Is(err, apiclient.ErrLookupUnsupported) {
		e.leaveUnknown(j, LookupUnsupported, 0)
		return
	}
	f := apiclient.Classify(err, j.rec.Submission)
	if f.Reason == apiclient.ReasonRateLimited {
		wait := e.pace.throttled(f.RetryAfter)
		e.emit(Event{Kind: EventWait, Wait: wait})
		if j.throttled++; j.throttled < maxThrottled {
			e.later(j, 0)
			return
		}
	} else if j.lookupFail++; j.lookupFail < maxLookupTries && !f.AffectsAll() {
		e.later(j, e.backoff(j.lookupFail))
		return
	}
	e.leaveUnknown(j, LookupFailed, 0)
}

// leaveUnknown settles j as unknown, saying why the lookup did not settle
// it.
func (e *Engine) leaveUnknown(j *job, why string, matches int) {
	j.lookupWhy, j.matches = why, matches
	if e.recordFailure(j, StatusUnknown, j.last) {
		e.finish(j)
	}
}

// fail journals an outcome other than created; false when the journal
// failed (the run is stopping, and j is settled).
func (e *Engine) fail(j *job, s Status, f apiclient.Failure, lookup string, matches int) bool {
	j.lookupWhy, j.matches = lookup, matches
	return e.recordFailure(j, s, f.Record())
}

func (e *Engine) recordFailure(j *job, s Status, fr apiclient.FailureRecord) bool {
	j.last = fr
	ok := e.record(j, func() error { return e.Journal.Failed(j.rec.Row, j.fp, s, fr, j.lookupWhy, j.matches) })
	if ok {
		j.status = s
	}
	return ok
}

// record writes a journal line for j; when it cannot, the run stops (an
// unjournaled request must not follow) and j is settled as it stands.
func (e *Engine) record(j *job, write func() error) bool {
	if err := write(); err != nil {
		e.halt(StopJournal, err)
		e.finish(j)
		return false
	}
	j.open = false
	return true
}

// changed reports a record that a lookup found for a row whose attempt
// that may have created it was made with other values (the row was edited
// since): the submission holds the earlier values.
func (j *job) changed() bool {
	return j.action == ActionLookUp && j.prior.Fingerprint != "" && j.prior.Fingerprint != j.fp
}

// failedRequest counts a request that got no answer; MaxErrors of them in
// a row stop the run, with the last one's failure as the reason.
func (e *Engine) failedRequest(f apiclient.Failure) {
	if e.streak.Add(1) >= int64(e.MaxErrors) {
		e.halt(StopErrors, &FailingError{Requests: e.MaxErrors, Last: f.Record()})
	}
}

// backoff is the wait before try n+1: Backoff doubling, at most 30 s,
// with up to half again of jitter.
func (e *Engine) backoff(n int) time.Duration {
	d := min(e.Backoff<<min(n-1, 10), maxBackoff)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
}

// RefusedError is a failure that every record would meet: the run stopped
// at the first.
type RefusedError struct {
	Failure apiclient.FailureRecord
}

func (e *RefusedError) Error() string {
	return e.Failure.Failure().Title
}

// FailingError is why a run stopped by itself after MaxErrors requests in
// a row got no answer (StopErrors): the server, or the way to it, is
// failing. Last is the last of those failures.
type FailingError struct {
	Requests int
	Last     apiclient.FailureRecord
}

func (e *FailingError) Error() string { return e.In(i18n.Language()) }

// In says it in language l: "12 requests in a row failed (could not reach
// the server)".
func (e *FailingError) In(l i18n.Lang) string {
	title := e.Last.Failure().Title
	if l == i18n.EN {
		title, _ = e.Last.Failure().English()
	}
	return i18n.In(l, "batch.stop.failing", e.Requests, apiclient.LowerFirst(title))
}
