package i18n

import (
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/message/catalog"
)

// idShape is a message id: "<area>.<subject>.<part>", at least three parts.
var idShape = regexp.MustCompile(`^([a-z][a-z0-9_]*)(\.[A-Za-z0-9_]+){2,}$`)

// readAll reads every catalog file, by area and language.
func readAll(t *testing.T) map[string]map[Lang][]Entry {
	t.Helper()
	names, err := fs.Glob(files, "catalog/*")
	if err != nil {
		t.Fatal(err)
	}
	fileShape := regexp.MustCompile(`^catalog/([a-z][a-z0-9_]*)\.(en|ko)\.toml$`)
	all := map[string]map[Lang][]Entry{}
	for _, n := range names {
		m := fileShape.FindStringSubmatch(n)
		if m == nil {
			t.Errorf("%s: a catalog file is named <area>.<en|ko>.toml, the area in lower case", n)
			continue
		}
		area, l := m[1], Lang(m[2])
		entries, err := ReadCatalog(area, l)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if all[area] == nil {
			all[area] = map[Lang][]Entry{}
		}
		all[area][l] = entries
	}
	if len(all) == 0 {
		t.Fatal("no catalog file was found")
	}
	return all
}

func byID(entries []Entry) map[string]Entry {
	m := make(map[string]Entry, len(entries))
	for _, e := range entries {
		m[e.ID] = e
	}
	return m
}

// Every message exists in both languages, every file parses, and every id
// has the shape the code and the usage test rely on.
func TestCatalogsAreComplete(t *testing.T) {
	for area, langs := range readAll(t) {
		for _, l := range Langs {
			if _, ok := langs[l]; !ok {
				t.Errorf("area %s has no catalog/%s.%s.toml", area, area, l)
			}
		}
		en, ko := byID(langs[EN]), byID(langs[KO])
		for _, id := range slices.Sorted(maps.Keys(en)) {
			if _, ok := ko[id]; !ok {
				t.Errorf("%s is in %s.en.toml but not in %s.ko.toml", id, area, area)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(ko)) {
			if _, ok := en[id]; !ok {
				t.Errorf("%s is in %s.ko.toml but not in %s.en.toml", id, area, area)
			}
		}
		for _, l := range Langs {
			for _, e := range langs[l] {
				if !idShape.MatchString(e.ID) {
					t.Errorf("%s (%s): an id is <area>.<subject>.<part>: letters, digits and _", e.ID, l)
				}
				for _, f := range e.Formats() {
					if strings.TrimSpace(f) == "" {
						t.Errorf("%s (%s) is empty", e.ID, l)
					}
					if strings.Contains(f, "${") {
						t.Errorf("%s (%s): ${ starts a catalog variable in x/text; write it another way", e.ID, l)
					}
				}
			}
		}
	}
}

// The same verbs for the same arguments in both languages, so that a
// translation can reorder (with %[n]s) but never print %!d(string=…) or
// drop a value; plural forms agree with their message.
func TestFormatVerbsMatch(t *testing.T) {
	for area, langs := range readAll(t) {
		ko := byID(langs[KO])
		for _, en := range langs[EN] {
			k, ok := ko[en.ID]
			if !ok {
				continue // TestCatalogsAreComplete says so
			}
			for _, e := range []Entry{en, k} {
				for _, f := range e.Formats() {
					v, _ := verbs(f)
					for arg, verb := range v {
						if !strings.Contains("sqdvfgexX*", verb) {
							t.Errorf("%s: %%%s (argument %d) is no verb a message uses: write a literal %% as %%%%", e.ID, verb, arg)
						}
					}
				}
			}
			enSig, err := signature(en)
			if err != nil {
				t.Errorf("%s (en): %v", en.ID, err)
				continue
			}
			koSig, err := signature(k)
			if err != nil {
				t.Errorf("%s (ko): %v", en.ID, err)
				continue
			}
			if enSig != koSig {
				t.Errorf("%s: the verbs differ: en %s, ko %s (area %s)", en.ID, enSig, koSig, area)
			}
			if en.Plural != nil && k.Plural != nil && en.Arg != k.Arg {
				t.Errorf("%s: en counts argument %d, ko argument %d", en.ID, en.Arg, k.Arg)
			}
		}
	}
}

// signature is the verbs of an entry by argument, "1:d 2:s", from its
// "other" form; every other form must use the same verbs for the arguments
// it uses (it may leave out the count: "one row").
func signature(e Entry) (string, error) {
	if e.Plural == nil {
		v, err := verbs(e.Format)
		return sigString(v), err
	}
	other, err := verbs(e.Plural["other"])
	if err != nil {
		return "", fmt.Errorf("other: %w", err)
	}
	if got := other[e.Arg]; got != "d" {
		return "", fmt.Errorf("the counted argument %d is printed with %%%s in other, not %%d", e.Arg, got)
	}
	for sel, f := range e.Plural {
		v, err := verbs(f)
		if err != nil {
			return "", fmt.Errorf("%s: %w", sel, err)
		}
		for arg, verb := range v {
			if other[arg] != verb {
				return "", fmt.Errorf("%s prints argument %d with %%%s, other with %%%s", sel, arg, verb, other[arg])
			}
		}
		for arg := range other {
			if _, ok := v[arg]; !ok && arg != e.Arg {
				return "", fmt.Errorf("%s leaves out argument %d (only the count may be left out)", sel, arg)
			}
		}
	}
	return sigString(other), nil
}

func sigString(v map[int]string) string {
	var parts []string
	for _, arg := range slices.Sorted(maps.Keys(v)) {
		parts = append(parts, fmt.Sprintf("%d:%s", arg, v[arg]))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// verbs reads a format as fmt does and returns, for each argument it uses
// (from 1), the verb that prints it ("*" for a width or a precision).
func verbs(format string) (map[int]string, error) {
	out := map[int]string{}
	arg := 0 // the next argument, from 0
	use := func(verb string) error {
		n := arg + 1
		if prev, ok := out[n]; ok && prev != verb {
			return fmt.Errorf("argument %d is printed with both %%%s and %%%s", n, prev, verb)
		}
		out[n] = verb
		arg++
		return nil
	}
	index := func(s string, i int) (int, error) { // an [n] at s[i], if any
		if i >= len(s) || s[i] != '[' {
			return i, nil
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return i, fmt.Errorf("unclosed [ in %q", s)
		}
		var n int
		if _, err := fmt.Sscanf(s[i+1:i+j], "%d", &n); err != nil || n < 1 {
			return i, fmt.Errorf("bad argument index %q", s[i:i+j+1])
		}
		arg = n - 1
		return i + j + 1, nil
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		var err error
		if i, err = index(format, i); err != nil {
			return nil, err
		}
		if i < len(format) && format[i] == '*' {
			if err := use("*"); err != nil {
				return nil, err
			}
			i++
		}
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			i++
		}
		if i < len(format) && format[i] == '.' {
			i++
			if i, err = index(format, i); err != nil {
				return nil, err
			}
			if i < len(format) && format[i] == '*' {
				if err := use("*"); err != nil {
					return nil, err
				}
				i++
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
		}
		if i, err = index(format, i); err != nil {
			return nil, err
		}
		if i >= len(format) {
			return nil, fmt.Errorf("%q ends in the middle of a verb", format)
		}
		if err := use(string(format[i])); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The verb reader itself, on the cases the catalogs may hold.
func TestVerbs(t *testing.T) {
	cases := []struct {
		format string
		want   string
		bad    bool
	}{
		{format: "no verbs, 100%% sure", want: "[]"},
		{format: "%s (%s)", want: "[1:s 2:s]"},
		{format: "%d rows in %s", want: "[1:d 2:s]"},
		{format: "%[2]s에 %[1]d개 행", want: "[1:d 2:s]"},
		{format: "%-10s|%5.2f|%q", want: "[1:s 2:f 3:q]"},
		{format: "%*d", want: "[1:* 2:d]"},
		{format: "%[3]s %s", want: "[3:s 4:s]"},
		{format: "%[1]s and %[1]s again", want: "[1:s]"},
		{format: "%[1]s then %[1]d", bad: true},
		{format: "cut %", bad: true},
		{format: "%[x]s", bad: true},
	}
	for _, c := range cases {
		v, err := verbs(c.format)
		if c.bad {
			if err == nil {
				t.Errorf("verbs(%q) = %v, want an error", c.format, v)
			}
			continue
		}
		if err != nil || sigString(v) != c.want {
			t.Errorf("verbs(%q) = %s, %v; want %s", c.format, sigString(v), err, c.want)
		}
	}
	plurals := []struct {
		e   Entry
		bad bool
	}{
		{e: Entry{ID: "a.b.c", Arg: 1, Plural: map[string]string{"one": "one row", "other": "%d rows"}}},
		{e: Entry{ID: "a.b.c", Arg: 2, Plural: map[string]string{"one": "%[1]s: one row", "other": "%[1]s: %[2]d rows"}}},
		{e: Entry{ID: "a.b.c", Arg: 1, Plural: map[string]string{"one": "%s row", "other": "%d rows"}}, bad: true},
		{e: Entry{ID: "a.b.c", Arg: 2, Plural: map[string]string{"one": "one row", "other": "%s: %d rows"}}, bad: true},
		{e: Entry{ID: "a.b.c", Arg: 1, Plural: map[string]string{"other": "%s rows"}}, bad: true},
	}
	for _, c := range plurals {
		if _, err := signature(c.e); (err != nil) != c.bad {
			t.Errorf("signature(%v) error = %v, want an error: %v", c.e.Plural, err, c.bad)
		}
	}
}

// Every message compiles into x/text's catalog: a plural form the language
// does not have (Korean has only "other") is refused here, not at run time.
func TestCatalogMessagesCompile(t *testing.T) {
	b := catalog.NewBuilder()
	for _, langs := range readAll(t) {
		for l, entries := range langs {
			for _, e := range entries {
				if err := b.Set(tags[l], e.ID, e.message()); err != nil {
					t.Errorf("%s (%s): %v", e.ID, l, err)
				}
			}
		}
	}
}

// A broken file is reported with its name, and its area falls back to
// English instead of printing ids.
func TestBrokenFileFallsBack(t *testing.T) {
	fsys := mapFS(map[string]string{
		"catalog/demo.en.toml": "[x]\ntitle = \"Hello %s\"\n",
		"catalog/demo.ko.toml": "[x]\ntitle = \"unclosed\n",
	})
	k := newBook(fsys)
	if !k.has(EN, "demo.x.title") || k.has(KO, "demo.x.title") {
		t.Fatalf("has: en %v, ko %v", k.has(EN, "demo.x.title"), k.has(KO, "demo.x.title"))
	}
	if err := k.errs["demo.ko"]; err == nil || !strings.Contains(err.Error(), "demo.ko.toml") {
		t.Errorf("the broken file's error = %v, want one naming it", err)
	}
	for _, bad := range []string{
		"[x]\ntitle = 3\n",
		"[x]\ntitle = { one = \"a\", other = \"b\", few = 2 }\n",
		"[x]\ntitle = { one = \"a\", other = \"b\", nine = \"c\" }\n",
	} {
		if _, err := readFile(mapFS(map[string]string{"catalog/demo.en.toml": bad}), "demo", EN); err == nil {
			t.Errorf("readFile accepted %q", bad)
		}
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}
