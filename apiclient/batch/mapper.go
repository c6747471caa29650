package batch

import (
	"maps"
	"slices"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// How a column came to its field, as ColumnPlan.How says it; the command
// says each in words.
const (
	HowName     = "name"     // the column is named like the field
	HowAlias    = "alias"    // a name other systems use (dob, sex, country)
	HowMapped   = "mapping"  // --map or the mapping file
	HowIgnored  = "ignored"  // --ignore-column or the mapping file
	HowRejects  = "rejects"  // row, field, error, suggestion of a rejects file
	HowNoName   = "noname"   // the header has no name here; values must be empty
	HowUnmapped = "unmapped" // no field takes it: an error
	HowConflict = "conflict" // another column already fills its field: an error
)

// ColumnPlan is what happens to one column.
type ColumnPlan struct {
	Column  string
	Field   string // the field it fills (for HowConflict, the one it would fill)
	How     string // HowName, HowAlias, ...
	Date    string // the column's date layout, "" when it is read as YYYY-MM-DD
	Suggest string // for HowUnmapped: the field it may mean, or ""

	date    *dateLayout
	values  map[string]string // by foldValue
	asGiven map[string]string // by the value as the mapping spells it
}

// fills reports whether the column's values go into a field.
func (p *ColumnPlan) fills() bool {
	return p.Field != "" && (p.How == HowName || p.How == HowAlias || p.How == HowMapped)
}

// MapperOptions tune a Mapper.
type MapperOptions struct {
	// Today is the operator's date, for the rules of value maps and
	// constants (no birth date in the future).
	Today time.Time
	// Lenient maps what it can, leaving out unmapped columns and the later
	// of two columns for one field, for --inspect; the problems are still
	// reported by Err. Without it, Map refuses to map with such a plan.
	Lenient bool
}

// Mapper turns rows into records by a Mapping.
type Mapper struct {
	opts     MapperOptions
	src      Mapping
	columns  names // explicit column → field ("" undecided)
	ignore   names
	dates    names // column → layout name
	layouts  map[string]*dateLayout
	values   map[string]map[string]string // field → folded value → value
	asGiven  map[string]map[string]string // field → value as the mapping spells it → value
	consts   []constant
	plan     []ColumnPlan
	filledBy map[string]int // field → plan index, or -1 for a constant
	rejects  bool           // the input is a rejects file: undo its formula guard
	err      *MappingError  // the plan's problems so far
}

type constant struct{ field, value string }

// names finds a column's entry in a mapping: by its exact name, else by
// its name ignoring case and surrounding spaces.
type names struct {
	exact map[string]string
	fold  map[string][]string // folded name → exact names
}

func newNames() names { return names{exact: map[string]string{}, fold: map[string][]string{}} }

func (n names) add(name, v string) {
	name = strings.TrimSpace(name)
	n.exact[name] = v
	f := strings.ToLower(name)
	if !slices.Contains(n.fold[f], name) {
		n.fold[f] = append(n.fold[f], name)
	}
}

func (n names) get(column string) (string, string, bool) {
	column = strings.TrimSpace(column)
	if v, ok := n.exact[column]; ok {
		return column, v, true
	}
	if all := n.fold[strings.ToLower(column)]; len(all) == 1 {
		return all[0], n.exact[all[0]], true
	}
	return "", "", false
}

// NewMapper checks a mapping as far as it can without the input: every
// field exists, every date layout reads, every value map and constant
// passes the field's rules.
func NewMapper(m Mapping, o MapperOptions) (*Mapper, error) {
	mp := &Mapper{opts: o, src: m, columns: newNames(), ignore: newNames(), dates: newNames(),
		layouts: map[string]*dateLayout{}, values: map[string]map[string]string{}, asGiven: map[string]map[string]string{}, filledBy: map[string]int{}}
	var problems []error
	for _, col := range slices.Sorted(maps.Keys(m.Columns)) {
		f, key := m.Columns[col], ""
		if strings.TrimSpace(f) != "" {
			k, err := FieldKey(f)
			if err != nil {
				problems = append(problems, i18n.Err("batch.mapping.column", quoteName(col), err))
				continue
			}
			key = k
		}
		mp.columns.add(col, key)
	}
	for _, col := range m.Ignore {
		mp.ignore.add(col, "")
	}
	for _, col := range slices.Sorted(maps.Keys(m.Dates)) {
		l, err := parseDateLayout(m.Dates[col])
		if err != nil {
			problems = append(problems, i18n.Err("batch.mapping.dates_column", quoteName(col), err))
			continue
		}
		mp.dates.add(col, l.name)
		mp.layouts[l.name] = l
	}
	probe := func(field, v string) error {
		var s apiclient.Submission
		s.Set(field, v)
		if p := apiclient.CheckField(&s, field, o.Today); p != nil && v != "" {
			return fieldProblem{p}
		}
		return nil
	}
	for _, f := range slices.Sorted(maps.Keys(m.Set)) {
		v := m.Set[f]
		key, err := FieldKey(f)
		if err != nil {
			problems = append(problems, i18n.Err("batch.mapping.set", err))
			continue
		}
		if isImageColumn(key) {
			// One file for every row is never one person's image.
			problems = append(problems, i18n.Err("batch.images.no_constant", key))
			continue
		}
		if perr := probe(key, v); perr != nil {
			problems = append(problems, i18n.Err("batch.mapping.set_refused", key, v, perr))
			continue
		}
		mp.consts = append(mp.consts, constant{key, v})
		mp.filledBy[key] = -1
	}
	for _, f := range slices.Sorted(maps.Keys(m.Values)) {
		vm := m.Values[f]
		key, err := FieldKey(f)
		if err != nil {
			problems = append(problems, i18n.Err("batch.mapping.values", err))
			continue
		}
		folded, given := map[string]string{}, map[string]string{}
		for _, from := range slices.Sorted(maps.Keys(vm)) {
			to, k := vm[from], foldValue(from)
			if prev, ok := folded[k]; ok && prev != to {
				problems = append(problems, i18n.Err("batch.mapping.value_twice", key, from, prev, to))
				continue
			}
			if perr := probe(key, to); perr != nil {
				problems = append(problems, i18n.Err("batch.mapping.value_refused", key, from, to, perr))
				continue
			}
			folded[k] = to
			given[strings.TrimSpace(from)] = to
		}
		mp.values[key], mp.asGiven[key] = folded, given
	}
	if len(problems) > 0 {
		return nil, &MappingError{Msgs: problems}
	}
	slices.SortFunc(mp.consts, func(a, b constant) int { return strings.Compare(a.field, b.field) })
	return mp, nil
}

// foldValue is a value as a value map matches it.
func foldValue(v string) string { return strings.ToLower(strings.TrimSpace(v)) }

// rejectsColumns are the columns a rejects file adds to the original ones.
var rejectsColumns = []string{"row", "field", "error", "suggestion"}

// Bind plans the columns not yet planned (a JSON input's keys arrive as
// they first appear) and returns the plan's problems so far, or nil.
func (mp *Mapper) Bind(columns []string) error {
	if len(mp.plan) == 0 && len(columns) >= len(rejectsColumns) {
		tail := columns[len(columns)-len(rejectsColumns):]
		mp.rejects = true
		for i, c := range rejectsColumns {
			if strings.TrimSpace(tail[i]) != c {
				mp.rejects = false
			}
		}
	}
	for i := len(mp.plan); i < len(columns); i++ {
		mp.plan = append(mp.plan, mp.planColumn(i, columns))
	}
	if mp.err == nil {
		return nil
	}
	return mp.err
}

func (mp *Mapper) planColumn(i int, columns []string) ColumnPlan {
	name := columns[i]
	if mp.rejects {
		name = unguard(name)
	}
	p := ColumnPlan{Column: columns[i]}
	switch _, field, explicit := mp.columns.get(name); {
	case mp.rejects && i >= len(columns)-len(rejectsColumns):
		p.How = HowRejects
		return p
	case strings.TrimSpace(name) == "":
		p.How = HowNoName
		return p
	case explicit && field != "":
		p.Field, p.How = field, HowMapped
	case explicit: // in the mapping, not decided yet
		p.How = HowUnmapped
	default:
		if _, _, ok := mp.ignore.get(name); ok {
			p.How = HowIgnored
			return p
		}
		p.Field, p.How = autoField(name)
		if p.Field == "" {
			p.How = HowUnmapped
		}
	}
	if p.How == HowMapped {
		if _, _, ok := mp.ignore.get(name); ok {
			p.Field, p.How = "", HowIgnored // ignoring wins: it is the flag that removes
			return p
		}
	}
	if p.How == HowUnmapped {
		p.Suggest = suggestField(name)
		mp.fail().Unmapped = append(mp.fail().Unmapped, Unmapped{Column: columns[i], Suggest: p.Suggest})
		return p
	}
	if _, layout, ok := mp.dates.get(name); ok {
		if spec, _ := apiclient.Spec(p.Field); spec.Kind != apiclient.KindDate {
			e := mp.fail()
			e.Msgs = append(e.Msgs, i18n.Err("batch.mapping.not_date_field", quoteName(columns[i]), p.Field))
		} else {
			p.Date, p.date = layout, mp.layouts[layout]
		}
	}
	p.values, p.asGiven = mp.values[p.Field], mp.asGiven[p.Field]
	if prev, taken := mp.filledBy[p.Field]; taken {
		p.How = HowConflict
		first := sourceSet
		if prev >= 0 {
			first = mp.plan[prev].Column
		}
		e := mp.fail()
		for j := range e.Conflicts {
			if e.Conflicts[j].Field == p.Field {
				e.Conflicts[j].Columns = append(e.Conflicts[j].Columns, columns[i])
				return p
			}
		}
		e.Conflicts = append(e.Conflicts, Conflict{Field: p.Field, Columns: []string{first, columns[i]}})
		return p
	}
	mp.filledBy[p.Field] = i
	return p
}

func (mp *Mapper) fail() *MappingError {
	if mp.err == nil {
		mp.err = &MappingError{}
	}
	return mp.err
}

// Plan is what happens to each column planned so far.
func (mp *Mapper) Plan() []ColumnPlan { return mp.plan }

// Constants are the fields every record gets from --set or the mapping's
// set, sorted by field.
func (mp *Mapper) Constants() [][2]string {
	out := make([][2]string, len(mp.consts))
	for i, c := range mp.consts {
		out[i] = [2]string{c.field, c.value}
	}
	return out
}

// Err is the plan's problems so far, or nil.
func (mp *Mapper) Err() error {
	if mp.err == nil {
		return nil
	}
	return mp.err
}

// RejectsInput reports whether the input is a rejects file: its row,
// field, error and suggestion columns are left out, and its guard against
// spreadsheet formulas is undone.
func (mp *Mapper) RejectsInput() bool { return mp.rejects }

// Unused lists the columns the mapping names that the input does not have:
// most likely typing slips, worth a warning.
func (mp *Mapper) Unused(columns []string) []string {
	have := newNames()
	for _, c := range columns {
		have.add(c, "")
	}
	var out []string
	for _, n := range []names{mp.columns, mp.ignore, mp.dates} {
		for name := range n.exact {
			if _, _, ok := have.get(name); !ok && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Map turns a row into a record. A value that cannot become its field's
// value (a date not in the column's layout, a JSON object) is a problem of
// the record, not an error: the row goes to the rejects file with the rest.
// The error is for a plan that cannot map at all (unmapped columns, two
// columns for one field) unless the mapper is lenient.
func (mp *Mapper) Map(row *Row, columns []string) (Record, error) {
	rec := Record{Row: row.Num, Line: row.Line}
	if len(columns) > len(mp.plan) || len(mp.plan) == 0 {
		before := mp.err != nil
		if err := mp.Bind(columns); err != nil && !mp.opts.Lenient {
			if !before && mp.err.Line == 0 && row.Num > 1 {
				mp.err.Line = row.Line // a key first met in a later JSON record
			}
			return rec, err
		}
	} else if mp.err != nil && !mp.opts.Lenient {
		return rec, mp.err
	}
	if mp.rejects {
		// A repeat cannot be checked again: the row it repeated is not in
		// this file. It keeps its refusal until the error cell is emptied.
		errCell := unguard(row.Value(len(mp.plan) - 2))
		for _, f := range []string{apiclient.FieldEmail, apiclient.FieldUserID} {
			if repeatMarked(errCell, f) {
				rec.RepeatField, rec.RepeatEarlier = f, true
				break
			}
		}
	}
	s := &rec.Submission
	for _, c := range mp.consts {
		s.Set(c.field, c.value)
	}
	for i := range mp.plan {
		p := &mp.plan[i]
		v := row.Value(i)
		if v == "" {
			continue
		}
		if mp.rejects {
			v = unguard(v)
		}
		if p.How == HowNoName {
			rec.addProblem("", apiclient.CodeInvalidParameter, i18n.Err("batch.value.no_name", i+1))
			continue
		}
		if !p.fills() {
			continue
		}
		if len(row.Nested) > 0 && slices.Contains(row.Nested, i) {
			rec.addProblem(p.Field, apiclient.CodeInvalidFormat, i18n.Err("batch.value.nested", quoteName(p.Column)))
			continue
		}
		if p.values != nil {
			// Most values are spelt as the mapping spells them: look them
			// up as they are before folding (which copies).
			if to, ok := p.asGiven[v]; ok {
				v = to
			} else if to, ok := p.values[foldValue(v)]; ok {
				v = to
			}
		}
		if v != "" && p.date != nil {
			iso, problem := p.date.convert(v)
			if problem != nil {
				rec.addProblem(p.Field, apiclient.CodeInvalidFormat, i18n.Err("batch.value.in_column", problem.err, quoteName(p.Column)))
			} else {
				v = iso
			}
		}
		if k := imageSlot(p.Field); k >= 0 {
			rec.Images[k] = strings.TrimSpace(v)
			rec.imageCols[k] = i + 1
			continue
		}
		s.Set(p.Field, v)
	}
	return rec, nil
}
