package forms

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
)

// nav is what the fields of one form share about the way the operator is
// moving. huh refuses to leave a page, backwards too, while any field on it
// reports an error, and a field validates itself as it loses focus; so going
// back from a half-filled page would be blocked. While lenient is set the
// fields report no error and validate nothing.
type nav struct {
	lenient bool
}

// guard wraps every field of the form: it makes backward moves lenient and
// shows the server's note for the field until the operator changes the
// value.
type guard struct {
	huh.Field
	nav  *nav
	sub  *apiclient.Submission
	key  string
	back key.Binding // the form's "previous field" key

	note      string // the server's message, sanitized; "" for none
	notedWith string // the value the server complained about
	noteStyle lipgloss.Style
}

func newGuard(f huh.Field, n *nav, sub *apiclient.Submission, key, note string, dark bool) *guard {
	g := &guard{Field: f, nav: n, sub: sub, key: key, back: huh.NewDefaultKeyMap().Input.Prev}
	if note != "" {
		g.note = apiclient.Sanitize(note)
		g.notedWith = sub.Get(key)
		g.noteStyle = Theme(dark).Theme(dark).Focused.ErrorMessage.UnsetString()
	}
	return g
}

// Update passes msg to the field. A move to the previous field makes the
// form lenient until the next key press or forward move.
func (g *guard) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		// huh's select validates before it asks for the previous field, so
		// the back key itself must already make the form lenient.
		g.nav.lenient = key.Matches(msg, g.back)
	case tea.PasteMsg:
		g.nav.lenient = false
	}
	if isPrevField(msg) {
		g.nav.lenient = true
	} else if isNextField(msg) {
		g.nav.lenient = false
	}
	m, cmd := g.Field.Update(msg)
	g.Field = m.(huh.Field)
	return g, cmd
}

// Error is the field's error, or nil while moving backwards.
func (g *guard) Error() error {
	if g.nav.lenient {
		return nil
	}
	return g.Field.Error()
}

// View is the field with the server's note beneath it while the value is
// still the one the server refused.
func (g *guard) View() string {
	v := g.Field.View()
	if n := g.activeNote(); n != "" {
		v += "\n" + g.noteStyle.Render("  server: "+n)
	}
	return v
}

func (g *guard) activeNote() string {
	if g.note == "" || g.sub.Get(g.key) != g.notedWith {
		return ""
	}
	return g.note
}

// The With* methods keep the wrapper in place of the wrapped field.

func (g *guard) WithTheme(t huh.Theme) huh.Field    { g.Field = g.Field.WithTheme(t); return g }
func (g *guard) WithKeyMap(k *huh.KeyMap) huh.Field { g.Field = g.Field.WithKeyMap(k); return g }
func (g *guard) WithWidth(w int) huh.Field          { g.Field = g.Field.WithWidth(w); return g }
func (g *guard) WithHeight(h int) huh.Field         { g.Field = g.Field.WithHeight(h); return g }
func (g *guard) WithPosition(p huh.FieldPosition) huh.Field {
	g.Field = g.Field.WithPosition(p)
	return g
}

var (
	prevFieldMsg = huh.PrevField()
	nextFieldMsg = huh.NextField()
)

func isPrevField(msg tea.Msg) bool { return msg == prevFieldMsg }
func isNextField(msg tea.Msg) bool { return msg == nextFieldMsg }
