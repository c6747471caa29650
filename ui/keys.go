package ui

import (
	"charm.land/bubbles/v2/key"
)

// keyMap holds every key the wizard answers to; bindings picks the ones that
// work on a screen, which are also the ones the footer shows.
type keyMap struct {
	Quit      key.Binding // everywhere
	QuitSoft  key.Binding // q, where no text is typed
	ToReview  key.Binding
	SkipPage  key.Binding // on an optional page of the form
	Up        key.Binding
	Down      key.Binding
	PageDown  key.Binding
	PageUp    key.Binding
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
		SkipPage:  key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "skip page")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "move")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "more")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "back")),
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
func (m *model) bindings() []key.Binding { return screens[m.screen].keys(m) }
