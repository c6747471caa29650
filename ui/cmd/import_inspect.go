package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
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
	checker.ImageDir = imageDir(opts)
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
			readErr = i18n.Err("import.err.reading", displayPath(opts.File), err)
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
		return i18n.Err("import.err.mapping", displayPath(opts.File), err)
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
	g := glyphs.Current()
	head := [][]string{{i18n.T("import.inspect.file"), apiclient.Sanitize(displayPath(opts.File))},
		{i18n.T("import.inspect.format"), describeSource(rd)}}
	if rd.Format() != batch.FormatCSV {
		head = append(head, []string{i18n.T("import.inspect.records"), i18n.T("import.screen.count", rd.Rows())})
	}
	writeColumns(w, "", 2, head)

	fmt.Fprintln(w, "\n"+i18n.T("import.inspect.columns"))
	var unmapped []string
	var rows [][]string
	for _, p := range mp.Plan() {
		name := quoted(p.Column)
		switch p.How {
		case batch.HowName, batch.HowAlias, batch.HowMapped:
			how := howWords(p.How)
			if p.Date != "" {
				how = i18n.T("import.inspect.dates_as", how, p.Date)
			}
			rows = append(rows, []string{name, g.Arrow + " " + p.Field, "(" + how + ")"})
		case batch.HowIgnored:
			rows = append(rows, []string{name, "  " + i18n.T("import.inspect.ignored"), ""})
		case batch.HowRejects:
			rows = append(rows, []string{name, "  " + i18n.T("import.inspect.ignored"), i18n.T("import.inspect.rejects_column")})
		case batch.HowNoName:
			rows = append(rows, []string{name, "  " + i18n.T("import.inspect.ignored"), i18n.T("import.inspect.no_name")})
		case batch.HowConflict:
			rows = append(rows, []string{name, g.Cross + " " + p.Field, i18n.T("import.inspect.conflict")})
		default:
			hint := ""
			if p.Suggest != "" {
				hint = i18n.T("import.inspect.suggest", p.Suggest)
			}
			rows = append(rows, []string{name, g.Cross + " " + i18n.T("import.inspect.not_mapped"), hint})
			unmapped = append(unmapped, name)
		}
	}
	writeColumns(w, "  ", 2, rows)
	if consts := mp.Constants(); len(consts) > 0 {
		fmt.Fprintln(w, "\n"+i18n.T("import.inspect.constants"))
		for _, kv := range consts {
			v, _ := apiclient.MaskField(kv[0], kv[1], false)
			fmt.Fprintf(w, "  %s = %s\n", kv[0], apiclient.Sanitize(v))
		}
	}
	if img := batch.ImageColumns(mp, shown); img != nil {
		// The refused files are listed with their records, below.
		fmt.Fprintln(w, "\n"+i18n.T("import.inspect.images", len(shown), img.Files, apiclient.ByteSize(img.Bytes), strings.Join(img.Fields, ", ")))
	}
	if len(unmapped) > 0 {
		fmt.Fprintln(w, "\n"+i18n.T("import.inspect.unmapped", strings.Join(unmapped, ", ")))
	} else {
		fmt.Fprintln(w, "\n"+i18n.T("import.inspect.unmapped_none"))
	}
	if rd.Format() == batch.FormatCSV {
		if unused := mp.Unused(rd.Columns()); len(unused) > 0 {
			fmt.Fprintln(w, i18n.T("import.check.unused", quotedList(unused)))
		}
	}

	if len(shown) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+i18n.T("import.inspect.first", len(shown)))
	if mp.Err() != nil {
		// The rulebook would only repeat that the unmapped fields are empty.
		fmt.Fprintln(w, i18n.T("import.inspect.not_checked"))
	}
	for _, rec := range shown {
		where := i18n.T("import.inspect.row", strconv.Itoa(rec.Row), strconv.Itoa(rec.Line))
		if mp.Err() != nil {
			fmt.Fprintln(w, where)
			fmt.Fprintln(f.IO.Out, maskedBody(rec.Submission))
			continue
		}
		status := g.Check + " " + i18n.T("import.inspect.valid")
		if !rec.Valid() {
			status = g.Cross + " " + i18n.T("import.inspect.refused")
		}
		fmt.Fprintln(w, where, status)
		fmt.Fprintln(f.IO.Out, maskedBody(rec.Submission))
		for i := range rec.Problems {
			fmt.Fprintf(w, "  %s %s\n", g.Cross, apiclient.Sanitize(rec.ProblemText(i)))
		}
		if m := rec.RepeatMessage(); m != "" {
			fmt.Fprintf(w, "  %s %s: %s\n", g.Cross, rec.RepeatField, m)
		}
	}
}

// howWords says how a column came to its field.
func howWords(how string) string {
	switch how {
	case batch.HowAlias:
		return i18n.T("import.inspect.how_alias")
	case batch.HowMapped:
		return i18n.T("import.inspect.how_mapping")
	}
	return i18n.T("import.inspect.how_name")
}

// writeMappingFile writes the skeleton, refusing to replace a file.
func writeMappingFile(opts *ImportOptions, mp *batch.Mapper, samples *batch.Samples) error {
	w := opts.Factory.IO.ErrOut
	path := opts.WriteMapping
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageError(i18n.Err("import.usage.write_mapping_exists", path))
	}
	if err != nil {
		return i18n.Err("import.err.write_mapping", err)
	}
	werr := batch.WriteSkeleton(out, filepath.Base(displayPath(opts.File)), mp, samples, strings.EqualFold(filepath.Ext(path), ".json"))
	if cerr := out.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return i18n.Err("import.err.write_mapping", werr)
	}
	undecided := 0
	for _, p := range mp.Plan() {
		if p.How == batch.HowUnmapped || p.How == batch.HowConflict {
			undecided++
		}
	}
	fmt.Fprintln(w, i18n.T("import.inspect.wrote", apiclient.Sanitize(path), len(mp.Plan()), undecided))
	fmt.Fprintln(w, i18n.T("import.inspect.next"))
	fmt.Fprintf(w, "  argos-migrate import %s --mapping %s --inspect\n", shellWord(opts.File), shellWord(path))
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
