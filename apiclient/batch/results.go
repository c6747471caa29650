package batch

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// resultsColumns are the results file's columns. images (none, sent,
// failed, pending) and image_error say what became of the row's images,
// apart from its record's status.
var resultsColumns = []string{"row", "email", "status", "submissionId", "error", "images", "image_error"}

// ResultsWriter writes the results file as an import goes: one line per
// row as it settles, flushed at once, so that whatever happens to the run
// the file says what was done so far. Report rewrites it at the end from
// the journal, one line per row in the file's order. It holds personal
// data (emails): 0600, opened without following a link. Cells that a
// spreadsheet would run as a formula get a quote in front.
type ResultsWriter struct {
	f  *os.File
	bw *bufio.Writer
	cw *csv.Writer
}

// CreateResults starts the results file at path, replacing one there.
func CreateResults(path string) (*ResultsWriter, error) {
	f, err := settings.OpenPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return nil, i18n.Err("batch.io.results_start", err)
	}
	w := &ResultsWriter{f: f, bw: bufio.NewWriter(f)}
	w.cw = csv.NewWriter(w.bw)
	if err := writeResultsHeader(w.bw, w.cw); err != nil {
		f.Close()
		return nil, i18n.Err("batch.io.results_write", err)
	}
	return w, w.flush()
}

func writeResultsHeader(bw io.Writer, cw *csv.Writer) error {
	if _, err := io.WriteString(bw, "\ufeff"); err != nil {
		return err
	}
	return cw.Write(resultsColumns)
}

// Add writes one row's line.
func (w *ResultsWriter) Add(r *RowResult) error {
	if err := writeResult(w.cw, r); err != nil {
		return i18n.Err("batch.io.results_write", err)
	}
	return w.flush()
}

func (w *ResultsWriter) flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return i18n.Err("batch.io.results_write", err)
	}
	if err := w.bw.Flush(); err != nil {
		return i18n.Err("batch.io.results_write", err)
	}
	return nil
}

// Close closes the file.
func (w *ResultsWriter) Close() error {
	if w == nil || w.f == nil {
		return nil
	}
	err := w.flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f = nil
	return err
}

func writeResult(cw *csv.Writer, r *RowResult) error {
	images := r.Images
	if images == "" {
		images = ImagesNone
	}
	return cw.Write([]string{strconv.Itoa(r.Row), guard(apiclient.Sanitize(r.Email)), string(r.Status),
		guard(r.ID), guard(r.Error), string(images), guard(r.ImageError)})
}

// RemoveLeftovers removes the temporary files that a run killed in the
// middle of replacing path (a results or rejects file) left beside it:
// ".NAME.*.tmp" and ".NAME.*.spool", 0600 copies of personal data. Call
// it holding the journal's lock, so that no other run of this import is
// writing them.
func RemoveLeftovers(path string) {
	dir, base := filepath.Dir(path), globEscape(filepath.Base(path))
	for _, pattern := range []string{"." + base + ".*.tmp", "." + base + ".*.spool"} {
		matches, _ := filepath.Glob(filepath.Join(globEscape(dir), pattern))
		for _, m := range matches {
			if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() {
				_ = os.Remove(m)
			}
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) && runtime.GOOS != "windows" {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
