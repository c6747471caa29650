package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInputError fails unless err is an *InputError naming a line of in
// (or the line after its end).
func checkInputError(t *testing.T, in []byte, err error) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *InputError", err, err)
	}
	if lines := bytes.Count(in, []byte{'\n'}) + 1; ie.Line < 1 || ie.Line > lines {
		t.Fatalf("error %q names line %d of a %d-line input", err, ie.Line, lines)
	}
	if strings.ContainsRune(ie.Msg.Error(), 0x1b) {
		t.Fatalf("error %q carries an escape character", err)
	}
}

// FuzzReadCSV: the CSV reader never panics, every error names a line, and
// what it accepts is what encoding/csv reads, value for value. Where
// encoding/csv accepts and this reader refuses, it is for one of the rules
// an import adds (every row as wide as the header, distinct column names,
// at least one row, no line past MaxRecordBytes).
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,2\n", "a;b\r\n\"x\r\ny\";2\r\n", "a\tb\n1\t\"2\"\"\"\n", "\ufeffname,email\n홍길동,a@b.c\n",
		"a,b\n\"open\n", "a,b\n1,2,3\n", "a,b\n\n\n1,2", "a,b\n\"x\"y,1\n", "a,b\nx\"y,1\n", "a,a\n1,2\n", "a,b\r", "a,b\n1,\"2\"\r",
		",\n,\n", "\"\"\n\"\"\n", "a\n\r\n", "a,b\n1,\"\"\"\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rd, rows, err := readAll(t, in, ReadOptions{Encoding: EncodingUTF8})
		if err != nil {
			checkInputError(t, in, err)
		}
		if rd == nil || rd.Format() != FormatCSV || !utf8.Valid(in) || bytes.HasPrefix(in, []byte("\ufeff")) {
			return
		}
		cr := csv.NewReader(bytes.NewReader(in))
		cr.Comma = rd.Delimiter()
		cr.FieldsPerRecord = -1
		want, cerr := cr.ReadAll()
		if err == nil {
			if cerr != nil {
				t.Fatalf("accepted what encoding/csv refuses (%v)", cerr)
			}
			if len(want) != len(rows)+1 || strings.Join(want[0], "\x00") != strings.Join(rd.Columns(), "\x00") {
				t.Fatalf("read %q + %d rows, encoding/csv %q", rd.Columns(), len(rows), want)
			}
			for i, row := range rows {
				if strings.Join(row.Values, "\x00") != strings.Join(want[i+1], "\x00") || row.Num != i+1 {
					t.Fatalf("row %d: %q, encoding/csv %q", i+1, row.Values, want[i+1])
				}
			}
			return
		}
		if cerr == nil {
			msg := err.Error()
			for _, rule := range []string{"values but the header has", "twice", "no rows follow", "is empty", "longer than"} {
				if strings.Contains(msg, rule) {
					return
				}
			}
			t.Fatalf("refused (%v) what encoding/csv reads as %q", err, want)
		}
	})
}

// FuzzReadJSONL: JSON Lines (and whatever else arrives) never panics; every
// error names a line; rows come numbered from 1 on increasing lines, no
// wider than the columns.
func FuzzReadJSONL(f *testing.F) {
	for _, seed := range []string{
		"{\"email\":\"a@b.c\"}\n{\"email\":\"d@e.f\",\"n\":1}\n", "{\"a\":{\"b\":[1]}}\n", "{\"a\":1,\"a\":2}\n", "{\"a\":\n1}\n",
		"[1]\n", "{} {}\n", "\n\n{\"a\":null}\n", "{\"a\":\"\\u001b[2J\"}\n", "[{\"a\":1},\n{\"b\":2}]", "[{\"a\":1}]x", "{\"\\ud800\":1}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rd, rows, err := readAll(t, in, ReadOptions{})
		if err != nil {
			checkInputError(t, in, err)
		}
		last := 0
		for i, row := range rows {
			if row.Num != i+1 || row.Line < last || row.Line < 1 {
				t.Fatalf("row %d: number %d on line %d after line %d", i+1, row.Num, row.Line, last)
			}
			last = row.Line
			if len(row.Values) > len(rd.Columns()) {
				t.Fatalf("row %d has %d values for %d columns", i+1, len(row.Values), len(rd.Columns()))
			}
			for _, v := range row.Values {
				if !utf8.ValidString(v) {
					t.Fatalf("row %d holds a value that is not UTF-8: %q", i+1, v)
				}
			}
		}
	})
}
