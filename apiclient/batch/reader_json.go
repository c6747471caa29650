package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// jsonRecords turns JSON objects into rows: each key is a column, met in
// the order the keys first appear. Values are read as text: strings as
// they are, numbers and true/false as written, null as empty; an object or
// a list is kept as its JSON text and marked Nested, so that a mapped field
// never takes it silently.
type jsonRecords struct {
	rd    *Reader
	index map[string]int // column by key
	stamp []int          // the record that last set each column
	rec   int
	cut   string // the message id of the JSON stopping inside a record
}

func newJSONRecords(rd *Reader, cut string) jsonRecords {
	return jsonRecords{rd: rd, index: map[string]int{}, cut: cut}
}

// object reads the members of an object whose "{" the decoder has just
// returned. lineOf gives the line of an offset of the decoder's input.
func (j *jsonRecords) object(dec *json.Decoder, row *Row, lineOf func(int64) int) error {
	j.rec++
	row.Values = row.Values[:0]
	for range j.rd.columns {
		row.Values = append(row.Values, "")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return j.jsonError(err, dec, lineOf)
		}
		key, ok := tok.(string)
		if !ok { // More and Token only give strings here; be safe anyway
			return inputError(lineOf(dec.InputOffset()), "batch.input.key_not_string")
		}
		keyLine := lineOf(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return j.jsonError(err, dec, lineOf)
		}
		col, ok := j.index[key]
		if !ok {
			if col, err = j.rd.addColumn(key, keyLine); err != nil {
				return err
			}
			j.index[key] = col
		}
		for len(row.Values) <= col {
			row.Values = append(row.Values, "")
		}
		for len(j.stamp) <= col {
			j.stamp = append(j.stamp, 0)
		}
		if j.stamp[col] == j.rec {
			return inputError(keyLine, "batch.input.duplicate_key", key)
		}
		j.stamp[col] = j.rec
		v, nested := jsonText(raw)
		row.Values[col] = v
		if nested {
			row.Nested = append(row.Nested, col)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing "}"
		return j.jsonError(err, dec, lineOf)
	}
	return nil
}

// jsonText is a JSON value as the text of a cell.
func jsonText(raw json.RawMessage) (string, bool) {
	switch raw[0] {
	case '"':
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), false
		}
		var s string
		_ = json.Unmarshal(raw, &s) // the decoder has checked it is a string
		return s, false
	case 'n':
		return "", false
	case '{', '[':
		var b bytes.Buffer
		if json.Compact(&b, raw) != nil {
			return string(raw), true
		}
		return b.String(), true
	}
	return string(raw), false // a number, true or false, as written
}

// jsonKind names the JSON value a token starts, for an error message.
func jsonKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return i18n.T("batch.input.kind_list")
		}
		return strconv.Quote(string(t))
	case string:
		return i18n.T("batch.input.kind_string")
	case float64, json.Number:
		return i18n.T("batch.input.kind_number")
	case bool:
		return i18n.T("batch.input.kind_bool")
	case nil:
		return "null"
	}
	return i18n.T("batch.input.kind_other")
}

// jsonError explains a decoder error at its line.
func (j *jsonRecords) jsonError(err error, dec *json.Decoder, lineOf func(int64) int) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return err // from the text reader: bad bytes, a record too long
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		msg := strings.TrimPrefix(se.Error(), "json: ")
		return inputError(lineOf(syntaxOffset(se, dec)), "batch.input.not_json", msg)
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		return inputError(lineOf(dec.InputOffset()), j.cut)
	}
	return i18n.Err("batch.io.reading_input", err)
}

// syntaxOffset is where in the decoder's input a syntax error is. Errors
// between tokens carry their offset in the input (InputOffset: the bad
// byte); errors inside a value carry a count of all the bytes the decoder
// has decoded so far, which says nothing of where. For those, the value is
// read again from where the last token ended (the decoder still holds it)
// by a fresh decoder, whose count starts there.
func syntaxOffset(se *json.SyntaxError, dec *json.Decoder) int64 {
	at := dec.InputOffset()
	if se.Offset == at {
		return at
	}
	var v json.RawMessage
	var again *json.SyntaxError
	if err := json.NewDecoder(dec.Buffered()).Decode(&v); errors.As(err, &again) && again.Offset > 0 {
		return at + again.Offset - 1
	}
	return at
}

// jsonLinesParser reads JSON Lines: one record object per line, blank
// lines skipped.
type jsonLinesParser struct {
	lineReader
	jsonRecords
}

func newJSONLinesParser(br *bufio.Reader, rd *Reader) *jsonLinesParser {
	return &jsonLinesParser{lineReader: lineReader{br: br}, jsonRecords: newJSONRecords(rd,
		"batch.input.jsonl_cut")}
}

func (p *jsonLinesParser) noRows() error {
	return inputError(max(p.line, 1), "batch.input.blank_lines_only")
}

func (p *jsonLinesParser) next(row *Row) error {
	for {
		line, err := p.readLine()
		if err != nil {
			return err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		row.Line = p.line
		here := func(int64) int { return p.line }
		dec := json.NewDecoder(bytes.NewReader(line))
		tok, err := dec.Token()
		if err != nil {
			return p.jsonError(err, dec, here)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return inputError(p.line, "batch.input.jsonl_not_record", jsonKind(tok))
		}
		if err := p.object(dec, row, here); err != nil {
			return err
		}
		if _, err := dec.Token(); err != io.EOF {
			return inputError(p.line, "batch.input.jsonl_two_values")
		}
		return nil
	}
}

// jsonArrayParser reads a JSON array of record objects as a stream of
// tokens: one record in memory at a time, however long the array.
type jsonArrayParser struct {
	jsonRecords
	dec  *json.Decoder
	text *textReader
	done bool
	item int
}

func newJSONArrayParser(br *bufio.Reader, text *textReader, rd *Reader) (*jsonArrayParser, error) {
	p := &jsonArrayParser{dec: json.NewDecoder(br), text: text,
		jsonRecords: newJSONRecords(rd, "batch.input.array_cut")}
	if _, err := p.dec.Token(); err != nil { // the "[" sniffFormat saw
		return nil, p.jsonError(err, p.dec, text.lineAt)
	}
	return p, nil
}

func (p *jsonArrayParser) noRows() error {
	return inputError(p.text.lineAt(p.dec.InputOffset()), "batch.input.array_empty")
}

func (p *jsonArrayParser) next(row *Row) error {
	if p.done {
		return io.EOF
	}
	if !p.dec.More() {
		if _, err := p.dec.Token(); err != nil { // "]"
			return p.jsonError(err, p.dec, p.text.lineAt)
		}
		p.done = true
		_, err := p.dec.Token()
		var ie *InputError
		var se *json.SyntaxError
		switch {
		case err == io.EOF:
			return io.EOF
		case errors.As(err, &ie):
			return err
		case errors.As(err, &se):
			return inputError(p.text.lineAt(syntaxOffset(se, p.dec)), "batch.input.after_array")
		case err == nil:
			return inputError(p.text.lineAt(p.dec.InputOffset()-1), "batch.input.after_array")
		}
		return p.jsonError(err, p.dec, p.text.lineAt)
	}
	p.item++
	tok, err := p.dec.Token()
	if err != nil {
		return p.jsonError(err, p.dec, p.text.lineAt)
	}
	start := p.dec.InputOffset() - 1
	row.Line = p.text.lineAt(start)
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return inputError(row.Line, "batch.input.array_item", p.item, jsonKind(tok))
	}
	p.text.mark(start, row.Line, MaxRecordBytes+4*sniffSize, i18n.Err("batch.input.record_too_long", MaxRecordBytes>>10))
	return p.object(p.dec, row, p.text.lineAt)
}
