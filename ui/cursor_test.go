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
	"argos-migrate/apiclient/sandbox"
)

// cursorOf is where the wizard puts the terminal's cursor now, and the
// text of the frame's line before it; the test fails when it hides it.
func cursorOf(t *testing.T, m *model) (x, y int, before string) {
	t.Helper()
	v := m.View()
	if v.Cursor == nil {
		t.Fatalf("the cursor is hidden on %v:\n%s", m.screen, plainScreen(m))
	}
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	x, y = v.Cursor.X, v.Cursor.Y
	if y < 0 || y >= len(lines) {
		t.Fatalf("the cursor is on line %d of %d", y, len(lines))
	}
	return x, y, ansi.Truncate(lines[y], x, "")
}

// typeInto sends each character of s as a key press, as an input method
// delivers each syllable once composed.
func typeInto(t *testing.T, m *model, s string) {
	t.Helper()
	for _, r := range s {
		send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// An input method shows the syllable it composes at the terminal's cursor:
// on every field that takes text the wizard puts the cursor at the caret,
// after "홍길동" six cells (three syllables of two) past where it was.
func TestTheCursorIsAtTheFieldsCaret(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, size := range [][2]int{{80, 24}, {100, 30}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				i18ntest.Use(t, lang)
				m := goldenModel(t, Deps{Initial: apiclient.Submission{Admin: "admin@sample.com"}}, size[0], size[1])
				m.editAt(apiclient.FieldFullName)
				x0, y0, before := cursorOf(t, m)
				if !strings.HasSuffix(before, "┃ > ") {
					t.Fatalf("the cursor of the empty name is not after its prompt: %q", before)
				}
				typeInto(t, m, "홍길동")
				x, y, before := cursorOf(t, m)
				if x != x0+6 || y != y0 || !strings.HasSuffix(before, "┃ > 홍길동") {
					t.Fatalf("after 홍길동 the cursor is at %d,%d after %q; want %d,%d", x, y, before, x0+6, y0)
				}
				if !strings.Contains(before, apiclient.Label(apiclient.FieldFullName)) && y < 1 {
					t.Fatalf("the cursor is above the field")
				}
				send(t, m, keyMsg("enter"))
				typeInto(t, m, "gil@")
				if _, _, before = cursorOf(t, m); !strings.HasSuffix(before, "┃ > gil@") {
					t.Fatalf("on the next field the cursor comes after %q", before)
				}
				// The review takes no text: the cursor is hidden.
				send(t, m, keyMsg("ctrl+r"))
				if v := m.View(); v.Cursor != nil {
					t.Fatalf("the review shows the cursor at %v", v.Cursor.Position)
				}
			})
		}
	}
}

// The country picker's filter and a date take text too.
func TestTheCursorFollowsPickersAndDates(t *testing.T) {
	m := goldenModel(t, Deps{Initial: apiclient.Submission{Admin: "admin@sample.com"}}, 100, 30)
	m.editAt(apiclient.FieldNationality)
	typeInto(t, m, "대한")
	if _, _, before := cursorOf(t, m); !strings.HasSuffix(before, "/ 대한") {
		t.Fatalf("the country filter's cursor comes after %q", before)
	}
	m.editAt(apiclient.FieldBirthDate)
	typeInto(t, m, "2002")
	if _, _, before := cursorOf(t, m); !strings.HasSuffix(before, "2002") {
		t.Fatalf("the date's cursor comes after %q", before)
	}
}

// The key screen puts the cursor after the masks of what was typed, in
// both languages (its prompt is "Key:" or "키:").
func TestTheCursorIsAtTheKeysCaret(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			keys := KeyFuncs{Check: func(context.Context, string) error { return nil },
				UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil }}
			m := goldenModel(t, Deps{NeedKey: true, Keys: keys, Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme"}}, 80, 24)
			if m.screen != screenKey {
				t.Fatalf("screen %v, want the key screen", m.screen)
			}
			prompt := i18n.T("wizard.key.prompt") + " "
			x0, _, before := cursorOf(t, m)
			if !strings.HasSuffix(before, prompt) {
				t.Fatalf("the cursor of the empty key comes after %q", before)
			}
			typeInto(t, m, "sandbox-not-a-secret")
			x, _, before := cursorOf(t, m)
			if x != x0+20 || !strings.HasSuffix(before, prompt+strings.Repeat("•", 20)) {
				t.Fatalf("after a 20-character key the cursor is at %d after %q, want %d", x, before, x0+20)
			}
			if strings.Contains(plainScreen(m), "sandbox-not") {
				t.Fatal("the key is on the screen")
			}
		})
	}
}

// The image picker's filter: what is typed, Hangul too, shows on its line
// and the cursor follows it.
func TestTheCursorIsAtThePickersFilter(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	r := newImageRig(t, sandbox.Options{}, nil)
	r.file(t, "홍길동-selfie.png", 2_000)
	r.open(t, "enter")
	x0, y0, before := cursorOf(t, r.m)
	if !strings.HasSuffix(before, i18n.T("wizard_images.picker.filter")+" ") {
		t.Fatalf("the empty filter's cursor comes after %q", before)
	}
	typeInto(t, r.m, "홍길")
	x, y, before := cursorOf(t, r.m)
	if x != x0+4 || y != y0 || !strings.HasSuffix(before, "홍길") {
		t.Fatalf("after 홍길 the cursor is at %d,%d after %q; want %d,%d", x, y, before, x0+4, y0)
	}
}

// A window too small for the wizard, and screens without text fields,
// hide the cursor.
func TestTheCursorIsHiddenWhereNothingIsTyped(t *testing.T) {
	for _, g := range goldenScreens() {
		switch {
		case g.name == "key", strings.HasPrefix(g.name, "form-"), g.name == "images-picker":
			continue
		}
		size := goldenSizes[0]
		if g.sizes != nil {
			size = g.sizes[0]
		}
		if v := g.build(t, size[0], size[1]).View(); v.Cursor != nil {
			t.Errorf("%s shows the cursor at %v", g.name, v.Cursor.Position)
		}
	}
}

// The secret prompt (auth login) puts the cursor after the masks.
func TestTheSecretPromptsCursor(t *testing.T) {
	s := &secretModel{p: SecretPrompt{Title: "API key", Description: "Paste the key."}, in: newSecretInput(), st: newStyles(true), width: 80}
	s.Init()
	for _, r := range "abcd" {
		s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	v := s.View()
	if v.Cursor == nil {
		t.Fatal("no cursor on the secret prompt")
	}
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	if before := ansi.Truncate(lines[v.Cursor.Y], v.Cursor.X, ""); !strings.HasSuffix(before, "> ••••") {
		t.Fatalf("the cursor comes after %q", before)
	}
}
