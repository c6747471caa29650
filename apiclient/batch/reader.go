package batch

import (
	"bufio"
	"io"

	"argos-migrate/apiclient/i18n"
)

// Format is the shape of an input file.
type Format int

// The formats an input may have; the first bytes decide.
const (
	FormatCSV Format = iota + 1
	FormatJSONLines
	FormatJSONArray
)

// String names the format as --json prints it, the same in every
// language: "CSV", "JSON Lines", "JSON array".
func (f Format) String() string {
	switch f {
	case FormatCSV:
		return "CSV"
	case FormatJSONLines:
		return "JSON Lines"
	case FormatJSONArray:
		return "JSON array"
	}
	return "unknown"
}

// Words names the format for people, in the run's language.
func (f Format) Words() string {
	switch f {
	case FormatCSV:
		return i18n.T("batch.format.csv")
	case FormatJSONLines:
		return i18n.T("batch.format.jsonl")
	case FormatJSONArray:
		return i18n.T("batch.format.json_array")
	}
	return i18n.T("batch.format.unknown")
}

// MaxRecordBytes bounds one row (one CSV record, one JSON line or one object
// of an array). A real record is well under 4 KiB; a quote that never
// closes would otherwise swallow the rest of the file into one value.
const MaxRecordBytes = 1 << 20

// maxColumns bounds the distinct keys of a JSON input.
const maxColumns = 1024

// Row is one record of the input, before mapping. Its slices are reused:
// they hold until the next call to Reader.Next.
type Row struct {
	Num  int // the data row, 1-based, as an operator counts rows below the header
	Line int // the line of the file where the row starts
	// Values holds the row's values by column (Reader.Columns). A JSON
	// record leaves out the keys it does not have: its Values may be
	// shorter than the columns, and a key it lacks reads "".
	Values []string
	// Nested lists the columns whose JSON value was an object or a list;
	// their Values hold the JSON text.
	Nested []int
}

// Value is the value of column i, "" when the row has none.
func (r *Row) Value(i int) string {
	if i < len(r.Values) {
		return r.Values[i]
	}
	return ""
}

// ReadOptions say how to read an input.
type ReadOptions struct {
	// Encoding is a ParseEncoding name, or "" to detect it from the bytes.
	Encoding string
}

// Reader streams the rows of an input. It holds one row at a time: memory
// does not grow with the number of rows.
type Reader struct {
	format    Format
	enc       Encoding
	delimiter rune
	text      *textReader
	src       rowSource
	columns   []string
	rows      int
	err       error
}

// rowSource is one format's parser.
type rowSource interface {
	// next fills row (Line, Values, Nested) and may add columns; io.EOF at
	// the end.
	next(row *Row) error
	// noRows is the error for an input that ends before its first row.
	noRows() error
}

// Open starts reading an input: it chooses the encoding and the format,
// and reads a CSV file's header. An empty file is an error.
func Open(r io.Reader, o ReadOptions) (*Reader, error) {
	text, enc, err := openText(r, o.Encoding)
	if err != nil {
		return nil, err
	}
	// Until the format is known, remember where lines start: a JSON array's
	// reader needs it from the first byte.
	text.track = true
	br := bufio.NewReaderSize(text, 64<<10)
	format, err := sniffFormat(br)
	if err != nil {
		return nil, err
	}
	if format != FormatJSONArray {
		text.track, text.nls = false, nil
	}
	rd := &Reader{format: format, enc: enc, text: text}
	switch format {
	case FormatCSV:
		delim, err := sniffDelimiter(br)
		if err != nil {
			return nil, err
		}
		rd.delimiter = rune(delim)
		p := newCSVParser(br, delim)
		if rd.columns, err = p.header(); err != nil {
			return nil, err
		}
		rd.src = p
	case FormatJSONLines:
		rd.src = newJSONLinesParser(br, rd)
	case FormatJSONArray:
		p, err := newJSONArrayParser(br, text, rd)
		if err != nil {
			return nil, err
		}
		rd.src = p
	}
	return rd, nil
}

// Format is the input's format.
func (r *Reader) Format() Format { return r.format }

// Encoding is how the input's bytes were read.
func (r *Reader) Encoding() Encoding { return r.enc }

// Delimiter is a CSV file's delimiter (',', ';' or '\t'), 0 for JSON.
func (r *Reader) Delimiter() rune { return r.delimiter }

// Columns are the column names: a CSV file's header, or the keys of the
// JSON records read so far in the order they first appeared. The slice
// only grows; do not modify it.
func (r *Reader) Columns() []string { return r.columns }

// Rows is the number of rows read so far.
func (r *Reader) Rows() int { return r.rows }

// Next reads the next row into row, reusing its slices. It returns io.EOF
// after the last row, and an *InputError for input that is not rows. A file
// with no rows at all is an error, not an empty import.
func (r *Reader) Next(row *Row) error {
	if r.err != nil {
		return r.err
	}
	row.Nested = row.Nested[:0]
	err := r.src.next(row)
	switch {
	case err == io.EOF && r.rows == 0:
		err = r.src.noRows()
	case err == nil:
		r.rows++
		row.Num = r.rows
	}
	if err != nil {
		r.err = err
	}
	return err
}

// addColumn registers a JSON key met for the first time.
func (r *Reader) addColumn(name string, line int) (int, error) {
	if len(r.columns) >= maxColumns {
		return 0, inputError(line, "batch.input.too_many_keys", maxColumns)
	}
	r.columns = append(r.columns, name)
	return len(r.columns) - 1, nil
}

// sniffFormat looks at the first character that is not white space: "{"
// starts JSON Lines, "[" a JSON array, anything else CSV.
func sniffFormat(br *bufio.Reader) (Format, error) {
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	first := firstNonSpace(head)
	if first < 0 {
		if len(head) == 0 || err == io.EOF {
			return 0, inputError(1, "batch.input.empty")
		}
		return FormatCSV, nil // 4 KiB of blanks: let the CSV reader say what it finds
	}
	switch head[first] {
	case '{':
		if next := firstNonSpace(head[first+1:]); next < 0 || head[first+1+next] == '"' || head[first+1+next] == '}' {
			return FormatJSONLines, nil
		}
	case '[':
		if next := firstNonSpace(head[first+1:]); next < 0 || head[first+1+next] == '{' || head[first+1+next] == ']' {
			return FormatJSONArray, nil
		}
	}
	return FormatCSV, nil
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

// sniffDelimiter picks the delimiter the header line uses most, outside
// quotes: ',' then ';' then tab on a tie, ',' when there is none.
func sniffDelimiter(br *bufio.Reader) (byte, error) {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, i18n.Err("batch.io.reading_input", err)
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best, nil
}
