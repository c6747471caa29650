package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/forms"
)

// newFormModel is a wizard of the given size on the form screen over rec,
// driven by direct Update calls.
func newFormModel(tb testing.TB, rec apiclient.Submission, width, height int) *model {
	tb.Helper()
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: rec})
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m.Init()
	if m.screen != screenForm || m.form == nil {
		tb.Fatalf("the wizard opened on screen %v, not the form", m.screen)
	}
	return m
}

// footer is the footer's key line without styles.
func footer(m *model) string {
	lines := strings.Split(ansi.Strip(m.viewFooter()), "\n")
	return lines[len(lines)-1]
}

// Enter on the last field opens the review, and the footer says so.
func TestFormFooterNamesTheReview(t *testing.T) {
	m := newFormModel(t, apitest.Sample(), 100, 30)
	for _, k := range []string{apiclient.FieldAdmin, apiclient.FieldEmail, apiclient.FieldGender, apiclient.FieldBirthDate} {
		m.editAt(k)
		if f := footer(m); strings.Contains(f, "enter review") || strings.Contains(f, "submit") {
			t.Fatalf("footer on %s, not the last field, = %q: enter does not open the review there", k, f)
		}
	}
	m.editAt(apiclient.FieldKYCStatus)
	f := footer(m)
	if strings.Contains(f, "submit") || !strings.Contains(f, "enter review") {
		t.Fatalf("footer on the last field = %q, want %q and no \"submit\"", f, "enter review")
	}
	send(t, m, keyMsg("enter"))
	if m.screen != screenReview {
		t.Fatalf("enter on the last field went to screen %v, not the review", m.screen)
	}
}

// send hands msgs to m one after another, as fast as a terminal delivers
// them, and only then runs the commands they produced and every message
// those bring back, until nothing is left.
func send(tb testing.TB, m *model, msgs ...tea.Msg) {
	tb.Helper()
	var cmds []tea.Cmd
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		cmds = append(cmds, cmd)
	}
	var queue []tea.Msg
	for _, c := range cmds {
		queue = append(queue, runCmd(c)...)
	}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			tb.Fatal("send: too many messages; a command loops")
		}
		_, cmd := m.Update(queue[0])
		queue = append(queue[1:], runCmd(cmd)...)
	}
}

// runCmd runs cmd and flattens batches and sequences into their messages.
// A command still running after a moment is a timer (a cursor blink) and is
// dropped: these tests do not wait for time to pass.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(20 * time.Millisecond):
		return nil
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, runCmd(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// The footer shows whole bindings only: one that does not fit is dropped,
// never cut to a dangling "•" or half a word.
func TestFooterDropsWholeBindings(t *testing.T) {
	for _, w := range []int{MinWidth, 70, 80, 90, 100} {
		m := newFormModel(t, apitest.Sample(), w, 24)
		for _, p := range forms.Pages {
			for _, k := range p.Keys {
				forms.Focus(m.form, k)
				checkFooter(t, m, k)
			}
		}
		m.setScreen(screenReview)
		checkFooter(t, m, "review")
	}
}

func checkFooter(t *testing.T, m *model, where string) {
	t.Helper()
	f := footer(m)
	if lw := ansi.StringWidth(f); lw > m.contentWidth() {
		t.Errorf("%d columns, %s: footer is %d cells wide, room for %d: %q", m.width, where, lw, m.contentWidth(), f)
	}
	whole := map[string]bool{"…": true}
	for _, b := range m.bindings() {
		whole[b.Help().Key+" "+b.Help().Desc] = true
	}
	for _, item := range strings.Split(f, " • ") {
		if !whole[strings.TrimSuffix(item, " …")] {
			t.Errorf("%d columns, %s: footer item %q is not a whole binding: %q", m.width, where, item, f)
		}
	}
}
