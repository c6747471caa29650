package apiclient

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// utf8BOM is the byte-order mark some editors (Notepad, Excel) put at the
// start of a UTF-8 file. It says nothing about the record and is dropped.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// Position is a place in a file: line and column, both from 1; the column
// counts characters, not bytes, as editors do.
type Position struct {
	Line, Column int
}

// String reads "line 3, column 5" ("3행 5열").
func (p Position) String() string { return p.text().String() }

func (p Position) text() text { return say("record.place.at", p.Line, p.Column) }

// positionAt is the position of byte offset off in data.
func positionAt(data []byte, off int) Position {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col := 1
	for i := start; i < off; {
		_, n := utf8.DecodeRune(data[i:off])
		i += n
		col++
	}
	return Position{Line: line, Column: col}
}

// DuplicateKeyError is a record file that names a key twice. A JSON decoder
// keeps the last value without a word, so the record sent would not be the
// one an operator reads at the top of the file.
type DuplicateKeyError struct {
	Key           string
	First, Second Position
}

// Error names the key (and its field) and both places.
func (e *DuplicateKeyError) Error() string {
	return say("record.file.duplicate", keyWords(e.Key), e.First.text(), e.Second.text()).String()
}

// keyWords names a key of a record file: quoted, with its field's label
// when it is one of the API's ("\"email\" (Email)").
func keyWords(key string) text {
	if _, ok := specOf(key); ok {
		return say("record.key.field", key, fieldLabel(key))
	}
	return literal(strconv.Quote(Sanitize(key)))
}

// Is makes it match ErrInvalidPayload: the file is refused, nothing is sent.
func (e *DuplicateKeyError) Is(target error) bool { return target == ErrInvalidPayload }

// EncodingError is a record file whose text is not valid UTF-8 (a file
// saved as Latin-1 or EUC-KR, say). A JSON decoder would replace each bad
// byte with U+FFFD and send the mangled text.
type EncodingError struct {
	Field string // the key whose value (or the key itself, when InKey) holds the byte
	InKey bool
	Byte  byte
	Pos   Position
}

// Error names the field, the byte and its place.
func (e *EncodingError) Error() string {
	if e.InKey {
		return say("record.file.key_not_utf8", hexByte(e.Byte), e.Pos.text()).String()
	}
	return say("record.file.value_not_utf8", keyWords(e.Field), hexByte(e.Byte), e.Pos.text()).String()
}

// Is makes it match ErrInvalidPayload: the file is refused, nothing is sent.
func (e *EncodingError) Is(target error) bool { return target == ErrInvalidPayload }

// scanRecord walks the keys of one JSON object that is known to parse and
// refuses what a plain decode would hide: a key given twice, and text that
// is not UTF-8.
func scanRecord(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil // not an object: the caller has said so already
	}
	seen := map[string]int{}
	for dec.More() {
		keyAt := skipSpace(data, int(dec.InputOffset()), ",")
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		keyEnd := int(dec.InputOffset())
		if i := invalidUTF8(data[keyAt:keyEnd]); i >= 0 {
			return &EncodingError{Field: key, InKey: true, Byte: data[keyAt+i], Pos: positionAt(data, keyAt+i)}
		}
		if first, dup := seen[key]; dup {
			return &DuplicateKeyError{Key: key, First: positionAt(data, first), Second: positionAt(data, keyAt)}
		}
		seen[key] = keyAt
		valueAt := skipSpace(data, keyEnd, ":")
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil
		}
		if i := invalidUTF8(raw); i >= 0 {
			return &EncodingError{Field: key, Byte: raw[i], Pos: positionAt(data, valueAt+i)}
		}
	}
	return nil
}

// skipSpace moves off past JSON white space and the separators in seps.
func skipSpace(data []byte, off int, seps string) int {
	for off < len(data) {
		switch c := data[off]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case bytes.IndexByte([]byte(seps), c) >= 0:
		default:
			return off
		}
		off++
	}
	return off
}

// invalidUTF8 is the offset of the first byte of b that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
