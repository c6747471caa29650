package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Mapping says how an input's columns become a record's fields. It is what
// a mapping file holds (JSON or TOML, the same keys) and what the command's
// --map, --set and --ignore-column flags add to.
type Mapping struct {
	// Columns maps a column name to a field key. An empty field means the
	// column is not decided yet: it is reported as unmapped.
	Columns map[string]string `json:"columns,omitempty" toml:"columns,omitempty"`
	// Ignore lists columns to leave out of the records.
	Ignore []string `json:"ignore,omitempty" toml:"ignore,omitempty"`
	// Values translates values, per field: {"gender": {"M": "male"}}.
	// A value is matched ignoring case and spaces around it; a value with
	// no entry is kept as it is.
	Values map[string]map[string]string `json:"values,omitempty" toml:"values,omitempty"`
	// Dates names the date layout of a column: {"Birth": "DD.MM.YYYY"}.
	Dates map[string]string `json:"dates,omitempty" toml:"dates,omitempty"`
	// Set gives a field the same value in every record: {"admin": "ops@acme.com"}.
	Set map[string]string `json:"set,omitempty" toml:"set,omitempty"`
}

// MappingError is a mapping that cannot work: columns no field takes, two
// columns for one field, a field or a date layout that does not exist.
// Msgs are its other problems, each in words of the catalog; Line is where
// a JSON input first used an unmapped key (0 otherwise).
type MappingError struct {
	Msgs      []error
	Unmapped  []Unmapped
	Conflicts []Conflict
	Line      int
}

// Unmapped is a column no field takes, with the field it may mean.
type Unmapped struct {
	Column  string
	Suggest string // a field key, or ""
}

// Conflict is a field that more than one column (or a column and a
// constant) would fill.
type Conflict struct {
	Field   string
	Columns []string // "--set" stands for a constant
}

// Error lists every problem, each with the way to fix it, in the run's
// language.
func (e *MappingError) Error() string { return e.In(i18n.Language()) }

// English is the error in English, for --json.
func (e *MappingError) English() string { return e.In(i18n.EN) }

// In is the error in language l.
func (e *MappingError) In(l i18n.Lang) string {
	var parts []string
	for _, m := range e.Msgs {
		parts = append(parts, i18n.ErrorIn(l, m))
	}
	if n := len(e.Unmapped); n > 0 {
		names := make([]string, n)
		for i, u := range e.Unmapped {
			names[i] = quoteName(u.Column)
			if u.Suggest != "" {
				names[i] = i18n.In(l, "batch.mapping.suggest", names[i], u.Suggest)
			}
		}
		parts = append(parts, i18n.In(l, "batch.mapping.unmapped", n, strings.Join(names, ", ")))
	}
	for _, c := range e.Conflicts {
		names := make([]string, len(c.Columns))
		for i, col := range c.Columns {
			names[i] = quoteName(col)
			if col == sourceSet {
				names[i] = "--set " + c.Field
			}
		}
		parts = append(parts, i18n.In(l, "batch.mapping.conflict", strings.Join(names, i18n.In(l, "batch.list.and")), c.Field))
	}
	msg := strings.Join(parts, "; ")
	if e.Line > 0 {
		return i18n.In(l, "batch.input.at_line", strconv.Itoa(e.Line), msg)
	}
	return msg
}

// Unwrap makes a MappingError match apiclient.ErrInvalidPayload: nothing
// was sent (exit code 2).
func (e *MappingError) Unwrap() error { return apiclient.ErrInvalidPayload }

// sourceSet names a constant where a column name would go.
const sourceSet = "\x00set"

// LoadMapping reads a mapping file: JSON when its name ends in .json or it
// starts with "{", TOML otherwise. Unknown settings are errors, so that a
// misspelt section is not silently ignored.
func LoadMapping(path string) (Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Mapping{}, i18n.Err("batch.io.mapping_read", apiclient.OpenError(path, err))
	}
	m, err := ParseMapping(data, strings.EqualFold(filepath.Ext(path), ".json"))
	if err != nil {
		return m, &MappingError{Msgs: []error{i18n.Err("batch.mapping.file", path, err)}}
	}
	return m, nil
}

// ParseMapping reads a mapping in JSON (when isJSON, or when it starts with
// "{") or TOML.
func ParseMapping(data []byte, isJSON bool) (Mapping, error) {
	var m Mapping
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if isJSON || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return m, i18n.Err("batch.mapping.bad_json", strings.TrimPrefix(err.Error(), "json: "))
		}
		return m, nil
	}
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		return m, i18n.Err("batch.mapping.bad_toml", strings.TrimPrefix(err.Error(), "toml: "))
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		return m, i18n.Err("batch.mapping.unknown_setting", extra[0].String())
	}
	return m, nil
}

// AddMap adds a --map "COLUMN=field" flag. The last "=" splits, so a
// column's name may hold one; a flag wins over the mapping file.
func (m *Mapping) AddMap(flag string) error {
	i := strings.LastIndexByte(flag, '=')
	if i < 0 {
		return i18n.Err("batch.mapping.map_flag", flag)
	}
	col, field := flag[:i], strings.TrimSpace(flag[i+1:])
	if strings.TrimSpace(col) == "" || field == "" {
		return i18n.Err("batch.mapping.map_flag_empty", flag)
	}
	if m.Columns == nil {
		m.Columns = map[string]string{}
	}
	m.Columns[col] = field
	return nil
}

// AddSet adds a --set "field=value" flag: the first "=" splits, so the
// value may hold one.
func (m *Mapping) AddSet(flag string) error {
	field, value, ok := strings.Cut(flag, "=")
	if !ok || strings.TrimSpace(field) == "" {
		return i18n.Err("batch.mapping.set_flag", flag)
	}
	if m.Set == nil {
		m.Set = map[string]string{}
	}
	m.Set[strings.TrimSpace(field)] = value
	return nil
}

// AddIgnore adds an --ignore-column flag.
func (m *Mapping) AddIgnore(column string) {
	if !slices.Contains(m.Ignore, column) {
		m.Ignore = append(m.Ignore, column)
	}
}
