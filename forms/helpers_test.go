package forms

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// fixedNow is the test's today: far enough from any date the tests type.
func fixedNow() time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC) }

// press builds the key press a terminal would deliver for s: a named key
// ("enter", "shift+tab", "up") or one printable character.
func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "/":
		return tea.KeyPressMsg{Code: '/', Text: "/"}
	}
	r := []rune(s)
	if len(r) != 1 {
		panic("press: unknown key " + s)
	}
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// drive runs msg through the model and then every command it produces, as
// the Bubble Tea runtime would, until nothing is left. Commands that would
// wait (cursor blink ticks) are skipped.
func drive[M interface {
	Update(tea.Msg) (huh.Model, tea.Cmd)
}](tb testing.TB, m M, msg tea.Msg) {
	tb.Helper()
	queue := []tea.Msg{msg}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 500 {
			tb.Fatal("drive: too many messages; a command loops")
		}
		next := queue[0]
		queue = queue[1:]
		_, cmd := m.Update(next)
		queue = append(queue, run(tb, cmd)...)
	}
}

// run executes cmd and flattens batches and sequences into messages. The
// known timers (a cursor blink, a tea.Tick) are dropped without being run:
// the tests do not wait for time to pass. Any other command runs to its end,
// however loaded the machine; one still running after cmdDeadline fails the
// test rather than being taken for a timer.
func run(tb testing.TB, cmd tea.Cmd) []tea.Msg {
	tb.Helper()
	if cmd == nil || isTimer(cmd) {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(cmdDeadline):
		tb.Fatalf("the command %s still runs after %v; if it is a timer, add it to timerCmds", cmdName(cmd), cmdDeadline)
	}
	if msg == nil {
		return nil
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, run(tb, v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// firstMsg runs cmd and returns its first message; the test fails when it
// brings none.
func firstMsg(tb testing.TB, cmd tea.Cmd) tea.Msg {
	tb.Helper()
	msgs := run(tb, cmd)
	if len(msgs) == 0 {
		tb.Fatalf("the command %s brought no message (it is nil, or only timers)", cmdName(cmd))
	}
	return msgs[0]
}

// cmdDeadline bounds a command that is not a timer: long enough for a
// loaded 2-core CI machine.
const cmdDeadline = 10 * time.Second

// timerCmds are the function names (prefixes) of the commands that only wait
// for time to pass.
var timerCmds = []string{
	"charm.land/bubbles/v2/cursor.(*Model).Blink.", // the cursor blink
	"charm.land/bubbletea/v2.Tick.",
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
	if cmd == nil {
		return "<nil>"
	}
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// typeKeys feeds each key in turn.
func typeKeys[M interface {
	Update(tea.Msg) (huh.Model, tea.Cmd)
}](tb testing.TB, m M, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		drive(tb, m, press(k))
	}
}

// typeText feeds each character of s as a key press.
func typeText[M interface {
	Update(tea.Msg) (huh.Model, tea.Cmd)
}](tb testing.TB, m M, s string) {
	tb.Helper()
	for _, r := range s {
		drive(tb, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is v without colours and with trailing spaces trimmed per line.
func screen(v string) string {
	lines := strings.Split(ansi.Strip(v), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// formHarness lets the generic helpers drive a *huh.Form.
type formHarness struct{ f *huh.Form }

func (h *formHarness) Update(msg tea.Msg) (huh.Model, tea.Cmd) { return h.f.Update(msg) }

func (h *formHarness) focused() string { return h.f.GetFocusedField().GetKey() }

var (
	ctrlU     = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	huhMiddle = huh.FieldPosition{Group: 1, Field: 1, FirstField: 0, LastField: 3, GroupCount: 3, FirstGroup: 0, LastGroup: 2}
)

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// The helper is what the other tests stand on: a slow command (a loaded CI
// machine) is waited for, and only a known timer is dropped, at once.
func TestRunWaitsForSlowCommandsAndDropsTimers(t *testing.T) {
	type slowMsg struct{}
	slow := func() tea.Msg { time.Sleep(60 * time.Millisecond); return slowMsg{} }
	if got := run(t, tea.Batch(slow, tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil }))); len(got) != 1 || got[0] != (slowMsg{}) {
		t.Fatalf("run = %v, want the slow command's message and the timer dropped", got)
	}
}
