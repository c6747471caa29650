package ui

import "charm.land/bubbles/v2/key"

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

// imageKeys are built once: bindings are values, and screens that change a
// help text change a copy.
var imageKeys = imageKeyMap{
	Open:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "attach images")),
	Pick:    key.NewBinding(key.WithKeys("enter", "p"), key.WithHelp("enter", "pick a file")),
	Remove:  key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
	IDType:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "ID type")),
	Review:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "review")),
	Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	Send:    key.NewBinding(key.WithKeys("s", "ctrl+s"), key.WithHelp("s", "send")),
	Edit:    key.NewBinding(key.WithKeys("b", "esc"), key.WithHelp("b", "change files")),
	Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop waiting")),
	Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open/choose")),
	Up:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
	Parent:  key.NewBinding(key.WithKeys("left", "backspace"), key.WithHelp("←", "parent folder")),
	Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	Another: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "pick another file")),
	Retry:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
	Files:   key.NewBinding(key.WithKeys("b", "esc"), key.WithHelp("b", "back to the files")),

	AttachNow: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "attach them now")),
	Later:     key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "later")),
	Dismiss:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dismiss")),
	Continue:  key.NewBinding(key.WithKeys("enter", "c"), key.WithHelp("enter", "continue")),
}
