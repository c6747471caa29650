package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/width"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Samples keeps a few distinct values of each column from the first rows,
// for the guesses of a mapping skeleton: date layouts and value maps.
type Samples struct {
	values [][]string
}

// samplesPerColumn bounds what Samples keeps.
const samplesPerColumn = 24

// Add keeps the row's values that are new to their column.
func (s *Samples) Add(row *Row) {
	for i, v := range row.Values {
		for len(s.values) <= i {
			s.values = append(s.values, nil)
		}
		if v = strings.TrimSpace(v); v != "" && len(s.values[i]) < samplesPerColumn && !slices.Contains(s.values[i], v) {
			s.values[i] = append(s.values[i], v)
		}
	}
}

func (s *Samples) column(i int) []string {
	if s == nil || i >= len(s.values) {
		return nil
	}
	return s.values[i]
}

// WriteSkeleton writes a mapping file for the planned columns, to be
// filled in: every column with the field it maps to by itself, or "" with
// a "did you mean" beside it; a date layout where the first rows read in
// exactly one; the mapping's constants; and value maps, empty, for the
// fields with fixed values (as comments, the values seen in the file that
// the field does not take, with the rulebook's guess where it has one).
// The TOML form has those comments; JSON has none (asJSON).
func WriteSkeleton(w io.Writer, source string, mp *Mapper, samples *Samples, asJSON bool) error {
	sk := buildSkeleton(mp, samples)
	var b bytes.Buffer
	if asJSON {
		sk.writeJSON(&b)
	} else {
		sk.writeTOML(&b, source)
	}
	_, err := w.Write(b.Bytes())
	return err
}

type skeleton struct {
	columns []skelColumn
	ignore  []string
	dates   []skelDate
	set     [][2]string
	values  []skelValues
}

type skelColumn struct{ name, field, note string }
type skelDate struct {
	column, layout string
	options        []string
}
type skelValues struct {
	field  string
	mapped [][2]string // the mapping's own entries
	seen   [][2]string // a value seen, and the rulebook's guess or ""
}

func buildSkeleton(mp *Mapper, samples *Samples) skeleton {
	var sk skeleton
	enumFields := []string{apiclient.FieldGender, apiclient.FieldIDType, apiclient.FieldKYCStatus}
	seen := map[string][][2]string{}
	for i, p := range mp.Plan() {
		switch p.How {
		case HowRejects, HowNoName:
			continue
		case HowIgnored:
			sk.ignore = append(sk.ignore, p.Column)
			continue
		}
		c := skelColumn{name: p.Column}
		field := p.Field
		switch p.How {
		case HowName, HowAlias, HowMapped:
			c.field = p.Field
		case HowConflict:
			c.note = i18n.T("batch.skeleton.also_fills", p.Field)
		default:
			field = p.Suggest
			if p.Suggest != "" {
				c.note = i18n.T("batch.skeleton.suggest", p.Suggest)
			}
		}
		sk.columns = append(sk.columns, c)
		if field == "" {
			continue
		}
		spec, _ := apiclient.Spec(field)
		vals := samples.column(i)
		if spec.Kind == apiclient.KindDate && p.Date == "" {
			if opts := guessDateLayouts(vals); len(opts) == 1 {
				sk.dates = append(sk.dates, skelDate{column: p.Column, layout: opts[0]})
			} else if len(opts) > 1 {
				sk.dates = append(sk.dates, skelDate{column: p.Column, options: opts})
			}
		} else if p.Date != "" {
			sk.dates = append(sk.dates, skelDate{column: p.Column, layout: p.Date})
		}
		if spec.Kind == apiclient.KindEnum || spec.Kind == apiclient.KindCountry {
			for _, v := range vals {
				var s apiclient.Submission
				s.Set(field, v)
				if fe := apiclient.CheckField(&s, field, mp.opts.Today); fe != nil && !slices.ContainsFunc(seen[field], func(x [2]string) bool { return foldValue(x[0]) == foldValue(v) }) {
					if _, mapped := mp.values[field][foldValue(v)]; !mapped {
						seen[field] = append(seen[field], [2]string{v, fe.Suggestion})
					}
				}
			}
			if spec.Kind == apiclient.KindCountry && len(seen[field]) > 0 && !slices.Contains(enumFields, field) {
				enumFields = append(enumFields, field)
			}
		}
	}
	sk.set = mp.Constants()
	given := map[string][][2]string{}
	for f, vm := range mp.src.Values {
		key, err := FieldKey(f)
		if err != nil {
			continue
		}
		for _, from := range slices.Sorted(maps.Keys(vm)) {
			given[key] = append(given[key], [2]string{from, vm[from]})
		}
		if !slices.Contains(enumFields, key) {
			enumFields = append(enumFields, key)
		}
	}
	for _, f := range enumFields {
		sk.values = append(sk.values, skelValues{field: f, mapped: given[f], seen: seen[f]})
	}
	return sk
}

// tomlString writes s as a TOML basic string: JSON's escapes are all valid
// TOML escapes.
func tomlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func (sk skeleton) writeTOML(b *bytes.Buffer, source string) {
	b.WriteString(comment(i18n.T("batch.skeleton.head", oneLine(source))))
	b.WriteString(wrapComment(i18n.T("batch.skeleton.fields", fieldList())))
	b.WriteString("\n" + comment(i18n.T("batch.skeleton.ignore")) + "ignore = [")
	for i, c := range sk.ignore {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tomlString(c))
	}
	b.WriteString("]\n\n[columns]\n")
	for _, c := range sk.columns {
		fmt.Fprintf(b, "%s = %s", tomlString(c.name), tomlString(c.field))
		if c.note != "" {
			fmt.Fprintf(b, "  # %s", c.note)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + comment(i18n.T("batch.skeleton.dates")) + "[dates]\n")
	for _, d := range sk.dates {
		if d.layout != "" {
			fmt.Fprintf(b, "%s = %s\n", tomlString(d.column), tomlString(d.layout))
			continue
		}
		fmt.Fprintf(b, "# %s = %s  # %s\n", tomlString(d.column), tomlString(d.options[0]),
			i18n.T("batch.skeleton.date_options", strings.Join(d.options, ", ")))
	}
	b.WriteString("\n" + comment(i18n.T("batch.skeleton.set")) + "[set]\n")
	if len(sk.set) == 0 {
		b.WriteString("# admin = \"ops@example.com\"\n")
	}
	for _, kv := range sk.set {
		fmt.Fprintf(b, "%s = %s\n", kv[0], tomlString(kv[1]))
	}
	b.WriteString("\n" + comment(i18n.T("batch.skeleton.values")))
	for _, v := range sk.values {
		fmt.Fprintf(b, "[values.%s]\n", v.field)
		for _, kv := range v.mapped {
			fmt.Fprintf(b, "%s = %s\n", tomlString(kv[0]), tomlString(kv[1]))
		}
		for _, s := range v.seen {
			fmt.Fprintf(b, "# %s = %s  # %s\n", tomlString(s[0]), tomlString(s[1]), i18n.T("batch.skeleton.seen", allowedValues(v.field)))
		}
	}
}

func allowedValues(field string) string {
	opts := apiclient.EnumOptions(field)
	if len(opts) == 0 {
		return i18n.T("batch.skeleton.countries")
	}
	vals := make([]string, len(opts))
	for i, o := range opts {
		vals[i] = o.Value
	}
	return strings.Join(vals, ", ")
}

func (sk skeleton) writeJSON(b *bytes.Buffer) {
	b.WriteString("{\n  \"columns\": {")
	for i, c := range sk.columns {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n    %s: %s", tomlString(c.name), tomlString(c.field))
	}
	b.WriteString("\n  },\n  \"ignore\": [")
	for i, c := range sk.ignore {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tomlString(c))
	}
	b.WriteString("],\n  \"dates\": {")
	n := 0
	for _, d := range sk.dates {
		if d.layout == "" {
			continue
		}
		if n > 0 {
			b.WriteString(",")
		}
		n++
		fmt.Fprintf(b, "\n    %s: %s", tomlString(d.column), tomlString(d.layout))
	}
	b.WriteString("\n  },\n  \"set\": {")
	for i, kv := range sk.set {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n    %s: %s", tomlString(kv[0]), tomlString(kv[1]))
	}
	b.WriteString("\n  },\n  \"values\": {")
	for i, v := range sk.values {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n    %s: {", tomlString(v.field))
		for j, kv := range v.mapped {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s: %s", tomlString(kv[0]), tomlString(kv[1]))
		}
		b.WriteString("}")
	}
	b.WriteString("\n  }\n}\n")
}

// comment writes text as TOML comment lines, one for each of its lines
// ("#" alone for an empty one).
func comment(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			b.WriteString("#\n")
			continue
		}
		b.WriteString("# " + line + "\n")
	}
	return b.String()
}

// wrapComment writes text as TOML comment lines of at most 78 columns
// (a Korean syllable takes two).
func wrapComment(text string) string {
	var b strings.Builder
	line, cells := "#", 1
	for _, w := range strings.Fields(text) {
		n := textCells(w)
		if cells+1+n > 78 {
			b.WriteString(line + "\n")
			line, cells = "#", 1
		}
		line += " " + w
		cells += 1 + n
	}
	b.WriteString(line + "\n")
	return b.String()
}

// textCells is how many terminal columns s takes: two for a wide
// character (Hangul, CJK), one for any other.
func textCells(s string) int {
	n := 0
	for _, r := range s {
		n++
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			n++
		}
	}
	return n
}

// oneLine keeps a file name on its comment line.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(apiclient.Sanitize(s))
}
