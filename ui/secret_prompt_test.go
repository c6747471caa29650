package ui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The secret prompt masks with •, as every screen does, refuses with the
// reason, and hands back the answer trimmed; esc cancels.
func TestAskSecret(t *testing.T) {
	validate := func(s string) error {
		if len(s) < 4 {
			return errors.New("too short to be a key")
		}
		return nil
	}
	s := &secretModel{p: SecretPrompt{Title: "API key", Validate: validate}, st: newStyles(true), width: 80}
	s.in = newSecretInput()
	s.Init()
	for _, r := range "ab" {
		s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	scr := ansi.Strip(s.View().Content)
	if !strings.Contains(scr, "> ••") || strings.Contains(scr, "ab") || strings.Contains(scr, "*") || !strings.Contains(scr, "✗ Too short to be a key") {
		t.Fatalf("prompt after a refused answer:\n%s", scr)
	}

	for keys, want := range map[string]string{"sk-test-1234\r": "sk-test-1234", "  sk-1234  \r": "sk-1234", "\x1b": ""} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		got, err := AskSecret(ctx, SecretPrompt{In: strings.NewReader(keys), Out: &bytes.Buffer{}, Title: "API key", Validate: validate,
			ProgramOptions: []tea.ProgramOption{tea.WithWindowSize(80, 24)}})
		cancel()
		if want == "" {
			if !errors.Is(err, ErrPromptCancelled) {
				t.Errorf("keys %q: %q, %v; want cancelled", keys, got, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("keys %q: %q, %v; want %q", keys, got, err, want)
		}
	}
}
