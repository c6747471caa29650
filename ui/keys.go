package ui

import (
	"charm.land/bubbles/v2/key"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
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

// newKeyMap builds the bindings with their help in the run's language and
// the run's glyphs (the arrows' names); a model builds its own, after main
// has chosen both.
func newKeyMap() keyMap {
	g := glyphs.Current()
	help := func(k, id string) key.BindingOpt { return key.WithHelp(k, i18n.T(id)) }
	return keyMap{
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), help("ctrl+c", "wizard.keys.quit")),
		QuitSoft:  key.NewBinding(key.WithKeys("q", "ctrl+c"), help("q", "wizard.keys.quit")),
		ToReview:  key.NewBinding(key.WithKeys("ctrl+r"), help("ctrl+r", "wizard.keys.review")),
		SkipPage:  key.NewBinding(key.WithKeys("ctrl+n"), help("ctrl+n", "wizard.keys.skip_page")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), help(g.Up+"/"+g.Down, "wizard.keys.move")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), help(g.Down, "wizard.keys.move")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space"), help("pgdn", "wizard.keys.more")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), help("pgup", "wizard.keys.page_back")),
		Edit:      key.NewBinding(key.WithKeys("e", "enter"), help("e", "wizard.keys.edit_field")),
		EditPage:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), help("1-9", "wizard.keys.edit_page")),
		Reveal:    key.NewBinding(key.WithKeys("v"), help("v", "wizard.keys.show_id_number")),
		Submit:    key.NewBinding(key.WithKeys("s", "ctrl+s"), help("s", "wizard.keys.submit")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.cancel")),
		Another:   key.NewBinding(key.WithKeys("n"), help("n", "wizard.keys.another")),
		Copy:      key.NewBinding(key.WithKeys("c"), help("c", "wizard.keys.copy_id")),
		Fix:       key.NewBinding(key.WithKeys("f", "enter"), help("f", "wizard.keys.fix")),
		Retry:     key.NewBinding(key.WithKeys("r"), help("r", "wizard.keys.retry")),
		Back:      key.NewBinding(key.WithKeys("b", "esc"), help("b", "wizard.keys.back_to_review")),
		NewKey:    key.NewBinding(key.WithKeys("k"), help("k", "wizard.keys.replace_key")),
		Flip:      key.NewBinding(key.WithKeys("e"), help("e", "wizard.keys.switch_encryption")),
		ResultEnd: key.NewBinding(key.WithKeys("q", "enter", "ctrl+c"), help("q", "wizard.keys.quit")),

		Resume:     key.NewBinding(key.WithKeys("r", "enter"), help("r", "wizard.keys.resume")),
		StartEmpty: key.NewBinding(key.WithKeys("n"), help("n", "wizard.keys.start_empty")),
		Discard:    key.NewBinding(key.WithKeys("d"), help("d", "wizard.keys.discard")),
		SendAnyway: key.NewBinding(key.WithKeys("y"), help("y", "wizard.keys.send")),
		ThatsOne:   key.NewBinding(key.WithKeys("t"), help("t", "wizard.keys.thats_one")),
	}
}

// bindings returns the keys that work on the current screen, in the order the
// footer shows them.
func (m *model) bindings() []key.Binding { return screens[m.screen].keys(m) }
