package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
)

// inspectRecords is how many records --inspect shows.
const inspectRecords = 5

// sampleRows is how many rows --write-mapping looks at to guess date
// layouts and values to translate.
const sampleRows = 200

// inspectRun is --inspect and --write-mapping: what was detected, how the
// columns map, and the first records as they would be sent. A JSON input is
// read to its end, since its later records may bring keys of their own; a
// CSV file's header is all its columns, so it stops after the rows it needs.
func inspectRun(opts *ImportOptions, in io.Reader, mp *batch.Mapper) error {
	f := opts.Factory
	rd, err := openImportReader(opts, in)
	if err != nil {
		return err
	}
	checker := batch.NewChecker(f.Now())
	var (
		row     batch.Row
		samples batch.Samples
		shown   []batch.Record
		readErr error
	)
	for {
		if rd.Format() == batch.FormatCSV && rd.Rows() >= max(inspectRecords, sampleRowsFor(opts)) {
			break
		}
		err := rd.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = fmt.Errorf("reading %s: %w", displayPath(opts.File), err)
			break
		}
		if rd.Rows() <= sampleRowsFor(opts) {
			samples.Add(&row)
		}
		if len(shown) < inspectRecords {
			rec, err := mp.Map(&row, rd.Columns())
			if err != nil { // only a lenient mapper's own errors, which Err reports
				return err
			}
			checker.Check(&rec)
			shown = append(shown, rec)
		}
	}
	if err := mp.Bind(rd.Columns()); err != nil && len(rd.Columns()) == 0 {
		return err
	}
	if opts.Inspect {
		writeInspect(opts, rd, mp, shown)
	}
	if opts.WriteMapping != "" {
		if err := writeMappingFile(opts, mp, &samples); err != nil {
			return err
		}
	}
	if readErr != nil {
		return readErr
	}
	if err := mp.Err(); err != nil && opts.Inspect {
		return fmt.Errorf("mapping %s: %w", displayPath(opts.File), err)
	}
	return nil
}

func sampleRowsFor(opts *ImportOptions) int {
	if opts.WriteMapping != "" {
		return sampleRows
	}
	return 0
}

func writeInspect(opts *ImportOptions, rd *batch.Reader, mp *batch.Mapper, shown []batch.Record) {
	f := opts.Factory
	w := f.IO.ErrOut
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "File:\t%s\n", apiclient.Sanitize(displayPath(opts.File)))
	fmt.Fprintf(tw, "Format:\t%s\n", describeSource(rd))
	if rd.Format() != batch.FormatCSV {
		fmt.Fprintf(tw, "Records:\t%d\n", rd.Rows())
	}
	_ = tw.Flush()

	fmt.Fprintln(w, "\nColumns:")
	var unmapped []string
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range mp.Plan() {
		name := quoted(p.Column)
		switch p.How {
		case batch.HowName, batch.HowAlias, batch.HowMapped:
			how := p.How
			if p.Date != "" {
				how += ", dates as " + p.Date
			}
			fmt.Fprintf(tw, "  %s\t→ %s\t(%s)\n", name, p.Field, how)
		case batch.HowIgnored:
			fmt.Fprintf(tw, "  %s\t  ignored\t\n", name)
		case batch.HowRejects:
			fmt.Fprintf(tw, "  %s\t  ignored\t(a rejects file's own column)\n", name)
		case batch.HowNoName:
			fmt.Fprintf(tw, "  %s\t  ignored\t(no name in the header: its values must be empty)\n", name)
		case batch.HowConflict:
			fmt.Fprintf(tw, "  %s\t✗ %s\t(another column fills it already)\n", name, p.Field)
		default:
			hint := ""
			if p.Suggest != "" {
				hint = "(did you mean " + p.Suggest + "?)"
			}
			fmt.Fprintf(tw, "  %s\t✗ not mapped\t%s\n", name, hint)
			unmapped = append(unmapped, name)
		}
	}
	_ = tw.Flush()
	if consts := mp.Constants(); len(consts) > 0 {
		fmt.Fprintln(w, "\nEvery record:")
		for _, kv := range consts {
			v := kv[1]
			if spec, _ := apiclient.Spec(kv[0]); spec.Sensitive {
				v = apiclient.Mask(v)
			}
			fmt.Fprintf(w, "  %s = %s\n", kv[0], apiclient.Sanitize(v))
		}
	}
	if len(unmapped) > 0 {
		fmt.Fprintf(w, "\nNot mapped: %s\n", strings.Join(unmapped, ", "))
	} else {
		fmt.Fprintln(w, "\nNot mapped: none")
	}
	if rd.Format() == batch.FormatCSV {
		if unused := mp.Unused(rd.Columns()); len(unused) > 0 {
			fmt.Fprintf(w, "Note: the mapping names columns the file does not have: %s\n", quotedList(unused))
		}
	}

	if len(shown) == 0 {
		return
	}
	fmt.Fprintf(w, "\nThe first %d records, as they would be sent (identity numbers masked):\n", len(shown))
	if mp.Err() != nil {
		// The rulebook would only repeat that the unmapped fields are empty.
		fmt.Fprintln(w, "(not checked until every column is mapped or ignored)")
	}
	for _, rec := range shown {
		if mp.Err() != nil {
			fmt.Fprintf(w, "row %d (line %d):\n", rec.Row, rec.Line)
			fmt.Fprintln(f.IO.Out, maskedBody(rec.Submission))
			continue
		}
		status := "✓ valid"
		if !rec.Valid() {
			status = "✗ would be refused"
		}
		fmt.Fprintf(w, "row %d (line %d): %s\n", rec.Row, rec.Line, status)
		fmt.Fprintln(f.IO.Out, maskedBody(rec.Submission))
		for _, p := range rec.Problems {
			fmt.Fprintf(w, "  ✗ %s\n", apiclient.Sanitize(p.Error()))
		}
		if m := rec.RepeatMessage(); m != "" {
			fmt.Fprintf(w, "  ✗ %s: %s\n", rec.RepeatField, m)
		}
	}
}

// writeMappingFile writes the skeleton, refusing to replace a file.
func writeMappingFile(opts *ImportOptions, mp *batch.Mapper, samples *batch.Samples) error {
	w := opts.Factory.IO.ErrOut
	path := opts.WriteMapping
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageErrorf("--write-mapping: %s exists already; choose another name, or delete it first", path)
	}
	if err != nil {
		return fmt.Errorf("writing the mapping file: %w", err)
	}
	werr := batch.WriteSkeleton(out, filepath.Base(displayPath(opts.File)), mp, samples, strings.EqualFold(filepath.Ext(path), ".json"))
	if cerr := out.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return fmt.Errorf("writing the mapping file: %w", werr)
	}
	undecided := 0
	for _, p := range mp.Plan() {
		if p.How == batch.HowUnmapped || p.How == batch.HowConflict {
			undecided++
		}
	}
	fmt.Fprintf(w, "Wrote %s: %d columns, %d to decide.\n", apiclient.Sanitize(path), len(mp.Plan()), undecided)
	fmt.Fprintf(w, "Give each undecided column a field (or list it in ignore), check the guesses, then run:\n  argos-migrate import %s --mapping %s --inspect\n",
		apiclient.Sanitize(shellQuote(opts.File)), apiclient.Sanitize(shellQuote(path)))
	return nil
}

// quoted names a column for a person: in quotes, control characters shown.
func quoted(s string) string { return `"` + apiclient.Sanitize(s) + `"` }

func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoted(n)
	}
	return strings.Join(q, ", ")
}
