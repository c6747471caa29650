package forms

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// Date segments, in the order they appear in YYYY-MM-DD.
const (
	segYear = iota
	segMonth
	segDay
)

const dateMask = "YYYY-MM-DD"

// DateField is a huh field for a YYYY-MM-DD date. The operator types the
// digits (the dashes come by themselves; typing over a whole date replaces
// it) or steps the date with the arrow keys: the first left selects the
// day and the first right the year, then left and right move between
// year, month and day; up and down change the selected part (the day when
// none is), page up and page down by ten. Stepping only ever yields real
// calendar dates, and an empty field starts from a date that suits it (30
// years ago for a birth date). A hint under the field says what is wrong
// while the value is not yet a valid date.
type DateField struct {
	fieldBase
	value *string
	start func() time.Time                   // where stepping an empty field starts
	check func(string) *apiclient.FieldError // the rulebook's verdict on a candidate value
	seg   int                                // segment the arrows change
	step  bool                               // the operator is stepping: show the segment
	steps dateKeyMap
}

// dateKeyMap are the keys of the date field beyond huh's navigation, their
// help in the run's language.
type dateKeyMap struct{ left, right, up, down, pgUp, pgDown, clear key.Binding }

func newDateKeys() dateKeyMap {
	g := glyphs.Current()
	return dateKeyMap{
		left:   key.NewBinding(key.WithKeys("left"), key.WithHelp(g.Left+"/"+g.Right, i18n.T("form.key.date_part", g.Dot))),
		right:  key.NewBinding(key.WithKeys("right")),
		up:     key.NewBinding(key.WithKeys("up"), key.WithHelp(g.Up+"/"+g.Down, i18n.T("form.key.change"))),
		down:   key.NewBinding(key.WithKeys("down")),
		pgUp:   key.NewBinding(key.WithKeys("pgup")),
		pgDown: key.NewBinding(key.WithKeys("pgdown")),
		clear:  key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", i18n.T("form.key.clear"))),
	}
}

// newDateField binds a date field to value. check gives the rulebook's
// verdict on a candidate value (nil when fine); start is where stepping an
// empty field begins.
func newDateField(key, title string, value *string, start func() time.Time, check func(string) *apiclient.FieldError, dark bool) *DateField {
	d := &DateField{value: value, start: start, check: check, seg: segDay, steps: newDateKeys()}
	d.fieldBase = newFieldBase(key, title, func(v string) error {
		if p := check(v); p != nil {
			return refusal{p}
		}
		return nil
	}, dark)
	return d
}

// Init does nothing: the field has no timers.
func (d *DateField) Init() tea.Cmd { return nil }

// Focus gives the field the keyboard: nothing selected for stepping.
func (d *DateField) Focus() tea.Cmd {
	d.focused, d.step, d.seg = true, false, segDay
	return nil
}

// Blur takes the keyboard away and validates what is there.
func (d *DateField) Blur() tea.Cmd {
	d.focused = false
	d.step = false
	d.err = d.validate(*d.value)
	return nil
}

// Update handles a key press or a paste.
func (d *DateField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		d.err = nil
		d.typeText(msg.Content)
	case tea.KeyPressMsg:
		d.err = nil
		switch {
		case key.Matches(msg, d.keys.Prev):
			return d, huh.PrevField
		case key.Matches(msg, d.keys.Next, d.keys.Submit):
			if d.err = d.validate(*d.value); d.err != nil {
				return d, nil
			}
			return d, huh.NextField
		case key.Matches(msg, d.steps.left):
			if d.step {
				d.seg = max(segYear, d.seg-1)
			} else {
				d.seg = segDay
			}
			d.step = true
		case key.Matches(msg, d.steps.right):
			if d.step {
				d.seg = min(segDay, d.seg+1)
			} else {
				d.seg = segYear
			}
			d.step = true
		case key.Matches(msg, d.steps.up):
			d.add(1)
		case key.Matches(msg, d.steps.down):
			d.add(-1)
		case key.Matches(msg, d.steps.pgUp):
			d.add(10)
		case key.Matches(msg, d.steps.pgDown):
			d.add(-10)
		case key.Matches(msg, d.steps.clear):
			*d.value, d.step = "", false
		case msg.Code == tea.KeyBackspace:
			d.backspace()
		default:
			d.typeText(msg.Text)
		}
	}
	return d, nil
}

// typeText appends the digits of s, placing the dashes itself. A pasted
// full date (2002-11-08, 2002/11/08 or 20021108) replaces the value, and so
// does a digit typed over a whole date, whatever brought it there (typed,
// stepped, pasted, loaded, refused): no digit can follow a whole date, so
// one typed there starts a new date; Backspace edits instead. So does a
// digit typed over a value not written as this field writes it (a record
// file's 2002/11/08): appending to it would mix two forms.
func (d *DateField) typeText(s string) {
	add := digitsOf(s)
	if add == "" {
		return
	}
	d.step = false
	digits := digitsOf(*d.value)
	if len(add) >= 8 || len(digits) >= 8 || *d.value != withDashes(digits) {
		digits = ""
	}
	digits += add
	if len(digits) > 8 {
		digits = digits[:8]
	}
	*d.value = withDashes(digits)
}

func (d *DateField) backspace() {
	d.step = false
	digits := digitsOf(*d.value)
	if digits == "" {
		*d.value = ""
		return
	}
	*d.value = withDashes(digits[:len(digits)-1])
}

// add changes the current segment (the day unless another is selected)
// by n, keeping a real date: the day is clamped to the length of the month
// (31 January + 1 month = 28 or 29 February). An empty or unfinished value
// starts from the field's start date.
func (d *DateField) add(n int) {
	if !d.step {
		d.seg = segDay
	}
	d.step = true
	t, err := apiclient.ParseDate(*d.value)
	if err != nil {
		s := d.start()
		t = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
		n = 0 // the first press shows the start; the next ones step from it
	}
	y, m, day := t.Year(), int(t.Month()), t.Day()
	switch d.seg {
	case segYear:
		y = min(9999, max(1, y+n))
	case segMonth:
		m = ((m-1+n)%12+12)%12 + 1
	case segDay:
		last := daysIn(y, m)
		day = ((day-1+n)%last+last)%last + 1
	}
	day = min(day, daysIn(y, m))
	*d.value = fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// withDashes formats up to 8 digits as the start of YYYY-MM-DD.
func withDashes(digits string) string {
	var sb strings.Builder
	for i, r := range digits {
		if i == 4 || i == 6 {
			sb.WriteByte('-')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// View shows the value, the rest of the mask while it is unfinished, the
// segment being stepped, and a hint of what is wrong.
func (d *DateField) View() string {
	st := d.fieldStyles()
	// The wizard refuses records holding escape codes before they reach a
	// form; cleaning here too keeps any other caller's value from acting on
	// the terminal. A clean value comes back as it is.
	v := apiclient.Sanitize(*d.value)
	var line string
	switch {
	case !d.focused:
		line = st.TextInput.Text.Render(v)
		if v == "" {
			line = st.TextInput.Placeholder.Render(dateMask)
		}
	case d.step && len(v) == len(dateMask):
		lo, hi := segBounds(d.seg)
		line = st.TextInput.Text.Render(v[:lo]) + st.SelectedOption.Reverse(true).Render(v[lo:hi]) + st.TextInput.Text.Render(v[hi:])
	default:
		rest := ""
		if len(v) < len(dateMask) {
			rest = dateMask[len(v):]
		}
		cursor := st.TextInput.Cursor.Reverse(true).Render(first(rest, " "))
		line = st.TextInput.Prompt.Render("") + st.TextInput.Text.Render(v) + cursor + st.TextInput.Placeholder.Render(after(rest))
	}
	body := line
	if h := d.liveHint(); h != "" {
		body += "\n" + h
	}
	return d.frame(body)
}

// liveHint is the line under the value: what is wrong with a finished value
// (the rulebook's words), or what to do next.
func (d *DateField) liveHint() string {
	if !d.focused || d.err != nil {
		return "" // a refusal is shown under the field by its guard
	}
	v := *d.value
	if len(v) == len(dateMask) || strings.IndexFunc(v, unicode.IsLetter) >= 0 {
		if p := d.check(v); p != nil {
			return d.errLine(refusalLine(d.key, refusal{p}))
		}
		if !d.step {
			return d.hint(i18n.T("form.date.replace", humanDate(v), glyphs.Current().Dot))
		}
		return d.hint(humanDate(v))
	}
	if v == "" {
		g := glyphs.Current()
		return d.hint(i18n.T("form.date.empty", g.Up+"/"+g.Down))
	}
	return ""
}

// humanDate spells a valid date out ("Friday, 8 November 2002", "2002년
// 11월 8일 금요일") so a swapped month and day is easy to notice.
func humanDate(v string) string {
	t, err := apiclient.ParseDate(v)
	if err != nil {
		return ""
	}
	return apiclient.SpellDate(t)
}

func segBounds(seg int) (int, int) {
	switch seg {
	case segYear:
		return 0, 4
	case segMonth:
		return 5, 7
	}
	return 8, 10
}

func first(s, or string) string {
	if s == "" {
		return or
	}
	return s[:1]
}

func after(s string) string {
	if s == "" {
		return ""
	}
	return s[1:]
}

// KeyBinds lists the keys for the help line.
func (d *DateField) KeyBinds() []key.Binding {
	return append([]key.Binding{d.steps.left, d.steps.up}, d.navBinds()...)
}

// Run is not supported: the field lives in the wizard's form.
func (d *DateField) Run() error { return errNoAccessible }

// RunAccessible is not supported; see Run.
func (d *DateField) RunAccessible(w io.Writer, r io.Reader) error { return runAccessible(w, r) }

// WithTheme sets the theme.
func (d *DateField) WithTheme(t huh.Theme) huh.Field { d.setTheme(t); return d }

// WithKeyMap takes the navigation keys from k.
func (d *DateField) WithKeyMap(k *huh.KeyMap) huh.Field { d.setKeyMap(k); return d }

// WithWidth sets the width.
func (d *DateField) WithWidth(w int) huh.Field { d.width = w; return d }

// WithHeight sets the height; the field is always three or four lines.
func (d *DateField) WithHeight(h int) huh.Field { d.height = h; return d }

// WithPosition enables back and next by the field's place in the form.
func (d *DateField) WithPosition(p huh.FieldPosition) huh.Field { d.setPosition(p); return d }

// GetValue returns the date as typed.
func (d *DateField) GetValue() any { return *d.value }
