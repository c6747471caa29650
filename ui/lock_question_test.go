package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The lock question is a screen of its own, drawn like the wizard: where
// this run sends, who holds the draft, three choices with their keys, and a
// footer that names what the keys do (no "submit", no filter).
func TestLockQuestionScreen(t *testing.T) {
	l := newLockModel(LockQuestion{Target: Target{URL: "http://127.0.0.1:8080", Profile: "acme", MaskedKey: "abcd••••", KeySource: "keyring"},
		Profile: "acme", Holder: "process 4242"})
	l.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	scr := ansi.Strip(l.View().Content)
	for _, want := range []string{"LOCAL", "profile acme", "abcd••••", "open in another argos-migrate (process 4242)",
		"› r  Open it read-only", "s  Start a separate draft", "q  Quit", "enter choose", "q quit"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the lock question lacks %q:\n%s", want, scr)
		}
	}
	for _, no := range []string{"submit", "filter"} {
		if strings.Contains(scr, no) {
			t.Errorf("the lock question says %q:\n%s", no, scr)
		}
	}
	for i, line := range strings.Split(scr, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line %d is %d cells wide", i, ansi.StringWidth(line))
		}
	}
}

func TestLockQuestionAnswers(t *testing.T) {
	for keys, want := range map[string]LockChoice{
		"s": LockSeparate, "r": LockReadOnly, "q": LockQuit, "\x1b[B\r": LockSeparate, "\r": LockReadOnly, "\x03": LockQuit,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		var out bytes.Buffer
		got, err := AskLock(ctx, LockQuestion{In: strings.NewReader(keys), Out: &out, Profile: "default",
			ProgramOptions: []tea.ProgramOption{tea.WithWindowSize(80, 24)}})
		cancel()
		if err != nil || got != want {
			t.Errorf("keys %q: choice %v (err %v), want %v", keys, got, err, want)
		}
	}
}
