package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
)

// buildForm makes a fresh form over m.sub; values live in m.sub, so a rebuild
// loses nothing.
func (m *model) buildForm() *huh.Form {
	m.formDark = m.dark
	f := forms.New(m.sub, forms.Options{
		Now: m.now, Width: m.formWidth(), Height: m.bodyHeight(), Dark: m.dark, Notes: m.notes,
	})
	return f.WithShowHelp(false)
}

// rethemeForm rebuilds the form for the background the terminal reported.
// The form is built before the answer arrives (a dark background is
// assumed), and huh fields keep the theme they were built with; the values
// live in m.sub and the focus moves back to the same field.
func (m *model) rethemeForm() tea.Cmd {
	at := ""
	if f := m.form.GetFocusedField(); f != nil {
		at = f.GetKey()
	}
	m.form = m.buildForm()
	cmd := m.form.Init()
	if at != "" {
		forms.Focus(m.form, at)
	}
	return cmd
}

// editAt opens the form focused on the field with the given wire key, to go
// on from there page by page (editField and editPage come back instead).
func (m *model) editAt(fieldKey string) tea.Cmd {
	m.back = editReturn{}
	m.form = m.buildForm()
	cmd := m.setScreen(screenForm) // runs the form's Init before we move focus
	forms.Focus(m.form, fieldKey)
	return cmd
}

func (m *model) updateForm(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if m.ahead.watch.Waiting() {
			m.ahead.held = append(m.ahead.held, msg)
			return m, nil
		}
	case moveOverdueMsg:
		if msg.gen != m.ahead.gen || !m.ahead.watch.Waiting() {
			return m, nil
		}
		m.ahead.watch.Reset()
		return m, m.replayHeld()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.ToReview) {
		if m.back.on {
			m.back.last = forms.FocusedKey(m.form)
		}
		return m, m.setScreen(screenReview)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.SkipPage) && m.onOptionalPage() {
		return m, m.skipPage()
	}
	page, before, waited := m.formPage(), forms.FocusedKey(m.form), m.ahead.watch.Waiting()
	fm, cmd := m.form.Update(msg)
	if f, ok := fm.(*huh.Form); ok {
		m.form = f
	}
	m.ahead.watch.Observe(m.form, msg, before)
	switch m.form.State {
	case huh.StateCompleted:
		m.back.last = before
		cmd = tea.Batch(m.setScreen(screenReview), m.autosave())
	case huh.StateAborted:
		return m.quit()
	default:
		if back := m.returnAfterEdit(before); back != nil {
			return m, tea.Batch(back, m.autosave())
		}
		cmd = tea.Batch(cmd, m.pageDone(page))
	}
	if m.ahead.watch.Waiting() && !waited {
		m.ahead.gen++
		gen := m.ahead.gen
		cmd = tea.Batch(cmd, tea.Tick(moveOverdue, func(time.Time) tea.Msg { return moveOverdueMsg{gen} }))
	}
	return m, tea.Batch(cmd, m.replayHeld())
}

// typeahead holds key presses that arrive while the form moves its focus.
// huh moves it through messages of its own, and whatever the terminal
// delivered before them would land in the field being left: "Hong
// Gildong⏎bad-email" typed fast gave the name "Hong Gildongb". Held keys
// are handed on, in order, once the focus has moved.
type typeahead struct {
	watch     forms.MoveWatch
	held      []tea.Msg // key presses and pastes, oldest first
	gen       int       // numbers each wait, so a late moveOverdueMsg is known
	replaying bool
}

// moveOverdue bounds the wait for a focus move: it takes microseconds, so
// only a move that never comes (a huh that works differently) reaches it,
// and then the held keys go to the field that has the focus.
const moveOverdue = 500 * time.Millisecond

// moveOverdueMsg ends wait gen if it is still on.
type moveOverdueMsg struct{ gen int }

// replayHeld hands the held keys on to the form, as if they arrived now,
// until one of them starts another focus move. Keys typed past the form's
// last field are dropped: they were typed before the review was on screen,
// and there s submits.
func (m *model) replayHeld() tea.Cmd {
	if m.ahead.replaying {
		return nil // the loop below goes on with the next key
	}
	m.ahead.replaying = true
	defer func() { m.ahead.replaying = false }()
	var cmds []tea.Cmd
	for len(m.ahead.held) > 0 && m.screen == screenForm && !m.ahead.watch.Waiting() {
		msg := m.ahead.held[0]
		m.ahead.held = m.ahead.held[1:]
		_, cmd := m.update(msg)
		cmds = append(cmds, cmd)
	}
	if m.screen != screenForm {
		m.ahead.held = nil
	}
	return tea.Batch(cmds...)
}

func (m *model) viewForm() string {
	if m.form == nil {
		return ""
	}
	return m.form.View()
}

// onOptionalPage reports whether the focus is on a page whose fields may
// all stay empty.
func (m *model) onOptionalPage() bool {
	p := m.formPage()
	return p >= 0 && apiclient.Pages[p].Optional
}

// skipPage leaves an optional page as it is, for the next page (or the
// review, after the last page or when the page was opened from it). What
// was typed there stays, and the review flags anything the rulebook refuses.
func (m *model) skipPage() tea.Cmd {
	page, before := m.formPage(), forms.FocusedKey(m.form)
	cmd := m.form.NextGroup()
	switch {
	case m.form.State == huh.StateCompleted:
		m.back.last = before
		return tea.Batch(m.setScreen(screenReview), m.autosave())
	}
	if back := m.returnAfterEdit(before); back != nil {
		return tea.Batch(back, m.autosave()) // it was opened from the review
	}
	return tea.Batch(cmd, m.pageDone(page))
}

// keysForm are the keys of the form, in the order the footer shows them.
func (m *model) keysForm() []key.Binding {
	k := m.keys
	var b []key.Binding
	if m.form != nil {
		// Enter first: what it does here (next, review, back to review) is
		// what the footer must never leave out; then the field's own keys.
		field := m.editBindings(m.form.KeyBinds())
		enter := func(kb key.Binding) bool { return slices.Contains(kb.Keys(), "enter") }
		for _, kb := range field {
			if enter(kb) {
				b = append(b, kb)
			}
		}
		for _, kb := range field {
			if !enter(kb) {
				b = append(b, kb)
			}
		}
	}
	b = append(b, k.ToReview)
	if m.onOptionalPage() {
		b = append(b, k.SkipPage)
	}
	return append(b, k.Quit)
}

// enterForm opens the form: built once (newModel leaves it to Init), started, and any move
// on its way from an older form forgotten.
func (m *model) enterForm() tea.Cmd {
	if m.lazyForm {
		return nil // newModel: Init builds it
	}
	if m.form == nil {
		m.form = m.buildForm()
	}
	m.ahead.watch.Reset() // a move on its way belonged to an older form
	m.ahead.gen++
	return m.form.Init()
}
