package forms

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// MoveWatch knows when a form built by New has a focus move on its way.
//
// huh moves the focus in two hops, each a message: a field answers enter
// with a command that sends "next field", and the group answers that, on
// the last field of a page, with a command that sends "next page". Key
// presses the terminal delivers in between still go to the old field, so a
// record typed or pasted quickly ended up partly in the wrong field. The
// host holds key presses while Waiting and hands them on once it is not.
type MoveWatch struct {
	waiting bool
}

// Waiting reports whether a focus move is on its way.
func (w *MoveWatch) Waiting() bool { return w.waiting }

// Reset forgets a move on its way: the form it belonged to is gone.
func (w *MoveWatch) Reset() { w.waiting = false }

// Observe updates w after f handled msg; before is the wire key of the field
// that had the focus before msg.
func (w *MoveWatch) Observe(f *huh.Form, msg tea.Msg, before string) {
	switch {
	case isInput(msg):
		w.waiting = takeMoveAsked(f)
	case isNextField(msg), isPrevField(msg):
		// Off the first or last field of its page the focus stays where it
		// was, and the move goes on as a page move, one more message away.
		w.waiting = f.State == huh.StateNormal && focusedKey(f) == before
	case isPageMove(msg):
		// Done: the page changed, the form completed, or huh refused to
		// leave a page with an error on it.
		w.waiting = false
	}
}

// FocusedKey is the wire key of the field of f that has the focus, or "".
func FocusedKey(f *huh.Form) string { return focusedKey(f) }

func focusedKey(f *huh.Form) string {
	if f == nil || f.GetFocusedField() == nil {
		return ""
	}
	return f.GetFocusedField().GetKey()
}

func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		return true
	}
	return false
}

// takeMoveAsked reports whether the last key press made the focused field
// of f ask huh to move the focus, and forgets it.
func takeMoveAsked(f *huh.Form) bool {
	g, ok := f.GetFocusedField().(*guard)
	if !ok {
		return false
	}
	asked := g.nav.moveAsked
	g.nav.moveAsked = false
	return asked
}

// isMoveCmd reports whether cmd is huh's "next field" or "previous field"
// command, which every field of this form returns, alone, to move on.
func isMoveCmd(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	p := reflect.ValueOf(cmd).Pointer()
	return p == nextFieldCmd || p == prevFieldCmd
}

var (
	nextFieldCmd = reflect.ValueOf(tea.Cmd(huh.NextField)).Pointer()
	prevFieldCmd = reflect.ValueOf(tea.Cmd(huh.PrevField)).Pointer()
)

// isPageMove reports whether msg is huh's own "next page" or "previous
// page" message. huh does not export them; they are recognised by their
// type's name, as isRefresh does.
func isPageMove(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.PkgPath() == huhPkgPath && (t.Name() == "nextGroupMsg" || t.Name() == "prevGroupMsg")
}
