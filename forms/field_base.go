package forms

import (
	"io"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"argos-migrate/apiclient/i18n"
)

// fieldBase holds what this package's own huh fields (date, country) share:
// identity, title, validation, focus, size, theme and key map.
type fieldBase struct {
	key, title string
	validate   func(string) error
	err        error
	focused    bool
	width      int
	height     int
	styles     *huh.Styles
	keys       huh.InputKeyMap // Prev, Next and Submit, enabled by position
	dark       bool
}

func newFieldBase(key, title string, validate func(string) error, dark bool) fieldBase {
	return fieldBase{
		key: key, title: title, validate: validate, dark: dark,
		styles: Theme(dark).Theme(dark),
		keys:   defaultInputKeys(),
	}
}

// defaultInputKeys are the form's keys of an input, built once per
// language, on first use (not at start-up: submit never builds a form): a
// whole key map is some 60 bindings, and every field of the form needs
// only these. Each field gets a copy (key.Binding is a value; enabling or
// disabling one changes that copy only).
func defaultInputKeys() huh.InputKeyMap {
	l := i18n.Language()
	if k, ok := inputKeys.Load(l); ok {
		return k.(huh.InputKeyMap)
	}
	k, _ := inputKeys.LoadOrStore(l, newKeyMap().Input)
	return k.(huh.InputKeyMap)
}

var inputKeys sync.Map // i18n.Lang → huh.InputKeyMap

// fieldStyles are the styles for the field's focus state.
func (b *fieldBase) fieldStyles() *huh.FieldStyles {
	if b.focused {
		return &b.styles.Focused
	}
	return &b.styles.Blurred
}

// frame renders body with the title line, the way huh's own fields look.
func (b *fieldBase) frame(body string) string {
	st := b.fieldStyles()
	var sb strings.Builder
	sb.WriteString(st.Title.Render(b.title))
	if b.err != nil {
		sb.WriteString(st.ErrorIndicator.String())
	}
	sb.WriteString("\n")
	sb.WriteString(body)
	base := st.Base
	if b.width > 0 {
		base = base.Width(b.width)
	}
	return base.Render(sb.String())
}

// innerWidth is the width left for content inside the field's frame.
func (b *fieldBase) innerWidth() int {
	w := b.width
	if w <= 0 {
		w = 80
	}
	return max(10, w-b.fieldStyles().Base.GetHorizontalFrameSize())
}

func (b *fieldBase) hint(s string) string {
	return b.fieldStyles().Description.Render(s)
}

func (b *fieldBase) errLine(s string) string {
	return b.fieldStyles().ErrorMessage.UnsetString().Render(s)
}

// The huh.Field methods that need no knowledge of the concrete field.

func (b *fieldBase) Error() error         { return b.err }
func (b *fieldBase) Skip() bool           { return false }
func (b *fieldBase) Zoom() bool           { return false }
func (b *fieldBase) GetKey() string       { return b.key }
func (b *fieldBase) setTheme(t huh.Theme) { b.styles = t.Theme(b.dark) }
func (b *fieldBase) setKeyMap(k *huh.KeyMap) {
	prev, next, submit := b.keys.Prev.Enabled(), b.keys.Next.Enabled(), b.keys.Submit.Enabled()
	b.keys = k.Input
	b.keys.Prev.SetEnabled(prev)
	b.keys.Next.SetEnabled(next)
	b.keys.Submit.SetEnabled(submit)
}
func (b *fieldBase) setPosition(p huh.FieldPosition) {
	b.keys.Prev.SetEnabled(!p.IsFirst())
	b.keys.Next.SetEnabled(!p.IsLast())
	b.keys.Submit.SetEnabled(p.IsLast())
}

func (b *fieldBase) navBinds() []key.Binding {
	return []key.Binding{b.keys.Prev, b.keys.Submit, b.keys.Next}
}

// errNoAccessible is what Run and RunAccessible of this package's fields
// return: the form is only ever run embedded in the wizard's program, and
// an accessible prompt must never keep a value the operator did not give.
var errNoAccessible error = noAccessibleError{}

type noAccessibleError struct{}

func (noAccessibleError) Error() string { return i18n.T("form.field.no_accessible") }

func runAccessible(io.Writer, io.Reader) error { return errNoAccessible }
