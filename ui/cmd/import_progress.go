package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// plainEvery is how often the plain progress line is written.
const plainEvery = 3 * time.Second

// plainProgress is the import's progress without a screen (no terminal,
// accessible mode, --quiet, --json): a line on stderr every few seconds,
// and a line for what the operator must know at once (the server asking to
// wait, a stop). Plain text, no escape sequences: it reads the same in a
// log file and to a screen reader.
type plainProgress struct {
	w   io.Writer
	now func() time.Time

	mu       sync.Mutex
	counts   batch.Counts
	pace     float64
	lastLine time.Time
	lastWait time.Time
	done     chan struct{}
	stopped  sync.Once
}

// newPlainProgress starts the progress of a run whose work is toSend (the
// plan's): a line written before the engine's first event says "0 of
// toSend", not "0 of 0".
func newPlainProgress(w io.Writer, now func() time.Time, toSend int) *plainProgress {
	start := now()
	p := &plainProgress{w: w, now: now, done: make(chan struct{}), lastLine: start,
		counts: batch.Counts{ToSend: toSend, Started: start}}
	go p.tick()
	return p
}

// tick writes the line when no event has for a while (a long wait).
func (p *plainProgress) tick() {
	t := time.NewTicker(plainEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.mu.Lock()
			if p.now().Sub(p.lastLine) >= plainEvery {
				p.line()
			}
			p.mu.Unlock()
		case <-p.done:
			return
		}
	}
}

func (p *plainProgress) event(ev batch.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts, p.pace = ev.Counts, ev.Rate
	switch ev.Kind {
	case batch.EventWait:
		if p.now().Sub(p.lastWait) >= plainEvery {
			p.lastWait = p.now()
			pace := i18n.T("import.progress.no_limit")
			if ev.Rate > 0 {
				pace = i18n.T("import.progress.pace", ev.Rate)
			}
			fmt.Fprintln(p.w, i18n.T("import.progress.slow_down", batch.Duration(ev.Wait), pace))
		}
	case batch.EventPaused:
		fmt.Fprintln(p.w, i18n.T("import.progress.paused"))
	case batch.EventResumed:
		fmt.Fprintln(p.w, i18n.T("import.progress.resumed"))
	case batch.EventStopping:
		if ev.Stop == batch.StopOperator || ev.Err == nil {
			fmt.Fprintln(p.w, i18n.T("import.progress.stopping"))
		} else {
			// The run stops by itself: why, and nothing of an interrupt
			// nobody made.
			fmt.Fprintln(p.w, i18n.T("import.progress.stopping_why", apiclient.LowerFirst(apiclient.Sanitize(i18n.Text(ev.Err)))))
		}
	}
	if p.now().Sub(p.lastLine) >= plainEvery {
		p.line()
	}
}

// line writes the progress line. Called with mu held.
func (p *plainProgress) line() {
	p.lastLine = p.now()
	c := p.counts
	done := c.Reached()
	var b strings.Builder
	b.WriteString(i18n.T("import.progress.done", done, c.ToSend))
	if c.ToSend > 0 {
		b.WriteString(i18n.T("import.progress.percent", done*100/c.ToSend))
	}
	b.WriteString(i18n.T("import.progress.counts", c.Created, c.Rejected, c.Unknown, c.NotSent))
	if c.ImagesSent+c.ImagesFailed > 0 {
		b.WriteString(i18n.T("import.progress.images", c.ImagesSent, c.ImagesFailed))
	}
	if secs := p.now().Sub(c.Started).Seconds(); secs > 0 && done > 0 {
		rate := float64(done) / secs
		b.WriteString(i18n.T("import.progress.rate", rate))
		if left := c.ToSend - done; left > 0 {
			b.WriteString(i18n.T("import.progress.left", batch.Duration(time.Duration(float64(left)/rate*float64(time.Second)))))
		}
	}
	fmt.Fprintln(p.w, b.String())
}

func (p *plainProgress) close() { p.stopped.Do(func() { close(p.done) }) }

// jsonRow is one line of `import --json`: a row as it settles, its error
// in English whatever the run's language.
type jsonRow struct {
	Type         string `json:"type"` // "row"
	Row          int    `json:"row"`
	Email        string `json:"email,omitempty"`
	Status       string `json:"status"`
	SubmissionID string `json:"submissionId,omitempty"`
	Error        string `json:"error,omitempty"`
	Reason       string `json:"reason,omitempty"`
	Code         string `json:"code,omitempty"`
	Field        string `json:"field,omitempty"`
	Earlier      bool   `json:"createdEarlier,omitempty"`
	Changed      bool   `json:"changedSinceCreated,omitempty"`
	ViaLookup    bool   `json:"foundByLookup,omitempty"`
	FixedWizard  bool   `json:"fixedInWizard,omitempty"`
	Lookup       string `json:"lookup,omitempty"`
	// Images: none, sent, failed or pending, apart from the record's
	// status; for failed images, why (in English), the policy's reason,
	// the server's code and the image call's field to correct.
	Images      string `json:"images"`
	ImagesOnly  bool   `json:"imagesOnly,omitempty"`
	ImageError  string `json:"imageError,omitempty"`
	ImageReason string `json:"imageReason,omitempty"`
	ImageCode   string `json:"imageCode,omitempty"`
	ImageField  string `json:"imageField,omitempty"`
}

func newJSONRow(r *batch.RowResult) jsonRow {
	return jsonRow{Type: "row", Row: r.Row, Email: apiclient.Sanitize(r.Email), Status: string(r.Status), SubmissionID: r.ID,
		Error: r.English(), Reason: string(r.Failure.Reason), Code: r.Failure.Code, Field: r.Failure.Field,
		Earlier: r.Earlier, Changed: r.Changed, ViaLookup: r.ViaLookup, FixedWizard: r.Fixed, Lookup: r.Lookup,
		Images: string(r.Images), ImagesOnly: r.ImagesOnly, ImageError: r.ImageEnglish(), ImageReason: string(r.ImageFailure.Reason),
		ImageCode: r.ImageFailure.Code, ImageField: r.ImageFailure.Field}
}

// jsonLines writes --json's objects on stdout, one a line.
type jsonLines struct {
	enc *json.Encoder
	err error
}

func newJSONLines(w io.Writer) *jsonLines {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonLines{enc: enc}
}

func (j *jsonLines) write(v any) {
	if j.err == nil {
		j.err = j.enc.Encode(v)
	}
}
