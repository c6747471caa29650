package batch

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// API is what an import needs of the client: *apiclient.Client.
type API interface {
	Submit(ctx context.Context, s apiclient.Submission) (string, error)
	FindByEmail(ctx context.Context, email string) ([]apiclient.FoundSubmission, error)
}

// Defaults of an Engine.
const (
	DefaultConcurrency = 4
	// DefaultRate is gentle on purpose: the API documents no rate limit
	// for this call, the key is the customer's production key, shared
	// with their live traffic, and the only published quota (an older
	// ARGOS guide: 500,000 calls a day per key, GET and POST together)
	// would be a third used by a day at this pace. 10,000 rows still take
	// under 17 minutes. --rate raises it.
	DefaultRate      = 10
	DefaultMaxErrors = 20
	DefaultRetries   = 5
	DefaultBackoff   = 500 * time.Millisecond
	DefaultSettle    = time.Second
	maxBackoff       = 30 * time.Second
	maxResends       = 3  // unknown outcomes, each looked up and found absent, before a row is left unknown
	maxThrottled     = 50 // 429s for one row before it is left not sent
	maxLookupTries   = 4
)

// StopReason says why a run ended before its last row.
type StopReason string

// The reasons a run stops early.
const (
	StopNone     StopReason = ""
	StopOperator StopReason = "stopped" // Control.Stop: in-flight requests finished
	StopAborted  StopReason = "aborted" // Control.Abort: in-flight requests abandoned
	StopErrors   StopReason = "errors"  // MaxErrors failed requests in a row
	StopRefused  StopReason = "refused" // a failure every record would meet (the key, the URL, encryption)
	StopJournal  StopReason = "journal" // the journal could not be written: nothing more may be sent
	StopInput    StopReason = "input"   // the input could not be read again as it was
)

// Engine sends the valid rows of an input, once each: through a bounded
// pipeline (a reader, Concurrency workers, one collector) whose memory does
// not grow with the rows, paced by a token bucket, with every request
// written to the journal before it is made. It imports no Charm package:
// views follow it through OnEvent.
type Engine struct {
	Source  Source
	API     API
	Journal *Journal
	// Concurrency is how many requests may be out at once.
	Concurrency int
	// Rate is the most requests (POSTs and lookups) a second; 0 for no
	// limit.
	Rate float64
	// MaxErrors stops the run after that many requests in a row that got
	// no answer (not sent, or outcome unknown): the server is failing.
	MaxErrors int
	// Retries is how many times a record that did not reach the server is
	// tried before it is left not sent; Backoff is the first wait between
	// tries, doubling, with jitter.
	Retries int
	Backoff time.Duration
	// Settle is how long to wait after an unknown outcome before looking
	// the record up: a server that timed out may still be creating it.
	Settle time.Duration
	// Plan is the preflight's count (Work is the progress bar's whole).
	Plan Plan
	// OnEvent, when set, sees every event, in order, from one goroutine.
	OnEvent func(Event)
	Now     func() time.Time

	// Set by Run.
	ctl      *Control
	runCtx   context.Context // cancelled by Abort: requests in flight end
	stopCtx  context.Context // cancelled by Stop, Abort or a fatal failure: no new request
	stopRun  context.CancelFunc
	pace     *pacer
	streak   atomic.Int64
	live     sync.WaitGroup
	events   chan Event
	evMu     sync.Mutex
	evClosed bool
	retry    chan *job
	delayMu  sync.Mutex
	delayed  map[*job]*time.Timer
	draining bool          // the run stopped: whatever waits is settled as it stands
	settled  chan struct{} // closed once the reader is done and every row it handed out settled
	stopOnce sync.Once
	stopWhy  StopReason
	stopErr  error
	stopMu   sync.Mutex
	aborted  atomic.Bool
}

// Result is how a run ended.
type Result struct {
	Counts  Counts
	Stopped StopReason
	// Err is the failure behind StopRefused, StopJournal or StopInput.
	Err  error
	Took time.Duration
}

// job is one row on its way through the workers.
type job struct {
	rec    Record
	fp     string
	action Action
	prior  RowState // the journal's state of the row at the start
	lookup bool     // the next step is a lookup, not a POST

	open   bool // a "sending" line without its outcome
	status Status
	// The images' step, once the record exists: done is the row's result
	// (settled with the images), id the submission, cfp the fingerprint
	// of the created record (its image lines name it), imgState the
	// journal's state of the images.
	done       *RowResult
	id, cfp    string
	imgState   ImageState
	with       *SentWith // what the images go with, when a lookup found the wizard's record
	last       apiclient.FailureRecord
	lookupWhy  string
	matches    int
	notSent    int
	throttled  int
	unknowns   int
	lookupFail int
}

// Run sends the rows and returns when every row of the plan is settled,
// or the run was stopped. ctx ending aborts the run as Control.Abort does.
func (e *Engine) Run(ctx context.Context, ctl *Control) (Result, error) {
	if e.Concurrency <= 0 {
		e.Concurrency = DefaultConcurrency
	}
	if e.MaxErrors <= 0 {
		e.MaxErrors = DefaultMaxErrors
	}
	if e.Retries <= 0 {
		e.Retries = DefaultRetries
	}
	if e.Backoff <= 0 {
		e.Backoff = DefaultBackoff
	}
	if e.Settle <= 0 {
		e.Settle = DefaultSettle
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if ctl == nil {
		ctl = NewControl()
	}
	src, err := e.Source.open()
	if err != nil {
		return Result{}, err
	}
	defer src.close()

	e.ctl = ctl
	var cancelRun context.CancelFunc
	e.runCtx, cancelRun = context.WithCancel(ctx)
	defer cancelRun()
	e.stopCtx, e.stopRun = context.WithCancel(e.runCtx)
	defer e.stopRun()
	e.pace = newPacer(e.Rate, e.Now)
	e.events = make(chan Event, 4*e.Concurrency)
	e.retry = make(chan *job, 4*e.Concurrency)
	e.delayed = map[*job]*time.Timer{}
	e.settled = make(chan struct{})
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-ctl.abort:
			e.aborted.Store(true)
			e.halt(StopAborted, nil)
			cancelRun()
		case <-ctl.stop:
			e.halt(StopOperator, nil)
			select { // a second ctrl+c after the first
			case <-ctl.abort:
				e.aborted.Store(true)
				e.halt(StopAborted, nil)
				cancelRun()
			case <-finished:
			}
		case <-ctx.Done():
			e.aborted.Store(true)
			e.halt(StopAborted, nil)
		case <-finished:
		}
	}()
	ctl.setOnChange(func(k EventKind) {
		ev := Event{Kind: k}
		if k == EventStopping {
			ev.Stop = StopOperator // the operator's stop (q, ctrl+c, a signal)
		}
		e.emit(ev)
	})
	defer ctl.setOnChange(nil)

	start := e.Now()
	counts := Counts{ToSend: e.Plan.Work(), Started: start}
	var collected sync.WaitGroup
	collected.Add(1)
	go func() {
		defer collected.Done()
		e.collect(&counts)
	}()

	jobs := make(chan *job, 2*e.Concurrency)
	var workers sync.WaitGroup
	for range e.Concurrency {
		workers.Add(1)
		go func() {
			defer workers.Done()
			e.work(jobs)
		}()
	}
	inputErr := e.produce(src, jobs)
	close(jobs)
	if inputErr != nil {
		e.halt(StopInput, inputErr)
	}
	go func() {
		e.live.Wait()
		close(e.settled)
	}()
	// Once nothing new may start, whatever waits in the channels or for
	// a timer is settled as it stands.
	go func() {
		select {
		case <-e.stopCtx.Done():
			e.drain(jobs)
		case <-e.settled:
		}
	}()
	<-e.settled
	workers.Wait()
	e.closeEvents()
	collected.Wait()

	res := Result{Counts: counts, Took: e.Now().Sub(start)}
	e.stopMu.Lock()
	res.Stopped, res.Err = e.stopWhy, e.stopErr
	e.stopMu.Unlock()
	return res, nil
}

// produce reads the input again and hands each row to the workers, or
// settles it at once (invalid, created already). It stops reading when the
// run stops.
func (e *Engine) produce(src *pass, jobs chan<- *job) error {
	for {
		if e.stopCtx.Err() != nil {
			return nil
		}
		rec, err := src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return i18n.Err("batch.io.read_again_send", err)
		}
		if !rec.Valid() && rec.RecordValid() {
			// Only its images fail the check: a record created already stays
			// created, its images pending until the files are fixed.
			if action, prior := e.Journal.Decide(rec.Row, rec.Fingerprint()); action == ActionSkip || action == ActionChanged {
				r := &RowResult{Row: rec.Row, Email: rec.Submission.Email, Status: StatusCreated, ID: prior.ID,
					Earlier: true, ViaLookup: prior.ViaLookup, Fixed: prior.ViaWizard}
				r.setImages(imageOutcomeOf(prior.Images, true), prior.ImageFailure)
				if !prior.Images.Done() {
					r.sayImagesRefused(&rec)
				}
				e.settleNow(r)
				continue
			}
		}
		if !rec.Valid() {
			if prior := e.Journal.Row(rec.Row); prior.Status == StatusCreated && prior.ViaWizard {
				// Still invalid in the file, but fixed and created in the
				// wizard: created, its images attached or sent now.
				if !e.earlier(jobs, rec, rec.Fingerprint(), ActionChanged, prior) {
					return nil
				}
				continue
			}
			r := &RowResult{Row: rec.Row, Email: rec.Submission.Email, Status: StatusInvalid, Images: ImagesNone}
			r.sayRefusal(&rec)
			e.settleNow(r)
			continue
		}
		fp := rec.Fingerprint()
		action, prior := e.Journal.Decide(rec.Row, fp)
		switch action {
		case ActionSkip, ActionChanged:
			if !e.earlier(jobs, rec, fp, action, prior) {
				return nil
			}
			continue
		}
		j := &job{rec: rec, fp: fp, action: action, prior: prior, lookup: action == ActionLookUp,
			status: StatusPending, open: prior.Sending}
		if action == ActionLookUp {
			j.status, j.last, j.lookupWhy, j.matches = StatusUnknown, prior.Failure, prior.Lookup, prior.Matches
		}
		if !e.hand(jobs, j) {
			return nil
		}
	}
}

// hand gives j to the workers; false when the run stopped first (j is
// then finished as not tried).
func (e *Engine) hand(jobs chan<- *job, j *job) bool {
	e.live.Add(1)
	select {
	case jobs <- j:
		return true
	case <-e.stopCtx.Done():
		e.finish(j)
		return false
	}
}

// earlier settles a row whose record was created in an earlier run (or in
// the wizard): at once when its images need no sending, else by a job that
// sends only its images. false when the run stopped first.
func (e *Engine) earlier(jobs chan<- *job, rec Record, fp string, action Action, prior RowState) bool {
	r := &RowResult{Row: rec.Row, Email: rec.Submission.Email, Status: StatusCreated, ID: prior.ID,
		Earlier: true, ViaLookup: prior.ViaLookup, Fixed: prior.ViaWizard, Changed: action == ActionChanged && !prior.ViaWizard}
	if r.Changed {
		r.sayChanged()
	}
	if !rec.HasImages() || prior.Images.Done() {
		r.setImages(imageOutcomeOf(prior.Images, rec.HasImages()), apiclient.FailureRecord{})
		e.settleNow(r)
		return true
	}
	// Created earlier, its images not attached yet: they are sent.
	r.ImagesOnly = true
	r.setImages(ImagesPending, apiclient.FailureRecord{})
	j := &job{rec: rec, fp: fp, action: action, prior: prior, status: StatusCreated,
		done: r, id: prior.ID, cfp: prior.Fingerprint, imgState: prior.Images}
	return e.hand(jobs, j)
}
