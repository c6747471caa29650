package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/keyring"
)

// sentenceShown checks that msg is on the flattened screen whole, or cut
// after a whole word with the ellipsis standing apart, or not at all: never
// a sentence that stops without a mark.
func sentenceShown(tb testing.TB, flat, msg, when string) {
	tb.Helper()
	words := strings.Fields(msg)
	n := 0
	for n < len(words) && strings.Contains(flat, strings.Join(words[:n+1], " ")) {
		n++
	}
	if n < 2 || n == len(words) {
		return // absent, or whole
	}
	if !strings.Contains(flat, strings.Join(words[:n], " ")+" …") {
		tb.Errorf("%s: %q is cut after %q without a mark:\n%s", when, msg, strings.Join(words[:n], " "), flat)
	}
}

// Every state of the key screen fits every window from the smallest the
// wizard lays out in, in both languages: the input or the choices the
// footer's keys act on are on screen, no line is wider than the window, no
// word is cut in two, and a sentence that gives way ends with "…".
func TestKeyScreenFitsEverySize(t *testing.T) {
	type state struct {
		name  string
		set   func(m *model)
		needs func() []string // text that must be on screen
		prose func() []string // sentences that may give way, but only with a mark
	}
	refused := func() string {
		f := apiclient.Classify(fmt.Errorf("%w", apiclient.ErrKeyRefused), apiclient.Submission{})
		return i18n.T("wizard.key.refused", f.Title, apiclient.LowerFirst(f.Explain))
	}
	choices := func(store bool) func() []string {
		return func() []string {
			out := []string{i18n.T("wizard.key.keep"), i18n.T("wizard.key.session")}
			if store {
				out = append(out, strings.Fields(i18n.T("wizard.key.store", "acme", "x"))[0])
			}
			return out
		}
	}
	states := []state{
		{"typing", func(m *model) {}, func() []string { return []string{i18n.T("wizard.key.prompt")} },
			func() []string { return []string{i18n.T("wizard.key.never_shown")} }},
		{"refused, no keyring", func(m *model) {
			m.key.keyringErr = keyring.ErrNoKeyring
			m.key.problem = refused()
		}, func() []string { return []string{i18n.T("wizard.key.prompt")} },
			func() []string {
				return []string{i18n.T("wizard.key.session_only"), refused(), i18n.T("wizard.key.never_shown")}
			}},
		{"accepted, no keyring", func(m *model) {
			m.key.keyringErr = keyring.ErrNoKeyring
			m.key.phase, m.key.choice = keyChoosing, choiceSession
		}, choices(false), func() []string { return []string{i18n.T("wizard.key.no_keyring_help")} }},
		{"not stored, no keyring", func(m *model) {
			m.key.keyringErr = keyring.ErrNoKeyring
			m.key.phase, m.key.choice = keyChoosing, choiceSession
			m.key.problem = i18n.T("wizard.key.not_stored_no_keyring")
		}, choices(false), func() []string {
			return []string{i18n.T("wizard.key.no_keyring_help"), i18n.T("wizard.key.not_stored_no_keyring")}
		}},
		{"unchecked, url changes, environment", func(m *model) {
			m.key.phase, m.key.choice = keyChoosing, choiceStore
			m.key.unchecked = "the API did not answer: connection refused"
			m.deps.Keys.ProfileURL = "https://api.example-long-hostname.argosidentity.com/v3"
			m.target.KeySource = KeySourceEnvironment
		}, choices(true), func() []string {
			return []string{i18n.T("wizard.key.env_set"), i18n.T("wizard.key.unchecked", "the API did not answer: connection refused")}
		}},
		{"locked", func(m *model) {
			m.key.keyringErr = keyring.ErrLocked
			m.key.phase, m.key.choice = keyChoosing, choiceStore
			m.key.problem = i18n.T("wizard.key.not_stored_locked", keyring.Summary(keyring.ErrLocked))
		}, choices(true), func() []string { return nil }},
		{"replacing", func(m *model) {
			m.key.replacing = true
			m.key.problem = refused()
		}, func() []string { return []string{i18n.T("wizard.key.prompt")} }, func() []string { return []string{refused()} }},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		for _, size := range [][2]int{{MinWidth, MinHeight}, {70, 22}, {80, 24}, {100, 30}} {
			for _, st := range states {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", lang, size[0], size[1], st.name), func(t *testing.T) {
					i18ntest.Use(t, lang)
					m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, NeedKey: true,
						Target: Target{URL: "http://127.0.0.1:48123", Profile: "acme"},
						Keys: KeyFuncs{
							Check:         func(context.Context, string) error { return nil },
							Store:         func(context.Context, string) (Target, error) { return Target{}, nil },
							UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil },
						}})
					m.Init()
					send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					if m.screen != screenKey {
						t.Fatalf("the wizard opened on screen %v, not the key screen", m.screen)
					}
					st.set(m)
					scr := ansi.Strip(m.render())
					lines := strings.Split(scr, "\n")
					if len(lines) > size[1] {
						t.Errorf("%d lines in a window of %d", len(lines), size[1])
					}
					var flat []string
					for _, l := range lines {
						if w := ansi.StringWidth(l); w > size[0] {
							t.Errorf("a line of %d cells in a window of %d: %q", w, size[0], l)
						}
						if cutWord(l) {
							t.Errorf("a word cut in two: %q", l)
						}
						flat = append(flat, strings.TrimSpace(l))
					}
					all := strings.Join(strings.Fields(strings.Join(flat, " ")), " ")
					for _, want := range st.needs() {
						if !strings.Contains(all, want) {
							t.Errorf("%q is not on screen:\n%s", want, scr)
						}
					}
					for _, p := range st.prose() {
						sentenceShown(t, all, p, st.name)
					}
					if t.Failed() {
						t.Logf("screen:\n%s", scr)
					}
				})
			}
		}
	}
}
