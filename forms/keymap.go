package forms

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// newKeyMap is huh's default key map with its help in the run's language,
// and enter on the last field named for what it does here: completing the
// form opens the review, where nothing is sent until the operator presses
// s. huh's "submit" promised more.
func newKeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	g := glyphs.Current()
	help := func(b *key.Binding, keyName, id string) {
		if keyName == "" {
			keyName = b.Help().Key
		}
		b.SetHelp(keyName, i18n.T(id))
	}
	in, sel := &k.Input, &k.Select
	help(&in.AcceptSuggestion, "", "form.key.complete")
	help(&in.Prev, "", "form.key.back")
	help(&in.Next, "", "form.key.next")
	help(&in.Submit, "", "form.key.review")
	help(&sel.Prev, "", "form.key.back")
	help(&sel.Next, "", "form.key.select")
	help(&sel.Submit, "", "form.key.review")
	help(&sel.Up, g.Up, "form.key.up")
	help(&sel.Down, g.Down, "form.key.down")
	help(&sel.Left, g.Left, "form.key.left")
	help(&sel.Right, g.Right, "form.key.right")
	help(&sel.Filter, "", "form.key.filter")
	help(&sel.SetFilter, "", "form.key.set_filter")
	help(&sel.ClearFilter, "", "form.key.clear_filter")
	help(&sel.HalfPageUp, "", "form.key.half_page_up")
	help(&sel.HalfPageDown, "", "form.key.half_page_down")
	help(&sel.GotoTop, "", "form.key.go_to_start")
	help(&sel.GotoBottom, "", "form.key.go_to_end")
	return k
}
