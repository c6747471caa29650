package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms"
)

// editReturn remembers that the form was opened to change one field (e on
// the review, f on the error screen, a resumed rejection) or one page (1-6
// on the review): moving on from it goes back to the review, with the
// cursor on what was edited, instead of on to the next page.
type editReturn struct {
	on   bool
	key  string // the field being edited; "" for a page
	page int    // the page being edited, when key is ""
	last string // the field that had the focus when the form was left
}

// editField opens the form at a field; Enter on it, once accepted, comes
// back to the review.
func (m *model) editField(fieldKey string) tea.Cmd {
	cmd := m.editAt(fieldKey)
	m.back = editReturn{on: true, key: fieldKey}
	return cmd
}

// editPage opens the form at page n; moving past its last field comes back
// to the review.
func (m *model) editPage(n int) tea.Cmd {
	cmd := m.editAt(apiclient.AllPages()[n].Keys[0])
	m.back = editReturn{on: true, page: n}
	return cmd
}

// covers reports whether the field with wire key k is what is being edited.
func (b editReturn) covers(k string) bool {
	if !b.on || k == "" {
		return false
	}
	if b.key != "" {
		return k == b.key
	}
	return slices.Contains(apiclient.AllPages()[b.page].Keys, k)
}

// lastStop reports whether Enter on the field k moves past what is being
// edited: the field itself, or the last field of the page.
func (b editReturn) lastStop(k string) bool {
	if !b.covers(k) {
		return false
	}
	if b.key != "" {
		return true
	}
	keys := apiclient.AllPages()[b.page].Keys
	return k == keys[len(keys)-1]
}

// returnAfterEdit goes back to the review when the focus has moved forward
// from what was being edited (before is the field that had it); nil
// otherwise.
func (m *model) returnAfterEdit(before string) tea.Cmd {
	after := forms.FocusedKey(m.form)
	if !m.back.covers(before) || m.back.covers(after) || after == "" || keyIndex(after) < keyIndex(before) {
		return nil
	}
	m.back.last = before
	return m.setScreen(screenReview)
}

// backTo is the field the review's cursor goes to when the review opens
// after an edit: the field edited, or on a page the field last left.
func (m *model) backTo() (string, bool) {
	switch {
	case !m.back.on:
		return "", false
	case m.back.key != "":
		return m.back.key, true
	}
	return m.back.last, m.back.last != ""
}

func keyIndex(k string) int { return slices.Index(apiclient.AllKeys(), k) }

// editBindings names Enter for what it does while editing from the review:
// on the field being edited (or the last of the page), it goes back.
func (m *model) editBindings(b []key.Binding) []key.Binding {
	if !m.back.lastStop(forms.FocusedKey(m.form)) {
		return b
	}
	out := make([]key.Binding, len(b))
	for i, kb := range b {
		if slices.Contains(kb.Keys(), "enter") {
			kb.SetHelp("enter", i18n.T("wizard.keys.back_to_review"))
		}
		out[i] = kb
	}
	return out
}
