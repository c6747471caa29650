package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// readFile parses one catalog file. Its keys are relative to the area: the
// table [key_refused] with title = "…" in failure.en.toml is the message
// "failure.key_refused.title".
//
// The catalogs are written in a plain subset of TOML (tables, key = "…",
// plural forms as one-line inline tables, comments), which readPlain reads
// some twenty times faster than a full TOML parser: an area of a thousand
// messages costs well under a millisecond instead of several. A file that
// leaves the subset is read by github.com/BurntSushi/toml, and the tests
// check that both readers agree on every file shipped.
func readFile(fsys fs.FS, area string, l Lang) ([]Entry, error) {
	name := "catalog/" + area + "." + string(l) + ".toml"
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	out, err := readPlain(area, string(data))
	if errors.Is(err, errNotPlain) {
		out, err = readTOML(area, string(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// readTOML reads a catalog file with the full TOML parser.
func readTOML(area, data string) ([]Entry, error) {
	var doc map[string]any
	if _, err := toml.Decode(data, &doc); err != nil {
		return nil, err
	}
	var out []Entry
	if err := flatten(area, doc, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// flatten turns a file's nested tables into entries with dotted ids.
func flatten(prefix string, doc map[string]any, out *[]Entry) error {
	for key, v := range doc {
		id := prefix + "." + key
		switch v := v.(type) {
		case string:
			*out = append(*out, Entry{ID: id, Format: v})
		case map[string]any:
			if !isPluralTable(v) {
				if err := flatten(id, v, out); err != nil {
					return err
				}
				continue
			}
			e := Entry{ID: id, Plural: map[string]string{}, Arg: 1}
			for sel, f := range v {
				if err := e.setForm(sel, f); err != nil {
					return err
				}
			}
			*out = append(*out, e)
		default:
			return fmt.Errorf("%s: a message is a string, or a table of plural forms", id)
		}
	}
	return nil
}

// setForm adds one key of a plural table: a form's format, or arg.
func (e *Entry) setForm(sel string, v any) error {
	switch v := v.(type) {
	case string:
		if !isSelector(sel) {
			return fmt.Errorf("%s: %q is not a plural form (zero, one, two, few, many, other, =N)", e.ID, sel)
		}
		e.Plural[sel] = v
	case int64:
		if sel != "arg" || v < 1 {
			return fmt.Errorf("%s: %s = %d: only arg, the counted argument from 1, is a number", e.ID, sel, v)
		}
		e.Arg = int(v)
	default:
		return fmt.Errorf("%s.%s: a plural form is a string", e.ID, sel)
	}
	return nil
}

// isPluralTable reports whether a table of a catalog file is one message's
// plural forms rather than a group of messages: it has "other".
func isPluralTable(m map[string]any) bool {
	_, ok := m["other"].(string)
	return ok
}

func isSelector(s string) bool {
	for _, f := range pluralOrder {
		if s == f {
			return true
		}
	}
	if n, ok := strings.CutPrefix(s, "="); ok && n != "" {
		return strings.Trim(n, "0123456789") == ""
	}
	return false
}

// errNotPlain: the file uses TOML beyond the plain subset.
var errNotPlain = errors.New("not plain TOML")

// readPlain reads a catalog file written in the plain subset of TOML:
// comment and blank lines, [a.b] table headers, and key = "basic string" or
// key = { form = "…", arg = 1 } on one line, with bare keys. Anything else,
// a key given twice or a table opened twice included, is errNotPlain, for
// the full parser to read or to refuse with TOML's own words.
func readPlain(area, data string) ([]Entry, error) {
	if !utf8.ValidString(data) {
		return nil, errNotPlain
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
			(c == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			return nil, errNotPlain // control characters, even in comments, are TOML's to refuse
		}
	}
	out := make([]Entry, 0, strings.Count(data, "\n")/2)
	table := area
	tables := map[string]bool{}
	keys := make(map[string]bool, cap(out))
	for len(data) > 0 {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		line = strings.TrimRight(strings.TrimLeft(line, " \t"), " \t\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 || !isTail(line[end+1:]) {
				return nil, errNotPlain
			}
			name := strings.TrimSpace(line[1:end])
			for _, part := range strings.Split(name, ".") {
				if !isBareKey(part) {
					return nil, errNotPlain
				}
			}
			table = area + "." + name
			if tables[table] || keys[table] {
				return nil, errNotPlain
			}
			tables[table] = true
			continue
		}
		key, value, ok := cutKey(line)
		if !ok {
			return nil, errNotPlain
		}
		id := table + "." + key
		if keys[id] || tables[id] || (key == "other" && table != area) {
			// A table with "other" is a plural message written as a
			// table: rare, and TOML's reader knows it.
			return nil, errNotPlain
		}
		keys[id] = true
		if value[0] == '{' {
			e, err := plainPlural(id, value)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
			continue
		}
		s, tail, err := basicString(value)
		if err != nil || !isTail(tail) {
			return nil, errNotPlain
		}
		out = append(out, Entry{ID: id, Format: s})
	}
	// A table whose name is also a message's id, or a message inside a
	// table that is also a message, is TOML's error: leave it to TOML.
	for t := range tables {
		if keys[t] {
			return nil, errNotPlain
		}
	}
	return out, nil
}

// plainPlural reads { one = "…", other = "…", arg = 2 } on one line.
func plainPlural(id, value string) (Entry, error) {
	e := Entry{ID: id, Plural: map[string]string{}, Arg: 1}
	rest := strings.TrimSpace(value[1:])
	seen := map[string]bool{}
	for {
		if r, ok := strings.CutPrefix(rest, "}"); ok {
			if !isTail(r) || len(seen) == 0 {
				return e, errNotPlain
			}
			break
		}
		key, v, ok := cutKey(rest)
		if !ok || seen[key] {
			return e, errNotPlain
		}
		seen[key] = true
		var val any
		if v[0] == '"' {
			s, tail, err := basicString(v)
			if err != nil {
				return e, errNotPlain
			}
			val, rest = s, tail
		} else {
			end := strings.IndexAny(v, ", }")
			if end <= 0 || v[0] < '1' || v[0] > '9' {
				return e, errNotPlain
			}
			n, err := strconv.ParseInt(v[:end], 10, 64)
			if err != nil {
				return e, errNotPlain
			}
			val, rest = n, v[end:]
		}
		if err := e.setForm(key, val); err != nil {
			return e, err
		}
		rest = strings.TrimLeft(rest, " \t")
		if r, ok := strings.CutPrefix(rest, ","); ok {
			rest = strings.TrimLeft(r, " \t")
			if strings.HasPrefix(rest, "}") {
				return e, errNotPlain // TOML allows no trailing comma
			}
		} else if !strings.HasPrefix(rest, "}") {
			return e, errNotPlain // pairs are separated by commas
		}
	}
	if _, ok := e.Plural["other"]; !ok {
		return e, errNotPlain // a table, not a plural message: TOML's reader decides
	}
	return e, nil
}

// cutKey splits `key = value` with a bare key and a non-empty value.
func cutKey(s string) (key, value string, ok bool) {
	eq := strings.IndexByte(s, '=')
	if eq < 0 {
		return "", "", false
	}
	key = strings.TrimRight(s[:eq], " \t")
	value = strings.TrimLeft(s[eq+1:], " \t")
	return key, value, isBareKey(key) && value != ""
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// isTail reports whether what follows a value is nothing or a comment.
func isTail(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || s[0] == '#'
}

// basicString reads a TOML basic string at the start of s ("…" with
// backslash escapes) and returns it and what follows it.
func basicString(s string) (string, string, error) {
	if len(s) < 2 || s[0] != '"' || strings.HasPrefix(s, `"""`) {
		return "", "", errNotPlain
	}
	// Most messages have no escape: the string is the bytes up to the
	// quote (readPlain has checked the file's UTF-8 and control bytes).
	if end := strings.IndexAny(s[1:], `"\`); end >= 0 && s[1+end] == '"' {
		return s[1 : 1+end], s[2+end:], nil
	}
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], nil
		case c == '\\':
			if i+1 >= len(s) {
				return "", "", errNotPlain
			}
			n := 2
			switch s[i+1] {
			case '"', '\\':
				b.WriteByte(s[i+1])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'u', 'U':
				digits := 4
				if s[i+1] == 'U' {
					digits = 8
				}
				if i+2+digits > len(s) {
					return "", "", errNotPlain
				}
				r, err := strconv.ParseUint(s[i+2:i+2+digits], 16, 32)
				if err != nil || !utf8.ValidRune(rune(r)) {
					return "", "", errNotPlain
				}
				b.WriteRune(rune(r))
				n = 2 + digits
			default:
				return "", "", errNotPlain // \b, \f, \r, \e…: rare enough for the full parser
			}
			i += n
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", "", errNotPlain
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", "", errNotPlain
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", "", errNotPlain
}
