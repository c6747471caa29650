package batch

import (
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// EventKind says what an Event reports.
type EventKind int

// The events of a run.
const (
	// EventRow: a row is settled for this run (Event.Row).
	EventRow EventKind = iota + 1
	// EventWait: the server asked to slow down; every worker waits
	// Event.Wait before the next request.
	EventWait
	// EventPaused and EventResumed: the operator paused or resumed.
	EventPaused
	EventResumed
	// EventStopping: no new request starts; those in flight finish.
	// Event.Stop says who stopped it: StopOperator for the operator's
	// stop, another reason (with Event.Err) when the run stops by itself.
	EventStopping
)

// Event is what a run tells its views (the progress screen, the plain
// progress lines, the --json lines), one at a time, in order, from one
// goroutine.
type Event struct {
	Kind   EventKind
	At     time.Time
	Row    *RowResult
	Wait   time.Duration
	Counts Counts
	// Rate is the pace now, in requests a second; 0 means no limit.
	Rate float64
	// Stop and Err: why an EventStopping stops the run (Result's Stopped
	// and Err).
	Stop StopReason
	Err  error
}

// RowResult is what became of one row in this run.
type RowResult struct {
	Row int
	// Email is the row's email as mapped: personal data, for the results
	// file and the operator's screen; never written to the journal.
	Email  string
	Status Status
	ID     string
	// Earlier: created in an earlier run (skipped now). Changed: created
	// in an earlier run, and the row's values have changed since: not sent
	// again, reported.
	Earlier, Changed bool
	// ViaLookup: a lookup after an unknown outcome found it created.
	// Fixed: created from the wizard, where the operator corrected it (the
	// file may still hold the values the server refused).
	ViaLookup, Fixed bool
	Failure          apiclient.FailureRecord
	Lookup           string
	Matches          int
	// Images is what became of the images the row names (none, sent,
	// failed, pending), apart from the record: a created record stays
	// created when its images fail. ImageFailure says why they failed;
	// ImagesOnly: the record was created earlier and this run sent only
	// its images.
	Images       ImageOutcome
	ImageFailure apiclient.FailureRecord
	ImagesOnly   bool
	// ImageError is what the results file's image_error cell says, in the
	// run's language; ImageEnglish in English, for --json.
	ImageError   string
	imageEnglish string
	// Error is what the results file's error cell says, in the run's
	// language: the check's refusal, or ErrorText; English says the same
	// in English, for --json.
	Error   string
	english string
}

// English is the row's Error in English, for --json: the same in every
// language.
func (r *RowResult) English() string {
	if r.english == "" {
		return r.Error
	}
	return r.english
}

// ImageEnglish is the row's ImageError in English, for --json.
func (r *RowResult) ImageEnglish() string {
	if r.imageEnglish == "" {
		return r.ImageError
	}
	return r.imageEnglish
}

// setImages gives the row its images' outcome, and the words of a failure.
func (r *RowResult) setImages(o ImageOutcome, fr apiclient.FailureRecord) {
	r.Images, r.ImageFailure, r.ImageError, r.imageEnglish = o, apiclient.FailureRecord{}, "", ""
	if o != ImagesFailed {
		return
	}
	r.ImageFailure = fr
	r.ImageError = ImageErrorText(i18n.Language(), fr)
	if i18n.Language() != i18n.EN {
		r.imageEnglish = ImageErrorText(i18n.EN, fr)
	}
}

// say gives the row its error, in the run's language and in English.
func (r *RowResult) say(words func(i18n.Lang) string) {
	r.Error = words(i18n.Language())
	r.english = r.Error
	if i18n.Language() != i18n.EN {
		r.english = words(i18n.EN)
	}
}

// sayFailure gives the row the words of its failure (ErrorText).
func (r *RowResult) sayFailure() {
	r.say(func(l i18n.Lang) string { return ErrorText(l, r.Failure, r.Lookup, r.Matches) })
}

// sayRefusal gives the row the words of the check's refusal of rec.
func (r *RowResult) sayRefusal(rec *Record) {
	r.say(func(l i18n.Lang) string { return refusalIn(l, rec) })
}

// sayImagesRefused gives a created row whose image files fail the check
// the check's words, as its image error.
func (r *RowResult) sayImagesRefused(rec *Record) {
	r.ImageError = refusalIn(i18n.Language(), rec)
	r.imageEnglish = refusalIn(i18n.EN, rec)
}

// sayChanged gives a created row that changed since its words.
func (r *RowResult) sayChanged() {
	r.say(func(l i18n.Lang) string { return i18n.In(l, "batch.result.changed") })
}

// Counts are a run's rows so far.
type Counts struct {
	Rows    int // rows read so far (all of them, once the run is done)
	Invalid int // refused by the check: not sent
	// ToSend is how many valid rows this run sends or looks up (those not
	// created already), and rows created already whose images it sends,
	// as the preflight counted them (Plan.Work).
	ToSend int
	// Earlier: created in an earlier run and skipped; Changed: of those,
	// rows whose values changed since (reported, not sent again).
	Earlier int
	Changed int
	// The outcomes of this run's rows.
	Created, Rejected, NotSent, Unknown int
	// FoundByLookup: of Created, those a lookup found after an unknown
	// outcome.
	FoundByLookup int
	// Pending: rows of ToSend this run did not get to (it was stopped).
	Pending int
	// ImageRows: rows of ToSend whose record was created earlier and
	// whose images this run sent (or tried to); they count in Earlier too.
	ImageRows int
	// ImagesSent, ImagesFailed: rows whose images this run attached, or
	// failed to (the record stays created).
	ImagesSent, ImagesFailed int
	// Started is when the run began sending.
	Started time.Time
}

// Sent is how many records this run's requests took to the server:
// created (or found created by a lookup), rejected, or left unknown (the
// request went out and no answer came back). Rows not sent (the server
// could not be reached) and rows not tried are not among them.
func (c Counts) Sent() int { return c.Created + c.Rejected + c.Unknown }

// Done is how many of ToSend have settled.
func (c Counts) Done() int {
	return c.Created + c.Rejected + c.NotSent + c.Unknown + c.Pending + c.ImageRows
}

// Reached is how many of ToSend this run got to: Done without the rows a
// stop left pending. Progress (a bar, "N of M", a pace) counts these, so
// that it agrees with the outcomes shown beside it and does not leap when
// a stop settles the rows it did not reach.
func (c Counts) Reached() int { return c.Done() - c.Pending }

func (c *Counts) add(r *RowResult) {
	if r.ImagesOnly {
		c.ImageRows++
	}
	switch r.Images {
	case ImagesSent:
		if r.ImagesOnly || !r.Earlier {
			c.ImagesSent++
		}
	case ImagesFailed:
		c.ImagesFailed++
	}
	switch {
	case r.Status == StatusInvalid:
		c.Invalid++
	case r.Earlier:
		c.Earlier++
		if r.Changed {
			c.Changed++
		}
	case r.Status == StatusCreated:
		c.Created++
		if r.ViaLookup {
			c.FoundByLookup++
		}
	case r.Status == StatusRejected:
		c.Rejected++
	case r.Status == StatusNotSent:
		c.NotSent++
	case r.Status == StatusUnknown:
		c.Unknown++
	case r.Status == StatusPending:
		c.Pending++
	}
}

// Plan counts, before sending, what a run will do with each row: the
// preflight adds every checked record to it.
type Plan struct {
	Rows    int
	Invalid int
	Send    int // never sent, or refused or not sent last time
	LookUp  int // may exist from an earlier attempt: looked up first
	Skip    int // created already
	Changed int // created already, changed since: reported, not sent
	// Images: of Skip and Changed, rows whose images are still to be
	// attached (never sent, failed, or cut short): the run sends them.
	Images int
	// ImageFiles and ImageBytes count the image files of the rows the
	// run sends (records and images alike) that passed the check.
	ImageFiles int
	ImageBytes int64
}

// ToSend is how many records the run sends or looks up.
func (p Plan) ToSend() int { return p.Send + p.LookUp }

// Work is how many rows the run has something to send for: records, and
// the images of records created already.
func (p Plan) Work() int { return p.ToSend() + p.Images }

// Add counts one checked record against the journal (nil: a first run).
func (p *Plan) Add(rec *Record, j *Journal) {
	p.Rows++
	if !rec.Valid() {
		p.Invalid++
		return
	}
	files, bytes, _ := rec.ImageStats()
	countImages := func() { p.ImageFiles, p.ImageBytes = p.ImageFiles+files, p.ImageBytes+bytes }
	if j == nil {
		p.Send++
		countImages()
		return
	}
	switch a, st := j.Decide(rec.Row, rec.Fingerprint()); a {
	case ActionSkip, ActionChanged:
		if a == ActionSkip {
			p.Skip++
		} else {
			p.Changed++
		}
		if rec.HasImages() && !st.Images.Done() {
			p.Images++
			countImages()
		}
	case ActionLookUp:
		p.LookUp++
		countImages()
	default:
		p.Send++
		countImages()
	}
}
