package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

func (m *model) updateResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.canAttach() && key.Matches(k, m.imgKeys.Open):
		return m, m.openImages()
	case key.Matches(k, m.keys.Another):
		return m, m.startAnother()
	case key.Matches(k, m.keys.Copy):
		m.copied = true
		return m, tea.SetClipboard(m.lastID)
	case key.Matches(k, m.keys.ResultEnd):
		return m.quit()
	}
	return m, nil
}

// startAnother opens an empty form for the next record, keeping the admin
// account: an agent migrates a batch for one project at a time.
func (m *model) startAnother() tea.Cmd {
	*m.sub = apiclient.Submission{Admin: m.sub.Admin}
	m.revealed, m.cursor, m.scroll, m.mayExist, m.notes, m.seen = false, 0, 0, false, nil, nil
	return m.editAt(apiclient.Pages[1].Keys[0]) // the person's first field: the admin page is done
}

func (m *model) viewResult() string {
	id := apiclient.Sanitize(m.lastID)
	box := m.st.IDBox.Render(id)
	headline := i18n.T("wizard.result.created")
	if m.lk.taken != "" && m.lk.taken == m.lastID {
		headline = i18n.T("wizard.result.found")
	}
	email := apiclient.Sanitize(m.sub.Email)
	lines := []string{
		"",
		m.st.Good.Render(m.st.G.Check+" "+headline) + m.st.Dim.Render(" "+i18n.T("wizard.result.for", email)),
		"",
		box,
		"",
		i18n.T("wizard.result.id", id),
		m.st.Dim.Render(i18n.T("wizard.result.stdout")),
	}
	if m.copied {
		lines = append(lines, m.st.Dim.Render(i18n.T("wizard.result.copied")))
	}
	lines = append(lines, m.resultImagesLines()...)
	if n := len(m.ids); n > 1 {
		lines = append(lines, "", m.st.Dim.Render(i18n.T("wizard.result.session", n)))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}

// keysResult are the keys of the result, in the order the footer shows them.
func (m *model) keysResult() []key.Binding {
	k := m.keys
	if m.canAttach() {
		return []key.Binding{m.imgKeys.Open, k.Another, k.Copy, k.ResultEnd}
	}
	return []key.Binding{k.Another, k.Copy, k.ResultEnd}
}

// enterResult opens the result screen.
func (m *model) enterResult() tea.Cmd {
	m.copied = false
	return nil
}
