package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient/batch"
)

// fakeControl records the calls the screen makes.
type fakeControl struct {
	mu    sync.Mutex
	calls []string
}

func (c *fakeControl) TogglePause() { c.record("pause") }
func (c *fakeControl) Stop()        { c.record("stop") }
func (c *fakeControl) Abort()       { c.record("abort") }
func (c *fakeControl) record(s string) {
	c.mu.Lock()
	c.calls = append(c.calls, s)
	c.mu.Unlock()
}

func newTestBatch(ctl *fakeControl) *batchModel {
	m := newBatchModel(BatchDeps{File: "/data/export.csv", Concurrency: 4, Rate: 10, Control: ctl, Now: fixedNow,
		Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme", MaskedKey: "acme••••"}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m
}

func view(m *batchModel) string { return ansi.Strip(m.View().Content) }

// run runs a command as Bubble Tea would, returning its message.
func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestBatchScreenWhileSending(t *testing.T) {
	ctl := &fakeControl{}
	m := newTestBatch(ctl)
	start := fixedNow()
	counts := batch.Counts{ToSend: 200, Created: 40, Rejected: 2, Unknown: 1, Earlier: 100, Invalid: 3, Started: start}
	for i, at := range []time.Duration{0, 2 * time.Second, 4 * time.Second} {
		c := counts
		c.Created += 20 * i
		m.Update(batchEventMsg(batch.Event{Kind: batch.EventRow, At: start.Add(at), Counts: c, Rate: 10,
			Row: &batch.RowResult{Row: 7, Email: "kim@example.com", Status: batch.StatusRejected, Error: "The admin account was refused\x1b[31m"}}))
		m.Update(batchTickMsg(start.Add(at)))
	}
	scr := view(m)
	for _, want := range []string{"LIVE", "rest-api.argosidentity.com", "profile acme · key acme••••", "Sending export.csv · 4 at a time · at most 10 a second",
		"83 of 200", "✓ created        80", "✗ rejected        2", "100 created in an earlier run (skipped)", "! invalid         3",
		"10.0 records/s · about 12s left", "row 7  kim@example.com  The admin account was refused", "p pause • q stop"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	if strings.Contains(m.View().Content, "\x1b[31m") {
		t.Error("a refusal's escape sequence reached the screen")
	}

	// The server asks to wait: said on the screen.
	m.Update(batchEventMsg(batch.Event{Kind: batch.EventWait, At: start.Add(4 * time.Second), Wait: 3 * time.Second, Counts: counts, Rate: 7}))
	if scr := view(m); !strings.Contains(scr, "the server asked to wait 3s") || !strings.Contains(scr, "at most 7 a second (slowed from 10: the server asked)") {
		t.Errorf("after a 429:\n%s", scr)
	}

	// p pauses through the control, in a command; p again resumes.
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'p', Text: "p"})
	run(cmd)
	if !strings.Contains(view(m), "Paused: the requests in flight finish") {
		t.Errorf("after p:\n%s", view(m))
	}
	m.Update(batchEventMsg(batch.Event{Kind: batch.EventResumed, Counts: counts}))
	// q stops; a second ctrl+c abandons; nothing quits before the run ends.
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	run(cmd)
	if !strings.Contains(view(m), "Stopping: the requests in flight finish") {
		t.Errorf("after q:\n%s", view(m))
	}
	// The stop settles the rows it did not reach as pending: the bar
	// stays with the outcomes beside it (83 of 200, 41%), no leap.
	stopped := counts
	stopped.Created, stopped.Pending = 80, 60
	m.Update(batchEventMsg(batch.Event{Kind: batch.EventRow, At: start.Add(5 * time.Second), Counts: stopped, Rate: 10,
		Row: &batch.RowResult{Row: 9, Email: "lee@example.com", Status: batch.StatusPending}}))
	if scr := view(m); !strings.Contains(scr, " 41%  83 of 200") || !strings.Contains(scr, "✓ created        80") {
		t.Errorf("after the stop settled the rest as pending:\n%s", scr)
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	run(cmd)
	if !strings.Contains(view(m), "Abandoning the requests in flight") {
		t.Errorf("after ctrl+c:\n%s", view(m))
	}
	if got := strings.Join(ctl.calls, ","); got != "pause,stop,abort" {
		t.Errorf("control calls %s", got)
	}
}

func TestBatchScreenFinished(t *testing.T) {
	m := newTestBatch(&fakeControl{})
	final := BatchFinal{
		Result:  batch.Result{Counts: batch.Counts{ToSend: 3, Created: 1, Rejected: 2}, Took: 2 * time.Second},
		Totals:  batch.Totals{Rows: 4, Created: 1, Rejected: 2, Invalid: 1},
		Results: "export.results.csv", Rejects: "export.rejects.csv", Journal: "/state/imports/x",
		Refused: []BatchRefusal{
			{Row: 2, Email: "a@example.com", Status: batch.StatusRejected, Text: "The admin account was refused"},
			{Row: 3, Email: "b@example.com", Status: batch.StatusInvalid, Text: "birthDate: is not a real date"},
			{Row: 4, Email: "c@example.com", Status: batch.StatusRejected, Text: "The server refused a value"},
		},
	}
	_, cmd := m.Update(batchFinishedMsg(final))
	if cmd != nil {
		t.Fatal("the finished screen with refused rows left at once")
	}
	scr := view(m)
	for _, want := range []string{"Done in 2s · 3 sent", "! invalid         1  not sent, see the rejects file", "Results: export.results.csv", "Rejects: export.rejects.csv",
		"› row 2  a@example.com", "f fix it in the wizard"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	if !strings.Contains(view(m), "› row 4") {
		t.Errorf("after two ↓:\n%s", view(m))
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'f', Text: "f"})
	if _, ok := run(cmd).(tea.QuitMsg); !ok || m.fixRow != 4 {
		t.Errorf("f: fix row %d, quit %v", m.fixRow, cmd != nil)
	}

	// Nothing to pick, or a stop: the screen leaves as soon as it is done.
	for _, f := range []BatchFinal{{Totals: batch.Totals{Created: 3}}, {Result: batch.Result{Stopped: batch.StopOperator}, Refused: final.Refused}} {
		m := newTestBatch(&fakeControl{})
		_, cmd := m.Update(batchFinishedMsg(f))
		if _, ok := run(cmd).(tea.QuitMsg); !ok {
			t.Errorf("%+v: the screen stays", f.Result)
		}
	}
}
