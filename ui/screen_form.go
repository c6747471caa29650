package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"argos-migrate/forms"
)

// buildForm makes a fresh form over m.sub; values live in m.sub, so a rebuild
// loses nothing.
func (m *model) buildForm() *huh.Form {
	f := forms.New(m.sub, forms.Options{
		Now: m.now, Width: m.formWidth(), Height: m.bodyHeight(), Dark: m.dark, Notes: m.notes,
	})
	return f.WithShowHelp(false)
}

// editAt opens the form focused on the field with the given wire key.
func (m *model) editAt(fieldKey string) tea.Cmd {
	m.form = m.buildForm()
	cmd := m.setScreen(screenForm) // runs the form's Init before we move focus
	forms.Focus(m.form, fieldKey)
	return cmd
}

func (m *model) updateForm(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.ToReview) {
		return m, m.setScreen(screenReview)
	}
	page := m.formPage()
	fm, cmd := m.form.Update(msg)
	if f, ok := fm.(*huh.Form); ok {
		m.form = f
	}
	switch m.form.State {
	case huh.StateCompleted:
		return m, tea.Batch(m.setScreen(screenReview), m.autosave())
	case huh.StateAborted:
		return m.quit()
	}
	return m, tea.Batch(cmd, m.pageDone(page))
}

func (m *model) viewForm() string {
	if m.form == nil {
		return ""
	}
	return m.form.View()
}
