package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// InvalidRowsError is a preflight that refused rows: nothing is sent. It
// matches apiclient.ErrInvalidRecord (exit code 2).
type InvalidRowsError struct {
	Summary batch.Summary
	// Skippable: an import that would send; --skip-invalid sends the
	// valid rows.
	Skippable bool
}

func (e *InvalidRowsError) Error() string { return e.In(i18n.Language()) }

// In is the error in language l (English for the --json summary).
func (e *InvalidRowsError) In(l i18n.Lang) string {
	s := e.Summary
	var msg string
	switch {
	case s.Invalid > 0 && s.Repeated > 0:
		msg = i18n.In(l, "import.invalid.both", i18n.In(l, "import.invalid.rows", s.Invalid), i18n.In(l, "import.invalid.repeats", s.Repeated))
	case s.Repeated > 0:
		msg = i18n.In(l, "import.invalid.repeats", s.Repeated)
	default:
		msg = i18n.In(l, "import.invalid.rows", s.Invalid)
	}
	msg = i18n.In(l, "import.invalid.nothing_sent", msg)
	if s.Rejects != "" {
		msg = i18n.In(l, "import.invalid.fix_in", msg, apiclient.Sanitize(s.Rejects))
	}
	if e.Skippable {
		msg = i18n.In(l, "import.invalid.skip_hint", msg)
	}
	return msg
}

// Unwrap makes it match apiclient.ErrInvalidRecord.
func (e *InvalidRowsError) Unwrap() error { return apiclient.ErrInvalidRecord }

// importSummary is the one object `import --dry-run --json` prints.
type importSummary struct {
	OK       bool   `json:"ok"`
	DryRun   bool   `json:"dryRun"`
	File     string `json:"file"`
	Format   string `json:"format,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	batch.Summary
	Seconds float64 `json:"seconds"`
	Code    string  `json:"code,omitempty"`
	Message string  `json:"message,omitempty"`
	Line    int     `json:"line,omitempty"`
}

// fail fills the outcome in from the run's error, its message in English
// whatever the run's language.
func (res *importSummary) fail(err error) {
	res.OK = err == nil
	if err == nil {
		return
	}
	res.Code, res.Message = importErrorCode(err), i18n.EnglishOf(err)
	var ie *batch.InputError
	var me *batch.MappingError
	if errors.As(err, &ie) {
		res.Line = ie.Line
	} else if errors.As(err, &me) {
		res.Line = me.Line
	}
}

// writeJSONObject writes v as one line of JSON, characters such as < and &
// as they are.
func writeJSONObject(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// importMemoryLimit is the soft limit on the Go heap during a preflight.
// The table of repeats is the one thing that grows with the rows (about
// 23 bytes a row, 23 MB for a million); by default the collector lets the
// heap grow to twice what is alive before it collects, which would put a
// million-row preflight over 60 MB. With the limit it collects sooner
// (measured: 47 MB instead of 65 MB for a million rows, a little slower).
// GOMEMLIMIT, when set, is the operator's choice and wins.
const importMemoryLimit = 40 << 20

// preflightRun checks every row and writes the rejects file: all of
// --dry-run, and the first half of an import.
func preflightRun(ctx context.Context, opts *ImportOptions, in io.Reader, mp *batch.Mapper) (err error) {
	f := opts.Factory
	start := time.Now()
	if f.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	res := importSummary{DryRun: opts.DryRun, File: opts.File}
	if opts.JSON {
		defer func() {
			res.Seconds = time.Since(start).Seconds()
			res.fail(err)
			writeJSONObject(f.IO.Out, res)
			f.jsonWritten = true
		}()
	}
	owner := batch.RejectsOwner{Anonymous: opts.streamed() || piped(opts.File)}
	sum, rd, err := checkInput(ctx, opts, in, mp, rejectsPath(opts), owner, nil, nil)
	if rd != nil {
		res.Format, res.Encoding = rd.Format().String(), rd.Encoding().Name
	}
	res.Summary = sum
	if err != nil {
		return err
	}
	if !opts.JSON {
		writeSummary(f.IO.ErrOut, opts, rd, mp, sum, time.Since(start), false)
	}
	if sum.Refused() > 0 {
		return &InvalidRowsError{Summary: sum}
	}
	return nil
}

// rejectsPath is --rejects, or the default beside FILE (defaultRejectsPath).
func rejectsPath(opts *ImportOptions) string {
	if opts.Rejects != "" {
		return opts.Rejects
	}
	return defaultRejectsPath(opts.File)
}

// checkInput is the preflight: every row read, mapped and checked, the
// rejects file written; onRecord, when set, sees each checked record, and
// sent, when set, says which rows the journal holds as sent from the
// wizard (batch.Preflight.Sent). The reader is returned as soon as the
// input has opened, with any error.
func checkInput(ctx context.Context, opts *ImportOptions, in io.Reader, mp *batch.Mapper, rejects string, owner batch.RejectsOwner, onRecord func(*batch.Record), sent func(int) bool) (batch.Summary, *batch.Reader, error) {
	if same(rejects, opts.File) {
		return batch.Summary{}, nil, usageError(i18n.Err("import.usage.rejects_is_input", rejects))
	}
	rd, err := openImportReader(opts, in)
	if err != nil {
		return batch.Summary{}, nil, err
	}
	checker := batch.NewChecker(opts.Factory.Now())
	checker.ImageDir = imageDir(opts)
	p := &batch.Preflight{Reader: rd, Mapper: mp, Checker: checker, RejectsPath: rejects, Sent: sent, Owner: owner}
	progress := newProgressLine(opts.Factory.IO)
	p.OnRecord = func(rec *batch.Record) error {
		progress.update(rd.Rows())
		if onRecord != nil {
			onRecord(rec)
		}
		return nil
	}
	sum, err := p.Run(ctx)
	progress.done()
	if err != nil {
		var ie *batch.InputError
		if errors.As(err, &ie) {
			return sum, rd, i18n.Err("import.err.reading", displayPath(opts.File), err)
		}
		var me *batch.MappingError
		if errors.As(err, &me) {
			return sum, rd, i18n.Err("import.err.mapping", displayPath(opts.File), err)
		}
		return sum, rd, err
	}
	return sum, rd, nil
}

// writeSummary is the check's summary. Before a send (sending), a rejects
// file of an earlier run that the check removed is not mentioned: the
// send's report may write one again, and its summary says which.
func writeSummary(w io.Writer, opts *ImportOptions, rd *batch.Reader, mp *batch.Mapper, sum batch.Summary, took time.Duration, sending bool) {
	fmt.Fprintln(w, i18n.T("import.check.checked", sum.Total, apiclient.Sanitize(displayPath(opts.File)), batch.Duration(took), describeSource(rd)))
	fmt.Fprintln(w, i18n.T("import.check.valid", sum.Valid))
	if sum.Invalid > 0 {
		fmt.Fprintln(w, i18n.T("import.check.invalid", sum.Invalid))
	}
	if sum.Repeated > 0 {
		fmt.Fprintln(w, i18n.T("import.check.repeated", sum.Repeated))
	}
	if sum.Sent > 0 {
		fmt.Fprintln(w, i18n.T("import.check.sent", sum.Sent))
	}
	writeImageSummary(w, sum.Images)
	if sum.RejectsBeside != "" {
		fmt.Fprintln(w, i18n.T("import.check.rejects_beside", apiclient.Sanitize(sum.RejectsBeside)))
	}
	switch {
	case sum.Rejects != "":
		fmt.Fprintln(w, i18n.T("import.check.rejects", apiclient.Sanitize(sum.Rejects), sum.Refused()))
	case sum.StaleRejects && !sending:
		fmt.Fprintln(w, i18n.T("import.check.stale_removed"))
	}
	if rd.Format() == batch.FormatCSV {
		if unused := mp.Unused(rd.Columns()); len(unused) > 0 {
			fmt.Fprintln(w, i18n.T("import.check.unused", quotedList(unused)))
		}
	}
}

// importErrorCode names an error in the --json summary.
func importErrorCode(err error) string {
	var ir *InvalidRowsError
	var ie *batch.InputError
	var me *batch.MappingError
	switch {
	case errors.As(err, &ir):
		return "invalid_rows"
	case errors.As(err, &ie):
		return "invalid_input"
	case errors.As(err, &me):
		return "invalid_mapping"
	case errors.Is(err, ErrUsage):
		return "usage"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "error"
}

// same reports whether two paths name one existing file.
func same(a, b string) bool {
	if a == "-" || b == "-" {
		return false
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// progressLine shows, on a terminal, how many rows have been checked, at
// most every half second; elsewhere it says nothing.
type progressLine struct {
	io    *IOStreams
	last  time.Time
	shown bool
}

func newProgressLine(s *IOStreams) *progressLine { return &progressLine{io: s, last: time.Now()} }

func (p *progressLine) update(rows int) {
	if !p.io.ErrTTY || rows%4096 != 0 || time.Since(p.last) < 500*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.shown = true
	fmt.Fprint(p.io.ErrOut, "\r"+i18n.T("import.check.progress", rows, glyphs.Current().Ellipsis))
}

func (p *progressLine) done() {
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
	}
}
