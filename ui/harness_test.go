package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// fixedNow is the clock of every test: the sample record's dates are valid
// on it.
func fixedNow() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }

// harness runs the wizard under teatest and replays its output into a
// virtual terminal, because teatest's output only carries changed cells.
type harness struct {
	tb   testing.TB
	tm   *teatest.TestModel
	mu   sync.Mutex
	term *vt.Emulator
	raw  []byte // every byte the program wrote, as screen read it
}

func startWizard(tb testing.TB, d Deps, width, height int) *harness {
	tb.Helper()
	if d.Now == nil {
		d.Now = fixedNow
	}
	if d.Target.URL == "" {
		d.Target = Target{URL: "http://127.0.0.1:1", Sandbox: true, MaskedKey: "sand••••", KeySource: "sandbox"}
	}
	m := newModel(context.Background(), d)
	h := &harness{tb: tb, term: vt.NewEmulator(width, height)}
	// The emulator answers terminal queries on its input pipe; nobody
	// reads them in a test, so drain them or its writes would block. The
	// drain ends on one byte sent after stop is set (Close would race with
	// Read inside vt).
	var stop atomic.Bool
	go func() {
		buf := make([]byte, 256)
		for {
			if _, err := h.term.Read(buf); err != nil || stop.Load() {
				return
			}
		}
	}()
	tb.Cleanup(func() {
		stop.Store(true)
		_, _ = h.term.InputPipe().Write([]byte{0})
	})
	h.tm = teatest.NewTestModel(tb, m, teatest.WithInitialTermSize(width, height))
	tb.Cleanup(func() { _ = h.tm.Quit() })
	return h
}

// screen is what a person would see now, without styles.
func (h *harness) screen() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	data, _ := io.ReadAll(h.tm.Output())
	h.raw = append(h.raw, data...)
	// A terminal's line discipline turns "\n" into "\r\n" (onlcr) on output
	// that is not in raw mode, which is the case for a non-tty output here.
	_, _ = h.term.Write(bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
	return h.term.String()
}

// output is every byte the program has written so far.
func (h *harness) output() []byte {
	h.screen()
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]byte(nil), h.raw...)
}

// waitFor polls the screen until every want is on it.
func (h *harness) waitFor(want ...string) string {
	h.tb.Helper()
	return termtest.WaitFor(h.tb, h.screen, want...)
}

// waitGone polls the screen until none of gone is on it.
func (h *harness) waitGone(gone ...string) string {
	h.tb.Helper()
	return termtest.WaitGone(h.tb, h.screen, gone...)
}

func (h *harness) typeText(s string) { h.tm.Type(s) }

func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.tm.Send(keyMsg(k))
	}
}

// keyMsg turns "enter", "ctrl+r", "esc", "down" or a single character into a
// key press.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// final waits for the program to end and returns its model.
func (h *harness) final() *model {
	h.tb.Helper()
	return h.tm.FinalModel(h.tb, teatest.WithFinalTimeout(5*time.Second)).(*model)
}

// submitTo is the real client's Submit against url with key.
func submitTo(tb testing.TB, url, key string, timeout time.Duration) SubmitFunc {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: key, Timeout: timeout})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Submit
}

// sandboxDeps wires the wizard to a fresh sandbox.
func sandboxDeps(tb testing.TB, initial apiclient.Submission) (Deps, *sandbox.Running) {
	sb := apitest.Sandbox(tb, sandbox.Options{Now: fixedNow})
	return Deps{
		Submit:  submitTo(tb, sb.URL, sandbox.Key, 5*time.Second),
		Initial: initial,
		Target:  Target{URL: sb.URL, Sandbox: true, MaskedKey: "sand••••", KeySource: "sandbox"},
	}, sb
}

// failSubmit stands in where a test must never reach the network.
func failSubmit(_ context.Context, _ apiclient.Submission) (string, error) {
	panic("submit called")
}
