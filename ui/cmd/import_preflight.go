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
)

// InvalidRowsError is a preflight that refused rows: nothing is sent. It
// matches apiclient.ErrInvalidRecord (exit code 2).
type InvalidRowsError struct {
	Summary batch.Summary
	// Skippable: an import that would send; --skip-invalid sends the
	// valid rows.
	Skippable bool
}

func (e *InvalidRowsError) Error() string {
	s := e.Summary
	var parts []string
	if s.Invalid > 0 {
		parts = append(parts, plural(s.Invalid, "row breaks", "rows break")+" a field rule")
	}
	if s.Repeated > 0 {
		parts = append(parts, plural(s.Repeated, "row repeats", "rows repeat")+" an earlier row's email or user id")
	}
	msg := joinAnd(parts) + "; nothing was sent"
	if s.Rejects != "" {
		msg += ": fix them in " + apiclient.Sanitize(s.Rejects) + " and import that file again"
	}
	if e.Skippable {
		msg += " (or add --skip-invalid to send the valid rows now)"
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
			res.OK = err == nil
			if err != nil {
				res.Code, res.Message = importErrorCode(err), err.Error()
				var ie *batch.InputError
				var me *batch.MappingError
				if errors.As(err, &ie) {
					res.Line = ie.Line
				} else if errors.As(err, &me) {
					res.Line = me.Line
				}
			}
			enc := json.NewEncoder(f.IO.Out)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(res)
		}()
	}
	sum, rd, err := checkInput(ctx, opts, in, mp, rejectsPath(opts), nil)
	if rd != nil {
		res.Format, res.Encoding = rd.Format().String(), rd.Encoding().Name
	}
	res.Summary = sum
	if err != nil {
		return err
	}
	if !opts.JSON {
		writeSummary(f.IO.ErrOut, opts, rd, mp, sum, time.Since(start))
	}
	if sum.Refused() > 0 {
		return &InvalidRowsError{Summary: sum}
	}
	return nil
}

// rejectsPath is --rejects, or FILE.rejects.csv.
func rejectsPath(opts *ImportOptions) string {
	if opts.Rejects != "" {
		return opts.Rejects
	}
	return defaultRejectsPath(opts.File)
}

// checkInput is the preflight: every row read, mapped and checked, the
// rejects file written; onRecord, when set, sees each checked record. The
// reader is returned as soon as the input has opened, with any error.
func checkInput(ctx context.Context, opts *ImportOptions, in io.Reader, mp *batch.Mapper, rejects string, onRecord func(*batch.Record)) (batch.Summary, *batch.Reader, error) {
	if same(rejects, opts.File) {
		return batch.Summary{}, nil, usageErrorf("--rejects %s is the file being imported; choose another path", rejects)
	}
	rd, err := openImportReader(opts, in)
	if err != nil {
		return batch.Summary{}, nil, err
	}
	p := &batch.Preflight{Reader: rd, Mapper: mp, Checker: batch.NewChecker(opts.Factory.Now()), RejectsPath: rejects}
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
			return sum, rd, fmt.Errorf("reading %s: %w", displayPath(opts.File), err)
		}
		var me *batch.MappingError
		if errors.As(err, &me) {
			return sum, rd, fmt.Errorf("mapping %s: %w", displayPath(opts.File), err)
		}
		return sum, rd, err
	}
	return sum, rd, nil
}

func writeSummary(w io.Writer, opts *ImportOptions, rd *batch.Reader, mp *batch.Mapper, sum batch.Summary, took time.Duration) {
	fmt.Fprintf(w, "Checked %s of %s in %s (%s)\n", plural(sum.Total, "row", "rows"),
		apiclient.Sanitize(displayPath(opts.File)), took.Round(time.Millisecond), describeSource(rd))
	fmt.Fprintf(w, "  %s valid\n", commas(sum.Valid))
	if sum.Invalid > 0 {
		fmt.Fprintf(w, "  %s invalid\n", commas(sum.Invalid))
	}
	if sum.Repeated > 0 {
		fmt.Fprintf(w, "  %s %s an earlier row's email or user id\n", commas(sum.Repeated), pick(sum.Repeated, "repeats", "repeat"))
	}
	switch {
	case sum.Rejects != "":
		fmt.Fprintf(w, "Rejects: %s (%s, with the reason for each; readable by you only)\n", apiclient.Sanitize(sum.Rejects), plural(sum.Refused(), "row", "rows"))
	case sum.StaleRejects:
		fmt.Fprintln(w, "Every row is valid; the rejects file of an earlier run was removed.")
	}
	if rd.Format() == batch.FormatCSV {
		if unused := mp.Unused(rd.Columns()); len(unused) > 0 {
			fmt.Fprintf(w, "Note: the mapping names columns the file does not have: %s\n", quotedList(unused))
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
	fmt.Fprintf(p.io.ErrOut, "\rChecking… %s rows", commas(rows))
}

func (p *progressLine) done() {
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
	}
}

// commas writes n with thousands separators: 9,988.
func commas(n int) string {
	if n < 0 {
		return "-" + commas(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, one, many string) string { return commas(n) + " " + pick(n, one, many) }

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return parts[0] + " and " + parts[1]
}
