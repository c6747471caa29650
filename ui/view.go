package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
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
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "argos-migrate"
	return v
}

func (m *model) render() string {
	if m.tooSmall() {
		return m.viewTooSmall()
	}
	body := screens[m.screen].view(m)
	body = lipgloss.NewStyle().Height(m.bodyHeight()).MaxHeight(m.bodyHeight()).Render(body)
	return m.st.App.Render(m.viewHeader() + "\n" + body + "\n" + m.viewFooter())
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
	}{{screenForm, "Fill in"}, {screenReview, "Review"}, {screenSubmitting, "Submit"}, {screenResult, "Done"}}
	parts := make([]string, 0, len(names)+1)
	cur := m.screen
	switch cur {
	case screenKey:
		parts = append(parts, m.st.Title.Render("API key"))
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
	return strings.Join(parts, " › ")
}

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
// cut it to a dangling "•".)
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
		case quit == "" && kb.Help().Desc == "quit":
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
	msg := fmt.Sprintf("The window is %d×%d.\nargos-migrate needs at least %d×%d.\n\n"+
		"Make the window larger: nothing you typed is lost. Keys do nothing until then.\n\nctrl+c quit",
		m.width, m.height, MinWidth, MinHeight)
	w := max(m.width, 1)
	return lipgloss.NewStyle().Width(w).MaxWidth(w).Render(msg)
}
