package forms

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/textinput"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n/glyphs"
)

// caretAt is the form's caret and the text of its line before it, as
// drawn; the test fails when the form reports no caret.
func caretAt(t *testing.T, h *formHarness) (row, col int, before string) {
	t.Helper()
	view := h.f.View()
	row, col, ok := FormCaret(h.f, view)
	if !ok {
		t.Fatalf("no caret in the form on %s:\n%s", h.focused(), screen(view))
	}
	lines := strings.Split(ansi.Strip(view), "\n")
	if row >= len(lines) {
		t.Fatalf("the caret is on line %d of a %d-line form", row, len(lines))
	}
	return row, col, ansi.Truncate(lines[row], col, "")
}

// Typing Hangul moves the caret two cells a syllable, on the field's own
// line, right after what was typed: where the terminal's cursor must be
// for an input method to show the syllable being composed.
func TestCaretOfATextFieldCountsCells(t *testing.T) {
	sub := apiclient.Submission{Admin: "ops@example.com"}
	h := newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.FieldFullName)
	row0, col0, before := caretAt(t, h)
	if !strings.HasSuffix(before, "> ") {
		t.Fatalf("the empty field's caret is not after its prompt: %q", before)
	}
	typeText(t, h, "홍길동")
	row, col, before := caretAt(t, h)
	if row != row0 || col != col0+6 {
		t.Fatalf("after 홍길동 the caret is at %d,%d, want %d,%d", row, col, row0, col0+6)
	}
	if !strings.HasSuffix(before, "> 홍길동") {
		t.Fatalf("the caret's line before it reads %q", before)
	}
	typeKeys(t, h, "left")
	if _, col, before = caretAt(t, h); col != col0+4 || !strings.HasSuffix(before, "> 홍길") {
		t.Fatalf("after left the caret is at column %d (%q), want %d", col, before, col0+4)
	}
	typeText(t, h, "A")
	if _, col, _ = caretAt(t, h); col != col0+5 || sub.FullName != "홍길A동" {
		t.Fatalf("typing in the middle: caret %d, value %q", col, sub.FullName)
	}
}

// A value wider than the field scrolls it sideways: the caret stays on the
// field, inside the window, at the end of what is shown.
func TestCaretOfALongValueStaysInTheField(t *testing.T) {
	sub := apiclient.Submission{Admin: "ops@example.com"}
	h := newTestForm(t, &sub, Options{Width: 40, Height: 20})
	Focus(h.f, apiclient.FieldFullName)
	typeText(t, h, strings.Repeat("홍길동 ", 20))
	_, col, before := caretAt(t, h)
	if col > 40 || !strings.HasSuffix(strings.TrimRight(before, " "), "홍길동") {
		t.Fatalf("caret at column %d of a 40-cell form, after %q", col, before)
	}
}

// The country picker's caret is at the end of its filter, the date's after
// its digits, a select's in its filter while the operator filters.
func TestCaretOfPickersAndDates(t *testing.T) {
	sub := apiclient.Submission{Admin: "ops@example.com"}
	h := newTestForm(t, &sub, Options{})

	Focus(h.f, apiclient.FieldNationality)
	typeText(t, h, "대한")
	if _, _, before := caretAt(t, h); !strings.HasSuffix(before, "/ 대한") {
		t.Fatalf("the country filter's caret comes after %q", before)
	}

	Focus(h.f, apiclient.FieldBirthDate)
	typeText(t, h, "2002")
	if _, _, before := caretAt(t, h); !strings.HasSuffix(before, "2002") {
		t.Fatalf("the date's caret comes after %q", before)
	}

	Focus(h.f, apiclient.FieldIDType)
	if _, _, ok := FormCaret(h.f, h.f.View()); ok {
		t.Fatal("a select that is not filtering has a caret")
	}
	typeKeys(t, h, "/")
	typeText(t, h, "pas")
	if _, _, before := caretAt(t, h); !strings.HasSuffix(before, "pas") {
		t.Fatalf("the select filter's caret comes after %q", before)
	}
}

// A masked input (the key) counts one mask a character, and the scroll.
func TestInputCaret(t *testing.T) {
	in := textinput.New()
	in.Prompt = "키: "
	in.Focus()
	in.SetValue("홍길동")
	if got := InputCaret(in); got != 4+6 {
		t.Errorf("caret of 홍길동 after a 4-cell prompt = %d, want 10", got)
	}
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '*'
	in.SetValue("sandbox-not-a-secret")
	in.CursorEnd()
	if got := InputCaret(in); got != 4+20 {
		t.Errorf("caret of a masked 20-character key = %d, want 24", got)
	}
	in.SetWidth(10)
	in.SetValue(strings.Repeat("k", 50))
	in.CursorEnd()
	if got := InputCaret(in); got > 4+11 || got < 4+9 {
		t.Errorf("caret of a scrolled input = %d, not at the end of its 10-cell window", got)
	}
	in.CursorStart()
	if got := InputCaret(in); got != 4 {
		t.Errorf("caret at the start of a scrolled input = %d, want 4", got)
	}
}

// With the ASCII glyph set the bar beside the focused field is "|", one
// cell everywhere, and the caret is still where the text is.
func TestASCIIThemeBar(t *testing.T) {
	prev := glyphs.Current()
	glyphs.Use(glyphs.ASCII)
	t.Cleanup(func() { glyphs.Use(prev) })
	sub := apiclient.Submission{Admin: "ops@example.com"}
	h := newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.FieldFullName)
	typeText(t, h, "홍길동")
	sc := screen(h.f.View())
	if strings.Contains(sc, "┃") || !strings.Contains(sc, "| > 홍길동") {
		t.Fatalf("the ASCII form's focused field:\n%s", sc)
	}
	if _, _, before := caretAt(t, h); !strings.HasSuffix(before, "| > 홍길동") {
		t.Fatalf("the caret comes after %q", before)
	}
}
