package batch

import (
	"fmt"
	"os"
	"time"
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
		return nil, fmt.Errorf("opening the file to import: %w", err)
	}
	rd, err := Open(f, s.Read)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &pass{f: f, rd: rd, mp: mp, checker: NewChecker(s.Today)}, nil
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
