package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient/i18n"
)

// Frame geometry: a two-line header and a footer (the status line, two
// lines for a long message, and the keys) around the screen's body, inside
// one column of padding each side.
const (
	headerLines = 2
	padX        = 1
)

// draw (View, through crash.go) draws the header, the current screen and the footer, or a plain
// message when the window is below the minimum size.
func (m *model) draw() tea.View {
	content, cursor := m.frame()
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "argos-migrate"
	v.Cursor = cursor
	return v
}

// render is the frame as drawn, without the cursor.
func (m *model) render() string {
	content, _ := m.frame()
	return content
}

// frame draws the header, the screen's body and the footer, and says where
// the terminal's cursor goes: at the caret of the field that takes text,
// nil (hidden) when none does (cursor.go).
func (m *model) frame() (string, *tea.Cursor) {
	if m.tooSmall() {
		return m.viewTooSmall(), nil
	}
	// bubbles v2.2.1's textinput pads a placeholder by slicing its runes
	// by its width in cells, so a Hangul placeholder ("프로젝트 대시보드에
	// 등록된 …") brings NUL runes along: they are nothing to draw.
	// The caret is found in the body as its widgets drew it.
	body := screens[m.screen].view(m)
	cursor := m.bodyCursor(body)
	body = strings.ReplaceAll(body, "\x00", "")
	body = lipgloss.NewStyle().Height(m.bodyHeight()).MaxHeight(m.bodyHeight()).Render(body)
	return m.st.App.Render(m.viewHeader() + "\n" + body + "\n" + m.viewFooter()), cursor
}

// contentWidth is the usable width inside the padding.
func (m *model) contentWidth() int { return max(m.width-2*padX, 1) }

// bodyHeight is what is left for a screen between header and footer.
func (m *model) bodyHeight() int { return max(m.height-headerLines-m.footerHeight(), 1) }

// formWidth caps the form's width: long inputs are hard to read.
func (m *model) formWidth() int { return min(m.contentWidth(), 90) }

// steps is the breadcrumb under the header, the current step in bold.
func (m *model) steps() string {
	if s, ok := m.imagesSteps(); ok {
		return s
	}
	names := []struct {
		s    screen
		name string
	}{{screenForm, i18n.T("wizard.steps.fill")}, {screenReview, i18n.T("wizard.steps.review")},
		{screenSubmitting, i18n.T("wizard.steps.submit")}, {screenResult, i18n.T("wizard.steps.done")}}
	parts := make([]string, 0, len(names)+1)
	cur := m.screen
	switch cur {
	case screenKey:
		parts = append(parts, m.st.Title.Render(i18n.T("wizard.steps.key")))
	case screenError, screenLookup:
		cur = screenSubmitting
	case screenResume:
		cur = screenForm
	}
	for _, n := range names {
		if n.s == cur {
			parts = append(parts, m.st.Title.Render(n.name))
		} else {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, stepSep)
}

// stepSep is between two steps of the breadcrumb. "›" is one cell in
// every terminal (its East Asian width is neutral, not ambiguous).
const stepSep = " › "

// viewFooter is the status line and the keys that work on this screen.
func (m *model) viewFooter() string {
	status := strings.Join(m.statusLines(), "\n")
	return status + "\n" + m.shortHelp(m.bindings(), m.contentWidth())
}

// shortHelp lays bindings out on one line of at most width cells, the way
// help.ShortHelpView does, but leaves out whole each binding that does not
// fit, and ends with "…" when one was left out and there is room. The quit
// key is never the one left out: its room is kept first. (The help view
// adds a binding that does not fit when no "…" would, and the frame then
// cut it to a dangling "•".) The quit key is the binding ctrl+c is one of
// the keys of: every screen's quit is.
func (m *model) shortHelp(bindings []key.Binding, width int) string {
	h := m.st.Help
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	more := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	item := func(kb key.Binding) string {
		return h.Styles.ShortKey.Inline(true).Render(kb.Help().Key) + " " +
			h.Styles.ShortDesc.Inline(true).Render(kb.Help().Desc)
	}
	var quit string
	var rest []key.Binding
	for _, kb := range bindings {
		switch {
		case !kb.Enabled():
		case quit == "" && slices.Contains(kb.Keys(), "ctrl+c"):
			quit = item(kb)
		default:
			rest = append(rest, kb)
		}
	}
	reserved := 0
	if quit != "" {
		reserved = lipgloss.Width(sep + quit)
	}
	line, dropped := m.layoutHelp(rest, item, sep, quit, width-reserved)
	if dropped {
		// Something is left out: keep room for the "…" that says so.
		line, _ = m.layoutHelp(rest, item, sep, quit, width-reserved-lipgloss.Width(more))
		if lipgloss.Width(line+more) <= width {
			line += more
		}
	}
	return line
}

// layoutHelp puts the bindings that fit in room cells, then quit.
func (m *model) layoutHelp(rest []key.Binding, item func(key.Binding) string, sep, quit string, room int) (string, bool) {
	var b strings.Builder
	used, dropped := 0, false
	for _, kb := range rest {
		it := item(kb)
		if used > 0 {
			it = sep + it
		}
		w := lipgloss.Width(it)
		if used+w > room {
			dropped = true
			continue
		}
		b.WriteString(it)
		used += w
	}
	switch {
	case quit == "":
	case used == 0:
		b.WriteString(quit)
	default:
		b.WriteString(sep + quit)
	}
	return b.String(), dropped
}

func (m *model) viewTooSmall() string {
	size := func(w, h int) string { return strconv.Itoa(w) + m.st.G.Times + strconv.Itoa(h) }
	msg := i18n.T("wizard.too_small.size", size(m.width, m.height)) + "\n" +
		i18n.T("wizard.too_small.needs", size(MinWidth, MinHeight)) + "\n\n" +
		i18n.T("wizard.too_small.what") + "\n\nctrl+c " + i18n.T("wizard.keys.quit")
	w := max(m.width, 1)
	return lipgloss.NewStyle().Width(w).MaxWidth(w).Render(msg)
}
