package forms

import (
	"reflect"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
)

// Where the text caret is, so that the wizard can put the terminal's own
// cursor there. An input method (Korean, Japanese, Chinese) draws the
// syllable being composed at the terminal's cursor, not at the caret a
// field draws; huh v2.0.3's fields draw their caret themselves and report
// no position, so without this the syllable appears wherever the last frame
// left the cursor (the bottom left).
//
// huh keeps the text input of its Input and of a Select's filter
// unexported: their caret is read from the bubbles text input's fields by
// reflection (read only). If huh or bubbles rename them, Caret reports no
// caret and the wizard hides the terminal's cursor, as before; the tests of
// this file fail first.

// Caret is where the caret of field f (a field of a form New built, or
// any huh.Field) is, relative to the top left of f.View(): its line and its
// column in cells. ok is false when the field takes no text now: blurred, a
// list being moved through, a date being stepped.
func Caret(f huh.Field) (row, col int, ok bool) {
	return caretIn(f, f.View)
}

// caretIn is Caret, with the view of the field as drawn (a guard's view
// starts with its field's, and keeps it between two frames).
func caretIn(f huh.Field, view func() string) (row, col int, ok bool) {
	switch f := f.(type) {
	case *guard:
		if f.sensitive && !f.focused {
			return 0, 0, false
		}
		return caretIn(f.Field, view)
	case interface{ caret() (int, int, bool) }:
		return f.caret()
	case *huh.Input:
		return huhInputCaret(f, view)
	case *huh.Select[string]:
		return huhFilterCaret(f)
	}
	return 0, 0, false
}

// FormCaret is where the focused field's caret is in view, the form's
// View as drawn: its line and column in cells.
func FormCaret(form *huh.Form, view string) (row, col int, ok bool) {
	if form == nil {
		return 0, 0, false
	}
	f := form.GetFocusedField()
	if f == nil {
		return 0, 0, false
	}
	r, c, ok := Caret(f)
	if !ok {
		return 0, 0, false
	}
	top, ok := findBlock(plainLines(view), plainLines(f.View()), r)
	if !ok {
		return 0, 0, false
	}
	return top + r, c, true
}

// findBlock finds the field's lines in the form's: where the field starts.
// The form shows a page's fields in a viewport that may cut the field's
// last lines (or, for a field taller than the window, its first): the
// lines up to the caret's must all be there, or at least the caret's line,
// which only the focused field (the one with the bar) can draw.
func findBlock(form, field []string, caretRow int) (int, bool) {
	if caretRow >= len(field) {
		return 0, false
	}
	for top := 0; top+caretRow < len(form); top++ {
		same := true
		for j := 0; j <= caretRow && same; j++ {
			same = form[top+j] == field[j]
		}
		if same {
			return top, true
		}
	}
	for i, l := range form {
		if l == field[caretRow] && i >= caretRow {
			return i - caretRow, true
		}
	}
	return 0, false
}

// plainLines are s's lines without styles or trailing spaces.
func plainLines(s string) []string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// frameLeft is how many cells a field's frame takes on its left: the bar
// and its padding.
func frameLeft(st *huh.FieldStyles) int {
	return st.Base.GetBorderLeftSize() + st.Base.GetPaddingLeft() + st.Base.GetMarginLeft()
}

// focusedStyles are the styles of a focused field of this package's theme
// (the frame is the same on dark and light backgrounds).
func focusedStyles() *huh.FieldStyles { return &Theme(true).Theme(true).Focused }

// InputCaret is the column of a bubbles text input's caret in its View, in
// cells: its prompt, then the text before the caret of what is visible
// (the input scrolls sideways when the text is wider than it). bubbles'
// own Cursor counts runes, not cells, and forgets the scroll.
func InputCaret(in textinput.Model) int {
	col, _ := textInputCaret(reflect.ValueOf(in))
	return col
}

// textInputCaret reads a textinput.Model (as a reflect.Value: it may be an
// unexported field of huh's) and returns its caret's column, and whether it
// has the focus.
func textInputCaret(v reflect.Value) (col int, focused bool) {
	field := func(name string) reflect.Value {
		if v.Kind() != reflect.Struct {
			return reflect.Value{}
		}
		return v.FieldByName(name)
	}
	intOf := func(name string) int {
		if f := field(name); f.IsValid() && f.CanInt() {
			return int(f.Int())
		}
		return 0
	}
	var value []rune
	if f := field("value"); f.IsValid() && f.Kind() == reflect.Slice {
		value = make([]rune, f.Len())
		for i := range value {
			value[i] = rune(f.Index(i).Int())
		}
	}
	prompt := ""
	if f := field("Prompt"); f.IsValid() && f.Kind() == reflect.String {
		prompt = f.String()
	}
	if f := field("focus"); f.IsValid() && f.Kind() == reflect.Bool {
		focused = f.Bool()
	}
	pos := min(max(intOf("pos"), 0), len(value))
	offset := min(max(intOf("offset"), 0), pos)
	before := string(value[offset:pos])
	switch textinput.EchoMode(intOf("EchoMode")) {
	case textinput.EchoPassword:
		before = strings.Repeat(string(rune(intOf("EchoCharacter"))), ansi.StringWidth(before))
	case textinput.EchoNone:
		before = ""
	}
	return ansi.StringWidth(prompt) + ansi.StringWidth(before), focused
}

// huhInputCaret is the caret of a huh.Input: on the line its text input is
// drawn on (after the title and description, which may wrap), past the
// field's frame.
func huhInputCaret(in *huh.Input, view func() string) (int, int, bool) {
	col, focused := textInputCaret(reflect.ValueOf(in).Elem().FieldByName("textinput"))
	if !focused {
		return 0, 0, false
	}
	st := focusedStyles()
	left := frameLeft(st)
	prompt := reflect.ValueOf(in).Elem().FieldByName("textinput").FieldByName("Prompt")
	if !prompt.IsValid() {
		return 0, 0, false
	}
	lines := plainLines(view())
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(ansi.TruncateLeft(lines[i], left, ""), strings.TrimRight(prompt.String(), " ")) {
			return i, left + col, true
		}
	}
	return 0, 0, false
}

// huhFilterCaret is the caret of a huh.Select's filter, drawn in place of
// its title while the operator filters ("/" then text).
func huhFilterCaret(s *huh.Select[string]) (int, int, bool) {
	v := reflect.ValueOf(s).Elem()
	filtering := v.FieldByName("filtering")
	if !filtering.IsValid() || filtering.Kind() != reflect.Bool || !filtering.Bool() {
		return 0, 0, false
	}
	col, _ := textInputCaret(v.FieldByName("filter"))
	return 0, frameLeft(focusedStyles()) + col, true
}

// caret of the country picker: at the end of the filter typed so far, on
// the line under the title (where a Korean name being composed shows).
func (c *CountryField) caret() (int, int, bool) {
	if !c.focused {
		return 0, 0, false
	}
	col := frameLeft(c.fieldStyles())
	if len(c.filter) > 0 {
		col += ansi.StringWidth(countryFilterPrompt) + ansi.StringWidth(string(c.filter))
	}
	return 1, col, true
}

// caret of the date field: after the digits typed, or at the part being
// stepped.
func (d *DateField) caret() (int, int, bool) {
	if !d.focused {
		return 0, 0, false
	}
	v := apiclient.Sanitize(*d.value)
	if d.step && len(v) == len(dateMask) {
		lo, _ := segBounds(d.seg)
		v = v[:lo]
	}
	return 1, frameLeft(d.fieldStyles()) + ansi.StringWidth(v), true
}
