package forms

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
)

// newKeyMap is huh's default key map with enter on the last field named for
// what it does here: completing the form opens the review, where nothing is
// sent until the operator presses s. huh's "submit" promised more.
func newKeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	for _, b := range []*key.Binding{&k.Input.Submit, &k.Select.Submit} {
		b.SetHelp(b.Help().Key, "review")
	}
	return k
}
