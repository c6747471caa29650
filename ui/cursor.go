package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/forms"
)

// The terminal's own cursor. An input method (Korean, Japanese, Chinese)
// draws the syllable being composed at the terminal's cursor, wherever the
// program's text caret is drawn; Bubble Tea hides the cursor unless a view
// places it. So every screen with a field that takes text puts the cursor
// at that field's caret: the form's text fields, the country picker's and
// a select's filter (forms.FormCaret), the key (forms.InputCaret) and the
// image picker's filter. Everywhere else it stays hidden.

// bodyCursor is where the cursor goes for body, the screen's body as drawn
// under the header: nil when no field takes text or its caret is not in
// sight.
func (m *model) bodyCursor(body string) *tea.Cursor {
	row, col, ok := 0, 0, false
	switch m.screen {
	case screenForm:
		row, col, ok = forms.FormCaret(m.form, body)
	case screenKey:
		if m.key.phase == keyTyping {
			row, ok = lineOf(body, m.key.input.View())
			col = forms.InputCaret(m.key.input)
		}
	case screenImagePicker:
		row, col, ok = m.pickerCaret()
	}
	if !ok || row < 0 || row >= m.bodyHeight() || col >= m.contentWidth() {
		return nil
	}
	return tea.NewCursor(padX+col, headerLines+row)
}

// lineOf is the index of the line of body that shows line, as drawn.
func lineOf(body, line string) (int, bool) {
	want := strings.TrimRight(ansi.Strip(line), " ")
	for i, l := range strings.Split(ansi.Strip(body), "\n") {
		if strings.TrimRight(l, " ") == want {
			return i, true
		}
	}
	return 0, false
}
