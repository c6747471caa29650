package ui

import (
	"charm.land/bubbles/v2/key"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// imageKeyMap holds the keys of the image screens (screen_images*.go); the
// footer of each lists the ones that work there.
type imageKeyMap struct {
	Open    key.Binding // i on the result: attach images
	Pick    key.Binding // a file for the slot under the cursor
	Remove  key.Binding
	IDType  key.Binding
	Review  key.Binding
	Back    key.Binding // to where the images were opened from
	Send    key.Binding
	Edit    key.Binding // from the review, back to the files
	Cancel  key.Binding // stop waiting
	Choose  key.Binding // in the picker: open a folder or take a file
	Up      key.Binding
	Parent  key.Binding
	Close   key.Binding // the picker, without a file
	Another key.Binding // after a failure: pick another file
	Retry   key.Binding
	Files   key.Binding // after a failure: back to the files
	// the offer at start
	AttachNow key.Binding
	Later     key.Binding
	Dismiss   key.Binding
	Continue  key.Binding
}

// newImageKeys builds the image screens' bindings in the run's language
// and glyphs; a model builds them once. Bindings are values: screens that
// change a help text change a copy.
func newImageKeys() imageKeyMap {
	g := glyphs.Current()
	help := func(k, id string) key.BindingOpt { return key.WithHelp(k, i18n.T(id)) }
	return imageKeyMap{
		Open:    key.NewBinding(key.WithKeys("i"), help("i", "wizard_images.keys.open")),
		Pick:    key.NewBinding(key.WithKeys("enter", "p"), help("enter", "wizard_images.keys.pick")),
		Remove:  key.NewBinding(key.WithKeys("x", "delete"), help("x", "wizard_images.keys.remove")),
		IDType:  key.NewBinding(key.WithKeys("t"), help("t", "wizard_images.keys.id_type")),
		Review:  key.NewBinding(key.WithKeys("s"), help("s", "wizard_images.keys.review")),
		Back:    key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.back")),
		Send:    key.NewBinding(key.WithKeys("s", "ctrl+s"), help("s", "wizard.keys.send")),
		Edit:    key.NewBinding(key.WithKeys("b", "esc"), help("b", "wizard_images.keys.change_files")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), help("esc", "wizard_images.keys.stop_waiting")),
		Choose:  key.NewBinding(key.WithKeys("enter"), help("enter", "wizard_images.keys.open_choose")),
		Up:      key.NewBinding(key.WithKeys("up", "down"), help(g.Up+"/"+g.Down, "wizard.keys.move")),
		Parent:  key.NewBinding(key.WithKeys("left", "backspace"), help(g.Left, "wizard_images.keys.parent")),
		Close:   key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.cancel")),
		Another: key.NewBinding(key.WithKeys("f"), help("f", "wizard_images.keys.another_file")),
		Retry:   key.NewBinding(key.WithKeys("r"), help("r", "wizard.keys.retry")),
		Files:   key.NewBinding(key.WithKeys("b", "esc"), help("b", "wizard_images.keys.back_to_files")),

		AttachNow: key.NewBinding(key.WithKeys("a"), help("a", "wizard_images.keys.attach_now")),
		Later:     key.NewBinding(key.WithKeys("l"), help("l", "wizard_images.keys.later")),
		Dismiss:   key.NewBinding(key.WithKeys("d"), help("d", "wizard_images.keys.dismiss")),
		Continue:  key.NewBinding(key.WithKeys("enter", "c"), help("enter", "wizard_images.keys.continue")),
	}
}
