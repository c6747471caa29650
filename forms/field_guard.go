package forms

import (
	"reflect"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// nav is what the fields of one form share about the way the operator is
// moving. huh refuses to leave a page, backwards too, while any field on it
// reports an error, and a field validates itself as it loses focus; so going
// back from a half-filled page would be blocked. While lenient is set the
// fields report no error and validate nothing.
type nav struct {
	lenient bool

	// moveAsked: the last key press made the focused field ask huh to move
	// the focus; the move itself comes later, as a message (MoveWatch).
	moveAsked bool
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

	// sensitive fields (the identity number) show their value only while
	// focused, where the agent checks what they type; blurred, it is masked
	// the one way every screen masks (apiclient.Mask: •).
	sensitive bool
	focused   bool
	title     string
	dark      bool

	note      string // the server's message, sanitized; "" for none
	notedWith string // the value the server complained about
	errStyle  lipgloss.Style
	width     int
	// placeholder is the field's format in words, shown in an empty text
	// field ("" for none); placeholderAt is it fitted to the width.
	placeholder   string
	placeholderAt string

	// The last View, reused until something that can change it happens.
	// huh renders every field of the page on every message (twice for the
	// focused one) while only the focused field takes keys; the other
	// fields' frames were most of each keystroke's cost.
	view    string
	viewOf  string // the bound value when view was rendered
	viewSet bool
	pos     huh.FieldPosition
	posSet  bool
}

func newGuard(f huh.Field, n *nav, sub *apiclient.Submission, key, note string, dark bool) *guard {
	g := &guard{Field: f, nav: n, sub: sub, key: key, back: defaultInputKeys().Prev,
		errStyle: Theme(dark).Theme(dark).Focused.ErrorMessage.UnsetString()}
	spec, _ := apiclient.Spec(key)
	if spec.Sensitive {
		g.sensitive, g.title = true, fieldTitle(spec)
	}
	g.dark = dark
	g.placeholder = placeholderOf(spec)
	g.placeholderAt = g.placeholder
	if note != "" {
		g.note = apiclient.Sanitize(note)
		g.notedWith = sub.Get(key)
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
	if !isRefresh(msg) {
		g.viewSet = false
	}
	m, cmd := g.Field.Update(msg)
	g.Field = m.(huh.Field)
	if isInput(msg) {
		g.nav.moveAsked = isMoveCmd(cmd)
	}
	return g, cmd
}

// Focus and Blur change the way the field looks, and unmask or mask a
// sensitive value.
func (g *guard) Focus() tea.Cmd {
	g.viewSet, g.focused = false, true
	return g.Field.Focus()
}

func (g *guard) Blur() tea.Cmd {
	g.viewSet, g.focused = false, false
	return g.Field.Blur()
}

// maskedView is a blurred sensitive text field as huh draws an input, its
// value masked by apiclient.MaskField ("••••••-•••••••", as on the review).
func (g *guard) maskedView() string {
	st := &Theme(g.dark).Theme(g.dark).Blurred
	v := g.sub.Get(g.key)
	line := st.TextInput.Prompt.Render("> ")
	if v == "" {
		line += st.TextInput.Placeholder.Render(g.placeholderAt)
	} else {
		shown, _ := apiclient.MaskField(g.key, v, false) // blurred: never revealed
		line += st.TextInput.Text.Render(shown)
	}
	base := st.Base
	if g.width > 0 {
		base = base.Width(g.width)
	}
	return base.Render(st.Title.Render(g.title) + "\n" + line)
}

// Error is the field's error, or nil while moving backwards.
func (g *guard) Error() error {
	if g.nav.lenient {
		return nil
	}
	return g.Field.Error()
}

// View is the field with, beneath it, why it refused the last value (every
// kind of field: text, select, date, country), and the server's note while
// the value is still the one the server refused.
// It is rendered again only after a message, a focus change or a new
// size, theme or key map reached the field, or when the bound value changed
// behind the form's back.
func (g *guard) View() string {
	val := g.sub.Get(g.key)
	if g.viewSet && g.viewOf == val {
		return g.view
	}
	var v string
	if g.sensitive && !g.focused {
		v = g.maskedView()
	} else {
		v = g.Field.View()
	}
	if err := g.Error(); err != nil {
		v += "\n" + g.errStyle.Render(g.wrap(refusalLine(g.key, err)))
	}
	if n := g.activeNote(); n != "" {
		v += "\n" + g.errStyle.Render(g.wrap("  "+i18n.T("form.note.server", n)))
	}
	g.view, g.viewOf, g.viewSet = v, val, true
	return v
}

// wrap fits a line under the field into the field's width.
func (g *guard) wrap(s string) string {
	if g.width <= 2 {
		return s
	}
	return lipgloss.Wrap(s, g.width-2, " ")
}

func (g *guard) activeNote() string {
	if g.note == "" || g.sub.Get(g.key) != g.notedWith {
		return ""
	}
	return g.note
}

// The With* methods keep the wrapper in place of the wrapped field, and
// drop the cached view.

func (g *guard) WithTheme(t huh.Theme) huh.Field {
	g.Field, g.viewSet = g.Field.WithTheme(t), false
	return g
}
func (g *guard) WithKeyMap(k *huh.KeyMap) huh.Field {
	g.Field, g.viewSet = g.Field.WithKeyMap(k), false
	g.posSet = false // the new keys are all enabled until the position is set again
	return g
}

// WithWidth also fits the placeholder to the text input's room: huh's
// input cuts it at the edge, inside a word ("…on the project's dashboar"),
// where it now ends after a whole word with "…".
func (g *guard) WithWidth(w int) huh.Field {
	if g.placeholder != "" {
		g.placeholderAt = fitPlaceholder(g.placeholder, placeholderRoom(w, g.dark))
		if in, ok := g.Field.(*huh.Input); ok {
			in.Placeholder(g.placeholderAt)
		}
	}
	g.Field, g.viewSet, g.width = g.Field.WithWidth(w), false, w
	return g
}

// fitPlaceholder is s whole, or cut after a whole word with "…", in room
// cells as huh's input draws it. bubbles v2.2.1's textinput pads a
// placeholder by slicing its runes by its width in cells, so each cell a
// wide rune (Hangul) takes beyond one brings a NUL along, which the
// field's frame counts as a cell when it wraps: the fit counts them too,
// or a Korean hint that fits in cells is wrapped onto a second line.
func fitPlaceholder(s string, room int) string {
	cost := func(p string) int { return 2*ansi.StringWidth(p) - utf8.RuneCountInString(p) }
	if cost(s) <= room {
		return s
	}
	for r := min(room, ansi.StringWidth(s)); r > 0; r-- {
		if p := CutAtWord(s, r, true, glyphs.Current().Ellipsis); cost(p) <= room {
			return p
		}
	}
	return glyphs.Current().Ellipsis
}

// placeholderRoom is how many cells an input of width w has for its
// placeholder: less the field's frame, the "> " prompt, and the cell huh
// keeps for the cursor after the text.
func placeholderRoom(w int, dark bool) int {
	st := Theme(dark).Theme(dark).Focused
	return max(w-st.Base.GetHorizontalFrameSize()-lipgloss.Width("> ")-1, 1)
}
func (g *guard) WithHeight(h int) huh.Field {
	g.Field, g.viewSet = g.Field.WithHeight(h), false
	return g
}

// WithPosition keeps the cached view when the position is the same: huh
// sets every field's position again after each key press.
func (g *guard) WithPosition(p huh.FieldPosition) huh.Field {
	if g.posSet && p == g.pos {
		return g
	}
	g.Field, g.viewSet = g.Field.WithPosition(p), false
	g.pos, g.posSet = p, true
	return g
}

var (
	prevFieldMsg = huh.PrevField()
	nextFieldMsg = huh.NextField()
)

func isPrevField(msg tea.Msg) bool { return msg == prevFieldMsg }
func isNextField(msg tea.Msg) bool { return msg == nextFieldMsg }

// isRefresh reports whether msg is huh's own "refresh your bindings" message,
// which a group sends to each of its fields on every message it handles. It
// changes nothing here: no field of this form has a title, description or
// option list computed by a function. It is recognised by its type's name,
// as huh does not export it; if huh renames it, the views are simply
// rendered every time, as before.
func isRefresh(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.Name() == "updateFieldMsg" && t.PkgPath() == huhPkgPath
}

var huhPkgPath = reflect.TypeFor[huh.Option[string]]().PkgPath()
