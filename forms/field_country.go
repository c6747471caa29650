package forms

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// CountryField is a huh field that picks an ISO 3166-1 alpha-3 country.
// Typing filters at once (no "/" first) through apiclient's one country
// search: codes, English, Korean, everyday and former names, without
// accents; the best matches come first. The list starts with an empty row
// ("choose one…" when the field is required, "not given" otherwise), so
// nothing is picked unseen, then Korea and the USA, then every country.
//
// It replaces huh.Select, whose filter (v2.0.3, huh#669) keeps the cursor
// index and the viewport's scroll offset from before the filter changed and
// then scrolls only as far as the cursor: matches above the cursor stay
// scrolled out of sight. Here every change of the filter puts the cursor on
// the first match and the window at the top, and only the visible rows are
// rendered.
type CountryField struct {
	fieldBase
	value    *string
	pickKeys countryKeyMap
	choices  []countryChoice
	list     countryList
	filter   []rune
	matches  []int // indexes into choices, best first
	cursor   int   // index into matches
	offset   int   // first visible match
	rows     int   // visible rows
}

// countryKeyMap are the keys of the country picker beyond huh's
// navigation, their help in the run's language.
type countryKeyMap struct{ up, down, pgUp, pgDown, home, end, clear key.Binding }

func newCountryKeys() countryKeyMap {
	g := glyphs.Current()
	return countryKeyMap{
		up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp(g.Up+"/"+g.Down, i18n.T("form.key.move"))),
		down:   key.NewBinding(key.WithKeys("down", "ctrl+n")),
		pgUp:   key.NewBinding(key.WithKeys("pgup")),
		pgDown: key.NewBinding(key.WithKeys("pgdown")),
		home:   key.NewBinding(key.WithKeys("home")),
		end:    key.NewBinding(key.WithKeys("end")),
		clear:  key.NewBinding(key.WithKeys("esc", "ctrl+u"), key.WithHelp("esc", i18n.T("form.key.clear_filter"))),
	}
}

const defaultCountryRows = 6

// countryFilterPrompt is drawn before the filter typed.
const countryFilterPrompt = "/ "

// newCountryField binds a picker to value. Its first row stands for the
// empty value: "not given" when optional, "choose one…" when required (the
// rulebook refuses it then).
func newCountryField(key, title string, value *string, optional bool, validate func(string) error, dark bool) *CountryField {
	empty := glyphs.Current().Dash + "  " + emptyChoice(optional)
	list := countryRows()
	c := &CountryField{value: value, list: list, rows: defaultCountryRows, pickKeys: newCountryKeys(),
		choices: append([]countryChoice{{value: "", label: empty}}, list.choices...)}
	c.fieldBase = newFieldBase(key, title, validate, dark)
	c.refilter()
	c.cursorToValue()
	return c
}

// refilter recomputes the matches for the filter and puts the cursor on the
// best one, the window at the top.
func (c *CountryField) refilter() {
	if len(c.filter) == 0 {
		c.matches = append(c.matches[:0], 0)
		c.matches = append(c.matches, c.list.search("", 1)...)
	} else {
		c.matches = c.list.search(string(c.filter), 1)
	}
	c.cursor, c.offset = 0, 0
}

// cursorToValue moves the cursor to the bound value, when it is listed.
func (c *CountryField) cursorToValue() {
	for i, m := range c.matches {
		if c.choices[m].value == *c.value {
			c.moveTo(i)
			return
		}
	}
}

// moveTo puts the cursor on match i and scrolls the least needed to show it.
func (c *CountryField) moveTo(i int) {
	if len(c.matches) == 0 {
		c.cursor, c.offset = 0, 0
		return
	}
	c.cursor = min(max(i, 0), len(c.matches)-1)
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+c.rows {
		c.offset = c.cursor - c.rows + 1
	}
}

// Hovered returns the code under the cursor and whether there is one.
func (c *CountryField) Hovered() (string, bool) {
	if len(c.matches) == 0 {
		return "", false
	}
	return c.choices[c.matches[c.cursor]].value, true
}

// Init does nothing: the field has no timers.
func (c *CountryField) Init() tea.Cmd { return nil }

// Focus gives the field the keyboard, with the cursor on the current value.
func (c *CountryField) Focus() tea.Cmd {
	c.focused = true
	return nil
}

// Blur takes the keyboard away, forgets the filter and validates the value.
func (c *CountryField) Blur() tea.Cmd {
	c.focused = false
	if len(c.filter) > 0 {
		c.filter = c.filter[:0]
		c.refilter()
	}
	c.cursorToValue()
	c.err = c.validate(*c.value)
	return nil
}

// Update handles a key press or a paste. The bound value changes only when
// the operator confirms a row (enter or tab), never by moving the cursor.
func (c *CountryField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		c.err = nil
		c.filter = append(c.filter, []rune(strings.TrimSpace(msg.Content))...)
		c.refilter()
	case tea.KeyPressMsg:
		c.err = nil
		switch {
		case key.Matches(msg, c.keys.Prev):
			return c, huh.PrevField
		case key.Matches(msg, c.keys.Next, c.keys.Submit):
			v, ok := c.Hovered()
			if !ok {
				c.err = errors.New(i18n.T("form.country.no_match_error", string(c.filter)))
				return c, nil
			}
			if c.err = c.validate(v); c.err != nil {
				return c, nil
			}
			*c.value = v
			return c, huh.NextField
		case key.Matches(msg, c.pickKeys.up):
			c.moveTo(c.cursor - 1)
		case key.Matches(msg, c.pickKeys.down):
			c.moveTo(c.cursor + 1)
		case key.Matches(msg, c.pickKeys.pgUp):
			c.moveTo(c.cursor - c.rows)
		case key.Matches(msg, c.pickKeys.pgDown):
			c.moveTo(c.cursor + c.rows)
		case key.Matches(msg, c.pickKeys.home):
			c.moveTo(0)
		case key.Matches(msg, c.pickKeys.end):
			c.moveTo(len(c.matches) - 1)
		case key.Matches(msg, c.pickKeys.clear):
			c.filter = c.filter[:0]
			c.refilter()
			c.cursorToValue()
		case msg.Code == tea.KeyBackspace:
			if len(c.filter) > 0 {
				c.filter = c.filter[:len(c.filter)-1]
				c.refilter()
			}
		case msg.Text != "":
			c.filter = append(c.filter, []rune(msg.Text)...)
			c.refilter()
		}
	}
	return c, nil
}

// View shows the chosen country when blurred; when focused, the filter line
// and a window of matching rows.
func (c *CountryField) View() string {
	st := c.fieldStyles()
	w := c.innerWidth()
	if !c.focused {
		line := st.TextInput.Placeholder.Render(strings.TrimPrefix(c.choices[0].label, glyphs.Current().Dash+"  "))
		if *c.value != "" {
			line = st.TextInput.Text.Render(ansi.Truncate(apiclient.Sanitize(CountryLabel(*c.value)), w, glyphs.Current().Ellipsis))
		}
		return c.frame(line)
	}
	var sb strings.Builder
	count := fmt.Sprintf("  %d/%d", min(c.cursor+1, len(c.matches)), len(c.matches))
	if len(c.filter) == 0 {
		// The hint gives way at a word, before the count.
		hint := CutAtWord(i18n.T("form.country.placeholder"), w-ansi.StringWidth(count), false, glyphs.Current().Ellipsis)
		sb.WriteString(st.TextInput.Placeholder.Render(hint))
	} else {
		sb.WriteString(st.TextInput.Prompt.Render(countryFilterPrompt) + st.TextInput.Text.Render(string(c.filter)) +
			st.TextInput.Cursor.Reverse(true).Render(" "))
	}
	sb.WriteString(st.Description.Render(count))
	cursor := st.SelectSelector.String()
	pad := strings.Repeat(" ", ansi.StringWidth(cursor))
	end := min(len(c.matches), c.offset+c.rows)
	for i := c.offset; i < end; i++ {
		label := ansi.Truncate(c.choices[c.matches[i]].label, w-len(pad), glyphs.Current().Ellipsis)
		sb.WriteByte('\n')
		if i == c.cursor {
			sb.WriteString(cursor + st.SelectedOption.Render(label))
		} else {
			sb.WriteString(pad + st.UnselectedOption.Render(label))
		}
	}
	if len(c.matches) == 0 {
		sb.WriteString("\n" + pad + st.TextInput.Placeholder.Render(CutAtWord(i18n.T("form.country.no_match"), w-len(pad), false, glyphs.Current().Ellipsis)))
	}
	for i := max(end-c.offset, 1); i < c.rows; i++ {
		sb.WriteByte('\n')
	}
	return c.frame(sb.String())
}

// KeyBinds lists the keys for the help line.
func (c *CountryField) KeyBinds() []key.Binding {
	return append([]key.Binding{c.pickKeys.up, c.pickKeys.clear}, c.navBinds()...)
}

// Run is not supported: the field lives in the wizard's form.
func (c *CountryField) Run() error { return errNoAccessible }

// RunAccessible is not supported; see Run.
func (c *CountryField) RunAccessible(w io.Writer, r io.Reader) error { return runAccessible(w, r) }

// WithTheme sets the theme.
func (c *CountryField) WithTheme(t huh.Theme) huh.Field { c.setTheme(t); return c }

// WithKeyMap takes the navigation keys from k.
func (c *CountryField) WithKeyMap(k *huh.KeyMap) huh.Field { c.setKeyMap(k); return c }

// WithWidth sets the width.
func (c *CountryField) WithWidth(w int) huh.Field { c.width = w; return c }

// WithHeight fits the list of rows into h lines (title, filter line and,
// when shown, an error take three).
func (c *CountryField) WithHeight(h int) huh.Field {
	c.height = h
	if h > 0 {
		c.rows = min(defaultCountryRows, max(1, h-3))
		c.moveTo(c.cursor)
	}
	return c
}

// WithPosition enables back and next by the field's place in the form.
func (c *CountryField) WithPosition(p huh.FieldPosition) huh.Field { c.setPosition(p); return c }

// GetValue returns the chosen code.
func (c *CountryField) GetValue() any { return *c.value }
