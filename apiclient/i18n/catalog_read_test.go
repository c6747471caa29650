package i18n

import (
	"errors"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func sorted(es []Entry) []Entry {
	sort.Slice(es, func(i, j int) bool { return es[i].ID < es[j].ID })
	return es
}

// Every file shipped is plain, and the plain reader reads it exactly as
// the TOML parser does.
func TestPlainReaderAgreesOnEveryCatalog(t *testing.T) {
	names, _ := fs.Glob(files, "catalog/*.toml")
	for _, n := range names {
		data, _ := fs.ReadFile(files, n)
		area, _, _ := strings.Cut(strings.TrimPrefix(n, "catalog/"), ".")
		plain, err := readPlain(area, string(data))
		if err != nil {
			t.Errorf("%s leaves the plain subset of TOML (%v): keep to tables, key = \"…\" and one-line plural tables", n, err)
			continue
		}
		full, err := readTOML(area, string(data))
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if !reflect.DeepEqual(sorted(plain), sorted(full)) {
			t.Errorf("%s: the plain reader and TOML disagree:\nplain %v\ntoml  %v", n, plain, full)
		}
	}
}

// What the plain reader takes, and what it leaves to the full parser.
func TestPlainReader(t *testing.T) {
	cases := []struct {
		name, in string
		plain    bool // read by readPlain, and equal to TOML's reading
	}{
		{"strings and tables", "# c\ntop = \"a\"\n[x]\ntitle = \"T %s\" # note\n\n[x.y]\nz = \"deep\"\n", true},
		{"escapes", `[x]` + "\n" + `a = "q\" b\\ n\n t\t u\u00e9 U\U0001F600"` + "\n", true},
		{"hangul", "[x]\na = \"서버가 %[1]s(%[2]s) 항목을 받지 않습니다.\"\n", true},
		{"plural", "[x]\nrows = { one = \"%d row\", other = \"%d rows\" }\n", true},
		{"plural with arg", "[x]\nrows = { arg = 2, one = \"%[1]s: %[2]d row\", other = \"%[1]s: %[2]d rows\", \"=0\" = \"none\" }\n", false},
		{"plural exact", "[x]\nrows = { other = \"%d rows\", arg = 1 }\n", true},
		{"crlf", "[x]\r\na = \"b\"\r\n", true},
		{"plural as a table", "[x.rows]\none = \"a\"\nother = \"b\"\n", false},
		{"literal string", "[x]\na = 'b'\n", false},
		{"multi-line", "[x]\na = \"\"\"\nb\"\"\"\n", false},
		{"dotted key", "[x]\na.b = \"c\"\n", false},
		{"quoted key", "[x]\n\"a b\" = \"c\"\n", false},
		{"duplicate", "[x]\na = \"b\"\na = \"c\"\n", false},
		{"table twice", "[x]\na = \"b\"\n[x]\nc = \"d\"\n", false},
		{"array of tables", "[[x]]\na = \"b\"\n", false},
		{"number", "[x]\na = 3\n", false},
		{"trailing text", "[x]\na = \"b\" c\n", false},
		{"unclosed", "[x]\na = \"b\n", false},
		{"trailing comma", "[x]\nrows = { one = \"a\", other = \"b\", }\n", false},
		{"bad escape", "[x]\na = \"\\q\"\n", false},
		{"control character", "[x]\na = \"b\x01\"\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plain, err := readPlain("demo", c.in)
			if !c.plain {
				if !errors.Is(err, errNotPlain) {
					t.Fatalf("readPlain = %v, %v; want errNotPlain", plain, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("readPlain: %v", err)
			}
			full, err := readTOML("demo", c.in)
			if err != nil {
				t.Fatalf("TOML refuses it: %v", err)
			}
			if !reflect.DeepEqual(sorted(plain), sorted(full)) {
				t.Errorf("plain %v\ntoml  %v", plain, full)
			}
		})
	}
}

// Whatever the plain reader accepts, TOML reads the same way.
func FuzzPlainReader(f *testing.F) {
	names, _ := fs.Glob(files, "catalog/*.toml")
	for _, n := range names {
		data, _ := fs.ReadFile(files, n)
		f.Add(string(data))
	}
	f.Add("[x]\nrows = { one = \"%d row\", other = \"%d rows\", arg = 1 }\n")
	f.Add("[x]\na = \"\\u00e9\\\"\"\n[x.y]\nb = \"c\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		plain, err := readPlain("demo", in)
		if err != nil {
			return
		}
		full, err := readTOML("demo", in)
		if err != nil {
			t.Fatalf("the plain reader accepted what TOML refuses (%v): %q", err, in)
		}
		if !reflect.DeepEqual(sorted(plain), sorted(full)) {
			t.Fatalf("they disagree on %q:\nplain %v\ntoml  %v", in, plain, full)
		}
	})
}
