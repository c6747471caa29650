package ui

import (
	"context"
	"reflect"
	"runtime"
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
		// update, not Update: Update wraps every command in the crash guard,
		// which hides which of them are timers; runCmd guards them itself.
		_, cmd := m.update(msg)
		cmds = append(cmds, cmd)
	}
	var queue []tea.Msg
	for _, c := range cmds {
		queue = append(queue, runCmd(tb, c)...)
	}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			tb.Fatal("send: too many messages; a command loops")
		}
		if _, ok := queue[0].(tea.QuitMsg); ok {
			return // the program would end here
		}
		if c, ok := queue[0].(crashMsg); ok {
			m.Update(c) // a command panicked: the program ends here
			return
		}
		_, cmd := m.update(queue[0])
		queue = append(queue[1:], runCmd(tb, cmd)...)
	}
}

// runCmd runs cmd and flattens batches and sequences into their messages.
// The known timers (a cursor blink, a spinner's or the wizard's tea.Tick)
// are dropped without being run: these tests do not wait for time to pass.
// Any other command runs to its end, however loaded the machine; one still
// running after cmdDeadline fails the test rather than being taken for a
// timer.
func runCmd(tb testing.TB, cmd tea.Cmd) []tea.Msg {
	tb.Helper()
	if cmd == nil || isTimer(cmd) {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() {
		defer func() {
			if recover() != nil {
				done <- crashMsg{NewCrash()} // as the crash guard does
			}
		}()
		done <- cmd()
	}()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(cmdDeadline):
		tb.Fatalf("the command %s still runs after %v; if it is a timer, add it to timerCmds", cmdName(cmd), cmdDeadline)
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, runCmd(tb, v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// cmdDeadline bounds a command that is not a timer: long enough for a
// loaded 2-core CI machine.
const cmdDeadline = 10 * time.Second

// timerCmds are the function names (prefixes) of the commands that only wait
// for time to pass.
var timerCmds = []string{
	"charm.land/bubbles/v2/cursor.(*Model).Blink.", // the cursor blink
	"charm.land/bubbletea/v2.Tick.",                // spinner ticks, moveOverdue
	"charm.land/bubbletea/v2.Every.",
}

func isTimer(cmd tea.Cmd) bool {
	name := cmdName(cmd)
	for _, p := range timerCmds {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// cmdName is the name of the function cmd is, e.g. "charm.land/bubbletea/v2.Tick.func1".
func cmdName(cmd tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
}

// The footer shows whole bindings only: one that does not fit is dropped,
// never cut to a dangling "•" or half a word.
func TestFooterDropsWholeBindings(t *testing.T) {
	for _, w := range []int{MinWidth, 70, 80, 90, 100} {
		m := newFormModel(t, apitest.Sample(), w, 24)
		for _, p := range apiclient.Pages {
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

// typed turns text into the key presses a terminal sends for it.
func typed(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return msgs
}

// Keys typed straight after enter, before huh's focus move has come back
// as a message, belong to the next field (an agent pasting a record from a
// ticket types faster than that).
func TestTypingAheadOfFocusMoves(t *testing.T) {
	m := newFormModel(t, apiclient.Submission{}, 100, 30)
	enter := keyMsg("enter")
	var msgs []tea.Msg
	add := func(ms ...tea.Msg) { msgs = append(msgs, ms...) }
	add(typed("ops@example.com")...)
	add(enter) // the last field of its page: two moves, field then page
	add(typed("Hong Gildong")...)
	add(enter)
	add(typed("bad-email")...)
	add(enter) // refused: focus stays on the email
	add(keyMsg("ctrl+u"))
	add(typed("hong@example.com")...)
	add(enter)
	add(typed("20021108")...)
	add(enter, keyMsg("down"), enter) // gender: the first value
	add(typed("KOR")...)
	add(enter)
	add(typed("user-1")...)
	add(enter) // on to the document page
	add(keyMsg("down"), enter)
	add(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, enter) // back to the ID type and on again
	add(typed("KOR")...)
	add(enter)
	add(typed("M1234")...)
	add(enter)
	send(t, m, msgs...)

	want := apiclient.Submission{Admin: "ops@example.com", FullName: "Hong Gildong", Email: "hong@example.com",
		BirthDate: "2002-11-08", Gender: apiclient.EnumOptions(apiclient.FieldGender)[0].Value,
		Nationality: "KOR", UserID: "user-1", IDType: apiclient.EnumOptions(apiclient.FieldIDType)[0].Value,
		IssuingCountry: "KOR", DocumentNumber: "M1234"}
	if *m.sub != want {
		t.Errorf("record after typing ahead:\n got %+v\nwant %+v", *m.sub, want)
	}
	if m.form == nil {
		t.Fatalf("the form is gone: screen %v", m.screen)
	}
	if got := m.form.GetFocusedField().GetKey(); got != apiclient.FieldIdentityNumber {
		t.Errorf("focus on %q, want the identity number", got)
	}
}

// Should huh's move never come, held keys are not held for ever: they go to
// the field that has the focus.
func TestHeldKeysReleasedWhenTheMoveIsOverdue(t *testing.T) {
	m := newFormModel(t, apiclient.Submission{}, 100, 30)
	for _, msg := range append(typed("ops@example.com"), keyMsg("enter")) {
		m.Update(msg)
	}
	// The "next field" message is lost: the commands are never run.
	for _, msg := range typed("xy") {
		m.Update(msg)
	}
	if m.sub.Admin != "ops@example.com" {
		t.Fatalf("keys typed during the move reached the old field at once: %q", m.sub.Admin)
	}
	m.Update(moveOverdueMsg{gen: m.ahead.gen - 1}) // an older wait changes nothing
	if m.sub.Admin != "ops@example.com" {
		t.Fatalf("a stale timeout released the keys: %q", m.sub.Admin)
	}
	m.Update(moveOverdueMsg{gen: m.ahead.gen})
	if m.sub.Admin != "ops@example.comxy" || len(m.ahead.held) != 0 {
		t.Fatalf("admin %q, %d keys still held: the overdue wait did not release them", m.sub.Admin, len(m.ahead.held))
	}
}

// Keys typed ahead past the form's last field are not taken as answers to a
// review the agent has not seen yet: s there would submit.
func TestTypeaheadNeverActsOnTheReview(t *testing.T) {
	m := newFormModel(t, apitest.Sample(), 100, 30)
	m.editAt(apiclient.FieldKYCStatus)
	send(t, m, keyMsg("enter"), keyMsg("s"))
	if m.screen != screenReview {
		t.Fatalf("enter then s typed ahead on the last field ended on screen %v, want the review", m.screen)
	}
	if len(m.ahead.held) != 0 {
		t.Fatalf("%d keys still held on the review", len(m.ahead.held))
	}
	send(t, m, keyMsg("s")) // pressed once the review is on screen, it does submit
	if m.screen == screenReview {
		t.Fatal("s pressed on the review did nothing")
	}
}

// send and runCmd are what the form tests stand on: a slow command (a loaded
// CI machine) is waited for, and only a known timer is dropped, at once.
func TestRunCmdWaitsForSlowCommandsAndDropsTimers(t *testing.T) {
	type slowMsg struct{}
	slow := func() tea.Msg { time.Sleep(60 * time.Millisecond); return slowMsg{} }
	if got := runCmd(t, tea.Batch(slow, tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil }))); len(got) != 1 || got[0] != (slowMsg{}) {
		t.Fatalf("runCmd = %v, want the slow command's message and the timer dropped", got)
	}
}
