package batch

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"

	"argos-migrate/apiclient"
)

// readAll reads every row of in, copying the values.
func readAll(tb testing.TB, in []byte, o ReadOptions) (*Reader, []Row, error) {
	tb.Helper()
	rd, err := Open(bytes.NewReader(in), o)
	if err != nil {
		return nil, nil, err
	}
	var rows []Row
	var row Row
	for {
		err := rd.Next(&row)
		if err == io.EOF {
			return rd, rows, nil
		}
		if err != nil {
			return rd, rows, err
		}
		rows = append(rows, Row{Num: row.Num, Line: row.Line, Values: append([]string(nil), row.Values...), Nested: append([]int(nil), row.Nested...)})
	}
}

func encodeWith(tb testing.TB, s string, enc interface{ Bytes([]byte) ([]byte, error) }) []byte {
	tb.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestReadGoodInputs(t *testing.T) {
	cp949 := encodeWith(t, "이름,email\r\n홍길동,hong@example.com\r\n김민준,kim@example.com\r\n", korean.EUCKR.NewEncoder())
	utf16le := encodeWith(t, "name\temail\r\n홍길동\thong@example.com\r\n", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	utf16be := encodeWith(t, "name;email\n홍길동;hong@example.com\n", unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder())
	utf16noBOM := encodeWith(t, "name,email\n홍길동,hong@example.com\n", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
	type want struct {
		line   int
		values []string
		nested []int
	}
	tests := []struct {
		name      string
		in        []byte
		encoding  string
		format    Format
		enc       Encoding
		delimiter rune
		columns   []string
		rows      []want
	}{
		{name: "comma", in: []byte("a,b,c\n1,2,3\n4,,6"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',',
			columns: []string{"a", "b", "c"}, rows: []want{{2, []string{"1", "2", "3"}, nil}, {3, []string{"4", "", "6"}, nil}}},
		{name: "byte-order mark and CRLF", in: []byte("\ufeffname,email\r\n홍길동,hong@example.com\r\n"), format: FormatCSV,
			enc: Encoding{Name: "utf-8", BOM: true, Detected: true}, delimiter: ',',
			columns: []string{"name", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}}},
		{name: "semicolon, with commas in values", in: []byte("name;address\nKim;1, Main St\n"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ';',
			columns: []string{"name", "address"}, rows: []want{{2, []string{"Kim", "1, Main St"}, nil}}},
		{name: "tab", in: []byte("name\taddress\nKim\t1, Main St; Seoul\n"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: '\t',
			columns: []string{"name", "address"}, rows: []want{{2, []string{"Kim", "1, Main St; Seoul"}, nil}}},
		{name: "delimiter inside a quoted header name does not count", in: []byte("\"a;b\",c\n1,2\n"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',',
			columns: []string{"a;b", "c"}, rows: []want{{2, []string{"1", "2"}, nil}}},
		{name: "quoted newlines, quotes and blank lines", in: []byte("id,note\r\n1,\"first\r\nsecond\"\r\n\r\n2,\"say \"\"hi\"\", ok\"\r\n3,\"\"\r\n"),
			format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',', columns: []string{"id", "note"},
			rows: []want{{2, []string{"1", "first\nsecond"}, nil}, {5, []string{"2", `say "hi", ok`}, nil}, {6, []string{"3", ""}, nil}}},
		{name: "a single column", in: []byte("email\na@example.com\n\nb@example.com"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',',
			columns: []string{"email"}, rows: []want{{2, []string{"a@example.com"}, nil}, {4, []string{"b@example.com"}, nil}}},
		{name: "CP949 detected", in: cp949, format: FormatCSV, enc: Encoding{Name: "cp949", Detected: true}, delimiter: ',',
			columns: []string{"이름", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}, {3, []string{"김민준", "kim@example.com"}, nil}}},
		{name: "EUC-KR named", in: cp949, encoding: "euc-kr", format: FormatCSV, enc: Encoding{Name: "euc-kr"}, delimiter: ',',
			columns: []string{"이름", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}, {3, []string{"김민준", "kim@example.com"}, nil}}},
		{name: "UTF-16LE with BOM", in: utf16le, format: FormatCSV, enc: Encoding{Name: "utf-16le", BOM: true, Detected: true}, delimiter: '\t',
			columns: []string{"name", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}}},
		{name: "UTF-16BE with BOM", in: utf16be, format: FormatCSV, enc: Encoding{Name: "utf-16be", BOM: true, Detected: true}, delimiter: ';',
			columns: []string{"name", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}}},
		{name: "UTF-16 given, BOM says the order", in: utf16be, encoding: "utf-16", format: FormatCSV, enc: Encoding{Name: "utf-16be", BOM: true}, delimiter: ';',
			columns: []string{"name", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}}},
		{name: "UTF-16LE without BOM detected", in: utf16noBOM, format: FormatCSV, enc: Encoding{Name: "utf-16le", Detected: true}, delimiter: ',',
			columns: []string{"name", "email"}, rows: []want{{2, []string{"홍길동", "hong@example.com"}, nil}}},
		{name: "JSON Lines", in: []byte("{\"email\":\"a@example.com\",\"n\":12,\"ok\":true}\n\n{\"x\":null, \"email\":\"b@example.com\", \"meta\":{\"k\": [1, 2]}}\n"),
			format: FormatJSONLines, enc: Encoding{Name: "utf-8", Detected: true}, columns: []string{"email", "n", "ok", "x", "meta"},
			rows: []want{{1, []string{"a@example.com", "12", "true"}, nil}, {3, []string{"b@example.com", "", "", "", `{"k":[1,2]}`}, []int{4}}}},
		{name: "JSON Lines with escapes and a BOM", in: []byte("\ufeff{\"fullName\":\"\\ud64d\\uae38\\ub3d9\",\"cf1\":\"a\\\"b\"}\r\n"),
			format: FormatJSONLines, enc: Encoding{Name: "utf-8", BOM: true, Detected: true}, columns: []string{"fullName", "cf1"},
			rows: []want{{1, []string{"홍길동", `a"b`}, nil}}},
		{name: "JSON array, pretty", in: []byte("[\n  {\n    \"email\": \"a@example.com\"\n  },\n  {\"email\": \"b@example.com\", \"cf1\": 1.50}\n]\n"),
			format: FormatJSONArray, enc: Encoding{Name: "utf-8", Detected: true}, columns: []string{"email", "cf1"},
			rows: []want{{2, []string{"a@example.com"}, nil}, {5, []string{"b@example.com", "1.50"}, nil}}},
		{name: "JSON array on one line", in: []byte(`[{"a":"1"},{"a":"2"}]`), format: FormatJSONArray, enc: Encoding{Name: "utf-8", Detected: true},
			columns: []string{"a"}, rows: []want{{1, []string{"1"}, nil}, {1, []string{"2"}, nil}}},
		{name: "columns without a name", in: []byte("a,,b,,\n1,,2,,\n"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',',
			columns: []string{"a", "", "b", "", ""}, rows: []want{{2, []string{"1", "", "2", "", ""}, nil}}},
		{name: "a CSV header starting with a bracket", in: []byte("[id],name\n1,Kim\n"), format: FormatCSV, enc: Encoding{Name: "utf-8", Detected: true}, delimiter: ',',
			columns: []string{"[id]", "name"}, rows: []want{{2, []string{"1", "Kim"}, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, rows, err := readAll(t, tt.in, ReadOptions{Encoding: tt.encoding})
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if rd.Format() != tt.format || rd.Encoding() != tt.enc || rd.Delimiter() != tt.delimiter {
				t.Errorf("format %v, encoding %+v, delimiter %q; want %v, %+v, %q", rd.Format(), rd.Encoding(), rd.Delimiter(), tt.format, tt.enc, tt.delimiter)
			}
			if strings.Join(rd.Columns(), "|") != strings.Join(tt.columns, "|") {
				t.Errorf("columns %q, want %q", rd.Columns(), tt.columns)
			}
			if len(rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(tt.rows), rows)
			}
			for i, w := range tt.rows {
				got := rows[i]
				if got.Num != i+1 || got.Line != w.line || strings.Join(got.Values, "|") != strings.Join(w.values, "|") || len(got.Nested) != len(w.nested) {
					t.Errorf("row %d: %+v, want line %d values %q nested %v", i+1, got, w.line, w.values, w.nested)
				}
			}
		})
	}
}

// Every malformed input is an *InputError that names the line an operator
// must look at, in words, and nothing is read past it.
func TestReadMalformedInputs(t *testing.T) {
	latin1 := append([]byte("name,city\n"), bytes.Repeat([]byte("Kim,Seoul\n"), 7000)...) // past the 64 KiB the encoding is chosen from
	latin1 = append(latin1, []byte("M\xfcller,Berlin\n")...)
	longQuote := append([]byte("a,b\n1,\"never closed\n"), bytes.Repeat([]byte("x,y\n"), MaxRecordBytes/3)...)
	longJSON := append([]byte("[\n{\"a\":\"1\"},\n{\"a\":\""), bytes.Repeat([]byte("x"), MaxRecordBytes+300<<10)...)
	tests := []struct {
		name     string
		in       []byte
		encoding string
		line     int
		words    string
	}{
		{"unbalanced quote", []byte("a,b\n1,2\n3,\"open\n4,5\n"), "", 3, "never closes"},
		{"unbalanced quote on the last line", []byte("a,b\n1,\"open"), "", 2, "never closes"},
		{"text after a closing quote", []byte("a,b\n1,2\n\"x\"y,2\n"), "", 3, "text follows a closing quote"},
		{"a quote inside a bare value", []byte("a,b\n5'11\",2\n"), "", 2, "does not start with one"},
		{"too many values", []byte("a,b\n1,2\n1,2,3\n"), "", 3, "3 values but the header has 2 columns"},
		{"too few values", []byte("a,b,c\n1,2,3\n\n1,2\n"), "", 4, "2 values but the header has 3 columns"},
		{"empty file", nil, "", 1, "empty"},
		{"only a byte-order mark", []byte("\ufeff"), "", 1, "empty"},
		{"only blank lines", []byte("\n\r\n  \n"), "", 1, "empty"},
		{"header only", []byte("a,b\n"), "", 1, "no rows follow"},
		{"header only after blank lines", []byte("\n\na,b\r\n\r\n"), "", 3, "no rows follow"},
		{"lines that end with CR alone", []byte("a,b\r1,2\r3,4\r"), "", 1, "carriage return alone"},
		{"lines that end with CR alone, semicolons", []byte("a;b\r1;2\r"), "", 1, "carriage return alone"},
		{"lines that end with CR alone, quoted values", []byte("admin,email,fullName\r\"a@b.com\",\"x@y.com\",\"Kim\"\r"), "", 1, "carriage return alone"},
		{"lines that end with CR alone, quoted header", []byte("\"a\";\"b\"\r\"1\";\"2\"\r"), "", 1, "carriage return alone"},
		{"duplicate column names", []byte("email,name,email \n1,2,3\n"), "", 1, `"email" twice (columns 1 and 3)`},
		{"a JSON line that is a list", []byte("{\"a\":1}\n[1,2]\n"), "", 2, "is a list, not a record"},
		{"a JSON line that is a string", []byte("{\"a\":1}\n\n\"x\"\n"), "", 3, "a string, not a record"},
		{"two JSON values on a line", []byte("{\"a\":1} {\"a\":2}\n"), "", 1, "more than one JSON value"},
		{"pretty JSON Lines", []byte("{\"a\":1}\n{\n\"a\":2}\n"), "", 2, "not a whole record"},
		{"duplicate JSON keys", []byte("{\"a\":1}\n{\"a\":1,\"b\":2,\"a\":3}\n"), "", 2, `the key "a" twice`},
		{"duplicate keys in an array", []byte("[\n{\"a\":1,\n\"a\":2}]"), "", 3, `the key "a" twice`},
		{"broken JSON line", []byte("{\"a\":1}\n{\"a\":}\n"), "", 2, "not valid JSON"},
		{"array item not an object", []byte("[\n{\"a\":1},\n\n7\n]"), "", 4, "item 2 of the array is a number"},
		{"a bad value on a later line of an array", []byte("[\n{\"a\":1},\n{\"a\":\n tru}\n]"), "", 4, "not valid JSON"},
		{"a bare key in an array", []byte("[\n{\"a\":1,\n b:2}]"), "", 3, "not valid JSON"},
		{"array cut off", []byte("[\n{\"a\":1},\n{\"a\":"), "", 3, "ends in the middle of a record"},
		{"text after the array", []byte("[{\"a\":1}]\n\nx"), "", 3, "more after the end of the JSON array"},
		{"empty array", []byte("[\n]\n"), "", 2, "array is empty"},
		{"not UTF-8 past the sniffed part", latin1, "", 7002, "not UTF-8 text: if the file comes from a Korean spreadsheet, run again with --encoding cp949"},
		{"not CP949", []byte("a,b\n\xff\xfe\xfa,2\n"), "cp949", 2, "not CP949 text"},
		{"a BOM against --encoding", []byte("\ufeffa,b\n1,2\n"), "cp949", 1, "UTF-8 byte-order mark but --encoding says cp949"},
		{"a quote that swallows the file", longQuote, "", 2, "runs past 1,024 KiB"},
		{"a JSON record that swallows the file", longJSON, "", 3, "longer than 1,024 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, tt.in, ReadOptions{Encoding: tt.encoding})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an *InputError", err, err)
			}
			if ie.Line != tt.line || !strings.Contains(ie.Error(), tt.words) {
				t.Errorf("error %q at line %d, want line %d saying %q", ie.Error(), ie.Line, tt.line, tt.words)
			}
			if !errors.Is(err, apiclient.ErrInvalidPayload) {
				t.Errorf("%v does not match ErrInvalidPayload (exit code 2)", err)
			}
		})
	}
}

// Rows before a broken line are still read, one by one.
func TestReadStopsAtTheBrokenRow(t *testing.T) {
	_, rows, err := readAll(t, []byte("a,b\n1,2\n3,4\n5\n7,8\n"), ReadOptions{})
	if len(rows) != 2 || err == nil || !strings.HasPrefix(err.Error(), "line 4: ") {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
}

// Readers above the text reader (bufio near the end of its buffer) may ask
// for fewer bytes than a rune takes; every byte still arrives, in order.
func TestTextReaderSmallReads(t *testing.T) {
	in := strings.Repeat("홍길동,a@b.c\n", 50)
	for _, enc := range []string{"", EncodingCP949} {
		raw := []byte(in)
		if enc != "" {
			raw = encodeWith(t, in, korean.EUCKR.NewEncoder())
		}
		text, _, err := openText(bytes.NewReader(raw), enc)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		for i := 0; ; i++ {
			p := make([]byte, 1+i%5)
			n, err := text.Read(p)
			got = append(got, p[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if string(got) != in {
			t.Fatalf("%q: read %q", enc, got)
		}
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]string{"": "", "UTF8": "utf-8", "utf_16": "utf-16", "UTF-16LE": "utf-16le", "MS949": "cp949", "EUC-KR": "euc-kr", "auto": ""} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("latin1"); err == nil || !strings.Contains(err.Error(), "cp949") {
		t.Errorf("latin1: %v", err)
	}
}

// Memory does not grow with rows: reading a large file allocates a bounded
// amount per row and keeps nothing of earlier rows.
func TestReadKeepsOneRowAtATime(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("email,name\n")
	for range 20000 {
		b.WriteString("someone@example.com,홍길동\n")
	}
	rd, err := Open(bytes.NewReader(b.Bytes()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var row Row
	allocs := testing.AllocsPerRun(1, func() {
		for rd.Next(&row) == nil {
		}
	})
	if rd.Rows() != 20000 {
		t.Fatalf("%d rows", rd.Rows())
	}
	if per := allocs / 20000; per > 2 {
		t.Errorf("%.1f allocations per row, want at most 2 (one string per record)", per)
	}
}
