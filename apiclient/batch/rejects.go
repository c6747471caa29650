package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// RejectsWriter writes the rows a preflight refuses: the original columns
// as they were in the input, then row, field, error and suggestion. Rows
// are kept in a private spool file (0600, beside the rejects file) until
// Commit, because a JSON input's columns are only all known at its end;
// Commit writes the CSV under a temp name and renames it, so the rejects
// file is whole or absent.
//
// The file holds personal data: it is 0600. It starts with a UTF-8
// byte-order mark so spreadsheets read Korean text right, and a cell that a
// spreadsheet would run as a formula gets a single quote in front (see
// guard), which reading the file again takes off.
type RejectsWriter struct {
	path  string
	spool *os.File
	w     *bufio.Writer
	n     int
	cells []string
	// Unguard takes the formula guard off values before keeping them: set
	// it when the input is itself a rejects file, or its guarded cells
	// would be guarded twice.
	Unguard bool
	// ImageDir is the folder the input's relative image paths are read
	// from. A rejects file in another folder gets them rewritten to name
	// the same files from its own folder: importing it again finds them.
	ImageDir string
	// Owned, when set, reports whether the file at a path is this
	// input's own whatever its header says (its journal names it).
	Owned func(path string) bool
	// Anonymous: the input has no name (standard input), so a header
	// like its own does not prove a file is its: only Owned does.
	Anonymous bool
	// Beside is the path that was not this input's file when Commit
	// wrote beside it (Path), "" when it wrote at the path asked.
	Beside string
}

// Path is where the rejects file is (after Commit, where it was written).
func (w *RejectsWriter) Path() string { return w.path }

// owns reports whether the file at path is this input's own rejects file:
// the journal names it, or (for a named input) its header is the one this
// input's rejects file has, the input's columns then the rejects columns.
func (w *RejectsWriter) owns(path string, header string) bool {
	if w.Owned != nil && w.Owned(path) {
		return true
	}
	return !w.Anonymous && headerOf(path) == header
}

// headerOf is the first line of the file at path, without a byte-order
// mark or line end; "" when it cannot be read.
func headerOf(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head, _ := bufio.NewReader(io.LimitReader(f, 1<<20)).ReadString('\n')
	return strings.TrimRight(strings.TrimPrefix(head, "\ufeff"), "\r\n")
}

// CreateRejects starts a rejects file at path. Something at path that is
// not a regular file (a link, a FIFO, a device such as /dev/null, a
// folder) is refused at once: the file is written by replacing it.
func CreateRejects(path string) (*RejectsWriter, error) {
	if err := settings.CheckPath(path); err != nil {
		return nil, i18n.Err("batch.io.rejects_start", err)
	}
	spool, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.spool")
	if err != nil {
		return nil, i18n.Err("batch.io.rejects_start", err)
	}
	// CreateTemp makes the file 0600 already; say so where it matters.
	if err := spool.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		_ = spool.Close()
		_ = os.Remove(spool.Name())
		return nil, i18n.Err("batch.io.rejects_start", err)
	}
	return &RejectsWriter{path: path, spool: spool, w: bufio.NewWriter(spool)}, nil
}

// Add keeps a refused row: its values as read, and why it was refused.
func (w *RejectsWriter) Add(rec *Record, row *Row) error {
	fields, errs, suggestions := refusal(rec, i18n.Language())
	w.cells = append(w.cells[:0], strconv.Itoa(rec.Row), join(fields), errs, suggestions)
	for _, v := range row.Values {
		if w.Unguard {
			v = unguard(v)
		}
		w.cells = append(w.cells, v)
	}
	for k, col := range rec.imageCols {
		if col > 0 && 4+col-1 < len(w.cells) && rec.Images[k] != "" {
			w.cells[4+col-1] = w.imagePath(w.cells[4+col-1])
		}
	}
	b, err := json.Marshal(w.cells)
	if err != nil {
		return i18n.Err("batch.io.rejects_keep", err)
	}
	w.n++
	if _, err := w.w.Write(append(b, '\n')); err != nil {
		return i18n.Err("batch.io.rejects_keep", err)
	}
	return nil
}

// imagePath is an image cell as the rejects file must say it: a relative
// path names the file from the input's folder (ImageDir), so one in a
// rejects file written to another folder is rewritten relative to that
// folder (or made absolute when no relative path reaches it). An absolute
// path, or a rejects file beside the input, keeps the cell as it is.
func (w *RejectsWriter) imagePath(cell string) string {
	p := strings.TrimSpace(cell)
	if p == "" || filepath.IsAbs(p) {
		return cell
	}
	from, err1 := filepath.Abs(w.ImageDir)
	to, err2 := filepath.Abs(filepath.Dir(w.path))
	if err1 != nil || err2 != nil || from == to {
		return cell
	}
	file := filepath.Join(from, p)
	if rel, err := filepath.Rel(to, file); err == nil {
		return rel
	}
	return file
}

// refusal is why a record was refused, as the rejects file's field, error
// and suggestion cells say it in language l. A suggestion is the value
// alone, ready to paste, whatever else the row has wrong (several, for
// several fields, are joined with "; " in the order of the errors).
func refusal(rec *Record, l i18n.Lang) (fields []string, errs, suggestions string) {
	var msgs, sugg []string
	for i, p := range rec.Problems {
		fields = append(fields, p.Field)
		msg := rec.problemIn(l, i)
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		msgs = append(msgs, msg)
		if p.Suggestion != "" {
			sugg = append(sugg, p.Suggestion)
		}
	}
	if rec.RepeatField != "" {
		fields = append(fields, rec.RepeatField)
		msgs = append(msgs, rec.RepeatField+": "+rec.repeatIn(l))
	}
	return fields, strings.Join(msgs, "; "), strings.Join(sugg, "; ")
}

// RefusalText is why the check refused a record, in the words of the
// rejects file's error cell, in the run's language.
func RefusalText(rec *Record) string { return refusalIn(i18n.Language(), rec) }

// refusalIn is RefusalText in language l.
func refusalIn(l i18n.Lang, rec *Record) string {
	_, errs, _ := refusal(rec, l)
	return errs
}

// join lists field names once each, in order.
func join(fields []string) string {
	var out []string
	for _, f := range fields {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return strings.Join(out, ", ")
}

// Commit writes the rejects file with the input's columns (leaving out the
// extra columns of a rejects file read again) and the delimiter of the
// input (',' for JSON). With no refused row it writes nothing and removes a
// rejects file an earlier run left at the path (stale reports that). It
// returns the number of rows written.
func (w *RejectsWriter) Commit(columns []string, delim rune, rejectsInput bool) (n int, stale bool, err error) {
	defer w.Discard()
	if err := w.w.Flush(); err != nil {
		return 0, false, i18n.Err("batch.io.rejects_write", err)
	}
	keep := len(columns)
	if rejectsInput {
		keep -= len(rejectsColumns)
	}
	if delim == 0 {
		delim = ','
	}
	head := make([]string, 0, keep+len(rejectsColumns))
	for _, c := range columns[:keep] {
		if rejectsInput {
			c = unguard(c)
		}
		head = append(head, guard(c))
	}
	head = append(head, rejectsColumns...)
	header := headerLine(head, delim)
	if w.n == 0 {
		stale, err := w.removeStale(header)
		return 0, stale, err
	}
	if p := FreeName(w.path, func(p string) bool { return w.owns(p, header) }); p != w.path {
		w.Beside, w.path = w.path, p
	}
	if _, err := w.spool.Seek(0, io.SeekStart); err != nil {
		return 0, false, i18n.Err("batch.io.rejects_write", err)
	}
	err = settings.Replace(w.path, func(out io.Writer) error {
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(out)
		cw.Comma = delim
		if err := cw.Write(head); err != nil {
			return err
		}
		rec := make([]string, 0, len(head))
		dec := json.NewDecoder(bufio.NewReader(w.spool))
		var cells []string
		for {
			cells = cells[:0]
			if err := dec.Decode(&cells); err == io.EOF {
				break
			} else if err != nil {
				return i18n.Err("batch.io.rejects_read_back", err)
			}
			rec = rec[:0]
			for i := range keep {
				v := ""
				if 4+i < len(cells) {
					v = cells[4+i]
				}
				rec = append(rec, guard(v))
			}
			for _, v := range cells[:4] {
				rec = append(rec, guard(v))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return 0, false, i18n.Err("batch.io.rejects_write_path", w.path, err)
	}
	return w.n, false, nil
}

// Discard removes the spool; the rejects file is left as it was.
func (w *RejectsWriter) Discard() {
	if w.spool != nil {
		_ = w.spool.Close()
		_ = os.Remove(w.spool.Name())
		w.spool = nil
	}
}

// headerLine is the header row as the CSV writer writes it.
func headerLine(cells []string, delim rune) string {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Comma = delim
	_ = cw.Write(cells)
	cw.Flush()
	return strings.TrimRight(b.String(), "\r\n")
}

// removeStale removes the rejects file an earlier run of this input left
// at the path, and reports whether it did. Only this input's own is
// removed (see owns: its header is this input's columns then the rejects
// columns, or the journal names it); another input's rejects file, or
// anything else, is left alone.
func (w *RejectsWriter) removeStale(header string) (bool, error) {
	if _, err := os.Lstat(w.path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, i18n.Err("batch.io.rejects_check_old", err)
	}
	if !w.owns(w.path, header) {
		return false, nil
	}
	if err := os.Remove(w.path); err != nil {
		return false, i18n.Err("batch.io.rejects_remove_old", err)
	}
	return true, nil
}
