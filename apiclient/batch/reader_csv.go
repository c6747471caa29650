package batch

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// csvParser reads RFC 4180 CSV as spreadsheets write it: a header row,
// values in double quotes when they hold the delimiter, a quote or a line
// break, "" for a quote inside quotes, CRLF or LF line ends (a CRLF inside
// quotes reads as LF), blank lines skipped. It is written here rather than
// taken from encoding/csv so that it can name the line of every mistake and
// stop a quote that never closes before it swallows the file; the fuzz test
// checks it reads what encoding/csv reads.
type csvParser struct {
	lineReader
	delim     byte
	startLine int      // the line where the last record started
	headerAt  int      // the line of the header
	buf       []byte   // the current record's values, one after another
	ends      []int    // where each value ends in buf
	vals      []string // the current record's values, cut from buf
	columns   int
}

func newCSVParser(br *bufio.Reader, delim byte) *csvParser {
	return &csvParser{lineReader: lineReader{br: br}, delim: delim}
}

// lineEnd is the length of the line end at the end of line: "\r\n", "\n",
// or a lone "\r" on the file's last line.
func (p *lineReader) lineEnd(line []byte) int {
	n := len(line)
	switch {
	case n >= 2 && line[n-2] == '\r' && line[n-1] == '\n':
		return 2
	case n >= 1 && line[n-1] == '\n':
		return 1
	case n >= 1 && line[n-1] == '\r' && p.eof:
		return 1
	}
	return 0
}

func (p *csvParser) header() ([]string, error) {
	if crOnly(p.br) {
		// Lines ending with CR alone (Excel for Mac's "CSV"): the whole
		// file is one line, whose first quoted value would be blamed for
		// what the line ends did. Say what is wrong before parsing it.
		return nil, inputError(1, "batch.input.cr_line_ends")
	}
	names, _, err := p.record()
	if err == io.EOF {
		return nil, inputError(1, "batch.input.empty")
	}
	if err != nil {
		return nil, err
	}
	seen := make(map[string]int, len(names))
	cols := make([]string, len(names))
	p.headerAt = p.startLine
	for i, n := range names {
		if strings.ContainsRune(n, '\r') {
			// A carriage return inside a column's name: the lines end with
			// CR alone (Excel for Mac's "CSV"), so the whole file read as
			// one header line. Say so, rather than "no rows follow it".
			return nil, inputError(p.startLine, "batch.input.cr_line_ends")
		}
		cols[i] = n
		key := strings.TrimSpace(n)
		if key == "" {
			continue // columns with no name (a spreadsheet's trailing ",,"): the mapping sees to them
		}
		if j, ok := seen[key]; ok {
			return nil, inputError(p.headerLine(), "batch.input.duplicate_column", key, j+1, i+1)
		}
		seen[key] = i
	}
	p.columns = len(cols)
	return cols, nil
}

func (p *csvParser) headerLine() int { return p.headerAt }

func (p *csvParser) noRows() error {
	return inputError(p.headerLine(), "batch.input.header_only")
}

func (p *csvParser) next(row *Row) error {
	vals, start, err := p.record()
	if err != nil {
		return err
	}
	row.Line = start
	if len(vals) != p.columns {
		if len(vals) < p.columns {
			return inputError(start, "batch.input.too_few_values", len(vals), p.columns)
		}
		return inputError(start, "batch.input.too_many_values", len(vals), p.columns)
	}
	row.Values = append(row.Values[:0], vals...)
	return nil
}

// record reads one record and returns its values (valid until the next
// call) and the line where it starts.
func (p *csvParser) record() ([]string, int, error) {
	var line []byte
	for {
		l, err := p.readLine()
		if err != nil {
			return nil, 0, err
		}
		if len(l) > p.lineEnd(l) {
			line = l
			break
		}
	}
	start := p.line
	p.startLine = start
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	pos := 0
	for {
		if pos < len(line) && line[pos] == '"' {
			opened := p.line
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 {
					// The value goes on past this line.
					rest := line[pos:]
					if p.lineEnd(rest) == 2 {
						p.buf = append(append(p.buf, rest[:len(rest)-2]...), '\n')
					} else {
						p.buf = append(p.buf, rest...)
					}
					if len(p.buf) > MaxRecordBytes {
						return nil, 0, inputError(opened, "batch.input.quote_too_long", MaxRecordBytes>>10)
					}
					if p.eof {
						return nil, 0, inputError(opened, "batch.input.quote_never_closes")
					}
					next, err := p.readLine()
					if err == io.EOF {
						return nil, 0, inputError(opened, "batch.input.quote_never_closes")
					}
					if err != nil {
						return nil, 0, err
					}
					line, pos = next, 0
					continue
				}
				p.buf = append(p.buf, line[pos:pos+i]...)
				pos += i + 1
				if pos < len(line) && line[pos] == '"' { // "" is one quote
					p.buf = append(p.buf, '"')
					pos++
					continue
				}
				break
			}
			p.ends = append(p.ends, len(p.buf))
			switch {
			case pos < len(line) && line[pos] == p.delim:
				pos++
				continue
			case len(line)-pos == p.lineEnd(line[pos:]):
				return p.values(), start, nil
			}
			return nil, 0, inputError(p.line, "batch.input.text_after_quote", delimName(p.delim))
		}
		rest := line[pos:]
		i := bytes.IndexByte(rest, p.delim)
		last := i < 0
		if last {
			i = len(rest) - p.lineEnd(rest)
		}
		if bytes.IndexByte(rest[:i], '"') >= 0 {
			return nil, 0, inputError(p.line, "batch.input.stray_quote")
		}
		p.buf = append(p.buf, rest[:i]...)
		p.ends = append(p.ends, len(p.buf))
		if last {
			return p.values(), start, nil
		}
		pos += i + 1
	}
}

// values cuts the record into strings with one allocation.
func (p *csvParser) values() []string {
	all := string(p.buf)
	p.vals = p.vals[:0]
	from := 0
	for _, end := range p.ends {
		p.vals = append(p.vals, all[from:end])
		from = end
	}
	return p.vals
}

// delimName names a delimiter in a message: ";" in quotes, or the tab in
// words.
func delimName(d byte) string {
	if d == '\t' {
		return i18n.T("batch.input.tab")
	}
	return strconv.Quote(string(d))
}

// crOnly reports whether the start of the input (what one read brought,
// at most the reader's buffer) has lines ending with a CR alone: a CR
// followed by something other than LF, and no LF anywhere.
func crOnly(br *bufio.Reader) bool {
	if br.Buffered() == 0 {
		_, _ = br.Peek(1) // one read: never waits for more than the input has
	}
	b, _ := br.Peek(br.Buffered())
	if bytes.IndexByte(b, '\n') >= 0 {
		return false
	}
	i := bytes.IndexByte(b, '\r')
	return i >= 0 && i+1 < len(b)
}
