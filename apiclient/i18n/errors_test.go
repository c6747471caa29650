package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// An Errorf error reads English as a Go error and the run's language when
// printed for a person, and wraps the errors among its arguments.
func TestErrorfSaysEnglishAndLocalizes(t *testing.T) {
	defer SetLanguage(SetLanguage(KO))
	inner := Errorf("language.warning.ignored", "LANG=fr")
	err := Errorf("language.warning.ignored", inner)
	if !errors.Is(err, inner) {
		t.Error("the error among the arguments is not wrapped")
	}
	want := "argos-migrate: ignored argos-migrate: ignored LANG=fr: the languages are ko and en.: the languages are ko and en."
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q (English, whatever the run's language)", got, want)
	}
	ko := In(KO, "language.warning.ignored", In(KO, "language.warning.ignored", "LANG=fr"))
	if got := Text(err); got != ko {
		t.Errorf("Text = %q, want %q", got, ko)
	}
	SetLanguage(EN)
	if got := Text(err); got != want {
		t.Errorf("Text in English = %q, want %q", got, want)
	}
}

// Text keeps the words a plain wrapper puts in front and says the wrapped
// catalog error in the run's language; other errors are their Error.
func TestTextThroughWrappers(t *testing.T) {
	defer SetLanguage(SetLanguage(KO))
	inner := Errorf("language.warning.ignored", "x")
	ko := In(KO, "language.warning.ignored", "x")
	cases := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{fs.ErrNotExist, "file does not exist"},
		{fmt.Errorf("reading a: %w", inner), "reading a: " + ko},
		{fmt.Errorf("%w: %w", fs.ErrNotExist, inner), "file does not exist: " + ko},
		{fmt.Errorf("%w (and more)", inner), inner.Error() + " (and more)"}, // its words do not end with the inner's
	}
	for _, c := range cases {
		if got := Text(c.err); got != c.want {
			t.Errorf("Text(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if !strings.Contains(Errorf("language.warning.ignored", 5).Error(), "5") {
		t.Error("a plain argument is not printed")
	}
}

// A Msg argument is said in the language of the error's words.
func TestMsgArgumentFollowsTheError(t *testing.T) {
	defer SetLanguage(SetLanguage(KO))
	err := Errorf("language.warning.ignored", Msg("language.choice.default", "English", "en"))
	if got, want := err.Error(), "argos-migrate: ignored English (en), by default: the languages are ko and en."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := Text(err), In(KO, "language.warning.ignored", In(KO, "language.choice.default", "English", "en")); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}
