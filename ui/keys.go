package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
)

// keyMap holds every key the wizard answers to; bindings picks the ones that
// work on a screen, which are also the ones the footer shows.
type keyMap struct {
	Quit      key.Binding // everywhere
	QuitSoft  key.Binding // q, where no text is typed
	ToReview  key.Binding
	Up        key.Binding
	Down      key.Binding
	Edit      key.Binding
	EditPage  key.Binding
	Reveal    key.Binding
	Submit    key.Binding
	Cancel    key.Binding
	Another   key.Binding
	Copy      key.Binding
	Fix       key.Binding
	Retry     key.Binding
	Back      key.Binding
	NewKey    key.Binding
	Flip      key.Binding
	ResultEnd key.Binding
	// drafts and the duplicate check
	Resume     key.Binding
	StartEmpty key.Binding
	Discard    key.Binding
	SendAnyway key.Binding
	ThatsOne   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		QuitSoft:  key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		ToReview:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "review")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "move")),
		Edit:      key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e", "edit field")),
		EditPage:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "edit page")),
		Reveal:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "show id number")),
		Submit:    key.NewBinding(key.WithKeys("s", "ctrl+s"), key.WithHelp("s", "submit")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Another:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "start another")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy id")),
		Fix:       key.NewBinding(key.WithKeys("f", "enter"), key.WithHelp("f", "fix the field")),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
		Back:      key.NewBinding(key.WithKeys("b", "esc"), key.WithHelp("b", "back to review")),
		NewKey:    key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "replace the key")),
		Flip:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "switch encryption")),
		ResultEnd: key.NewBinding(key.WithKeys("q", "enter", "ctrl+c"), key.WithHelp("q", "quit")),

		Resume:     key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r", "resume")),
		StartEmpty: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "start empty")),
		Discard:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard")),
		SendAnyway: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "send")),
		ThatsOne:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "that's the one")),
	}
}

// bindings returns the keys that work on the current screen, in the order the
// footer shows them.
func (m *model) bindings() []key.Binding {
	k := m.keys
	switch m.screen {
	case screenForm:
		b := []key.Binding{k.ToReview}
		if m.form != nil {
			b = append(b, m.form.KeyBinds()...)
		}
		return append(b, k.Quit)
	case screenReview:
		rev := k.Reveal
		if m.revealed {
			rev.SetHelp("v", "hide id number")
		}
		sub := k.Submit
		if m.problems != nil {
			sub.SetEnabled(false)
		}
		page := k.EditPage
		page.SetHelp("1-"+strconv.Itoa(min(len(forms.AllPages()), 9)), "edit page")
		return []key.Binding{sub, k.Up, k.Edit, page, rev, k.QuitSoft}
	case screenSubmitting:
		return []key.Binding{k.Cancel, k.Quit}
	case screenResult:
		return []key.Binding{k.Another, k.Copy, k.ResultEnd}
	case screenKey:
		return m.keyBindings()
	case screenError:
		var b []key.Binding
		if m.fixKey != "" {
			fix := k.Fix
			fix.SetHelp("f", "fix "+fieldLabel(m.fixKey))
			b = append(b, fix)
		}
		if m.canRetry() {
			b = append(b, k.Retry)
		}
		if m.offerNewKey() {
			b = append(b, k.NewKey)
		}
		if m.offerFlip() {
			flip := k.Flip
			if encryptionHint(m.err) == apiclient.EncryptionTurnOn {
				flip.SetHelp("e", "turn encryption on")
			} else {
				flip.SetHelp("e", "turn encryption off")
			}
			b = append(b, flip)
		}
		return append(b, k.Back, k.QuitSoft)
	case screenResume:
		b := []key.Binding{k.Resume, k.StartEmpty}
		if m.deps.Drafts.Store != nil {
			b = append(b, k.Discard)
		}
		return append(b, k.QuitSoft)
	case screenLookup:
		if m.lk.running {
			return []key.Binding{k.Back, k.Quit}
		}
		if len(m.lk.match.Matches) > 0 {
			return []key.Binding{k.ThatsOne, k.SendAnyway, k.Back, k.QuitSoft}
		}
		return []key.Binding{k.SendAnyway, k.Back, k.QuitSoft}
	}
	return []key.Binding{k.Quit}
}
