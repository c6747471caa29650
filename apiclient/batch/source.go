package batch

import (
	"io"
	"os"
	"strconv"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Source is an input the import reads more than once: the preflight, the
// send, and the final results each read it from the start with a fresh
// mapper and checker, which give the same records and verdicts every time.
// Nothing of it is held between passes.
type Source struct {
	Path    string
	Read    ReadOptions
	Mapping Mapping
	Today   time.Time
	// ImageDir is the folder the rows' relative image paths are read
	// from (the input file's own, see ImageDir; "" for the current one):
	// not Path's when Path is a copy of standard input.
	ImageDir string
	// ShownImageDir, when set, is the folder messages name relative image
	// paths from (Checker.ShownDir).
	ShownImageDir string
	// Owner says which file at the rejects path Report may replace.
	Owner RejectsOwner
}

// pass is one reading of a Source.
type pass struct {
	f       *os.File
	rd      *Reader
	mp      *Mapper
	checker *Checker
	row     Row
}

func (s Source) open() (*pass, error) {
	mp, err := NewMapper(s.Mapping, MapperOptions{Today: s.Today})
	if err != nil {
		return nil, err
	}
	f, err := os.Open(s.Path)
	if err != nil {
		return nil, i18n.Err("batch.io.open_input", apiclient.OpenError(s.Path, err))
	}
	rd, err := Open(f, s.Read)
	if err != nil {
		f.Close()
		return nil, err
	}
	checker := NewChecker(s.Today)
	checker.ImageDir, checker.ShownDir = s.ImageDir, s.ShownImageDir
	return &pass{f: f, rd: rd, mp: mp, checker: checker}, nil
}

// next is the next record, checked; io.EOF after the last.
func (p *pass) next() (Record, error) {
	if err := p.rd.Next(&p.row); err != nil {
		return Record{}, err
	}
	rec, err := p.mp.Map(&p.row, p.rd.Columns())
	if err != nil {
		return rec, err
	}
	p.checker.Check(&rec)
	return rec, nil
}

func (p *pass) close() { p.f.Close() }

// Row reads the source up to its data row n (1-based) and returns that row
// mapped and checked, as the import saw it: the rulebook's problems, and a
// repeat of an earlier row.
func (s Source) Row(n int) (Record, error) {
	if n < 1 {
		return Record{}, &NoRowError{Row: n}
	}
	p, err := s.open()
	if err != nil {
		return Record{}, err
	}
	defer p.close()
	for {
		rec, err := p.next()
		if err == io.EOF {
			return Record{}, &NoRowError{Row: n, Rows: p.rd.Rows()}
		}
		if err != nil || rec.Row == n {
			return rec, err
		}
	}
}

// NoRowError: the row asked for is not in the file (below 1, or past its
// last row). The file itself is fine: nothing in it is to fix.
type NoRowError struct {
	Row, Rows int // Rows: how many the file has, when Row is past them
}

func (e *NoRowError) msg() *i18n.Error {
	if e.Row < 1 {
		return i18n.Err("batch.input.no_row", strconv.Itoa(e.Row))
	}
	return i18n.Err("batch.input.no_row_beyond", strconv.Itoa(e.Row), e.Rows)
}

func (e *NoRowError) Error() string { return e.msg().Error() }

// Localize says it in the run's language.
func (e *NoRowError) Localize() string { return e.msg().Localize() }
