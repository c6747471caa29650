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

// An Error speaks the run's language through Localize and Text, English
// through Error and English, the errors among its arguments in the same
// language as the message, and errors.Is and As see through it.
func TestErrorSpeaksBothLanguages(t *testing.T) {
	prev := SetLanguage(KO)
	defer SetLanguage(prev)
	inner := Err("failure.detail.refused")
	e := Err("failure.detail.web_page_after", inner)
	if got, want := Text(e), "연결이 거부됨 API 응답이 아닌 웹 페이지"; got != want || e.Localize() != want {
		t.Errorf("Text = %q, Localize = %q, want %q", got, e.Localize(), want)
	}
	if got, want := e.Error(), "connection refused a web page instead of the API's answer"; got != want {
		t.Errorf("Error() = %q, want English %q", got, want)
	}
	if got, want := e.English(), "connection refused a web page instead of the API's answer"; got != want {
		t.Errorf("English() = %q, want %q", got, want)
	}
	if !errors.Is(e, inner) {
		t.Error("errors.Is does not find the wrapped error")
	}
	os := Err("failure.detail.web_page_after", fs.ErrNotExist)
	if !errors.Is(os, fs.ErrNotExist) || os.English() != "file does not exist a web page instead of the API's answer" {
		t.Errorf("an operating system's error: %q, Is %v", os.English(), errors.Is(os, fs.ErrNotExist))
	}
}

// ErrorIn finds the words of an error through wrappers that add nothing
// (a usage mark, fmt.Errorf("%w")), and keeps the text of one that adds
// words of its own, which it cannot translate.
func TestErrorInThroughWrappers(t *testing.T) {
	prev := SetLanguage(KO)
	defer SetLanguage(prev)
	base := Err("failure.detail.refused")
	cases := []struct {
		name string
		err  error
		en   string
	}{
		{"itself", base, "connection refused"},
		{"wrapped alone", fmt.Errorf("%w", base), "connection refused"},
		{"joined with a sentinel", &mark{base}, "connection refused"},
		{"wrapped with words", fmt.Errorf("dialing: %w", base), "dialing: connection refused"},
		{"plain", errors.New("plain words"), "plain words"},
	}
	for _, c := range cases {
		if got := EnglishOf(c.err); got != c.en {
			t.Errorf("%s: EnglishOf = %q, want %q", c.name, got, c.en)
		}
		want := strings.Replace(c.en, "connection refused", "연결이 거부됨", 1)
		if got := ErrorIn(KO, c.err); got != want {
			t.Errorf("%s: ErrorIn(KO) = %q, want %q", c.name, got, want)
		}
	}
	if EnglishOf(nil) != "" {
		t.Error("EnglishOf(nil) is not empty")
	}
}

// mark is a wrapper as ui/cmd's usage errors are: the text of the error it
// wraps, and a sentinel beside it.
type mark struct{ err error }

var errMark = errors.New("mark")

func (m *mark) Error() string   { return m.err.Error() }
func (m *mark) Unwrap() []error { return []error{errMark, m.err} }

// An error handed to T is said in the run's language, as Text says it: an
// Error in its own words, a Localizer by Localize, a plain wrapper's words
// kept in front of its inner error's; English says them in English. A
// typed nil error does not panic.
func TestTSaysItsErrorArgumentsInTheRunsLanguage(t *testing.T) {
	prev := SetLanguage(KO)
	defer SetLanguage(prev)
	refused := Err("failure.detail.refused")
	const ko, en = "연결이 거부됨", "connection refused"
	cases := []struct {
		name     string
		err      error
		ko, en   string
		fromText bool
	}{
		{"an Error", refused, ko, en, true},
		{"wrapped with words", fmt.Errorf("dialing: %w", refused), "dialing: " + ko, "dialing: " + en, true},
		{"a Localizer", localizer{}, "현지화됨", "localized", true},
		{"an operating system's", fs.ErrNotExist, "file does not exist", "file does not exist", true},
	}
	for _, c := range cases {
		if got, want := T("failure.detail.web_page_after", c.err), In(KO, "failure.detail.web_page_after", c.ko); got != want {
			t.Errorf("%s: T = %q, want %q", c.name, got, want)
		}
		if got, want := English("failure.detail.web_page_after", c.err), In(EN, "failure.detail.web_page_after", c.en); got != want {
			t.Errorf("%s: English = %q, want %q", c.name, got, want)
		}
		if got := T("failure.detail.web_page_after", c.err); !strings.HasPrefix(got, Text(c.err)) {
			t.Errorf("%s: T = %q, not as Text says the error (%q)", c.name, got, Text(c.err))
		}
	}
	if got := English("failure.detail.web_page_after", Msg("failure.detail.refused")); !strings.HasPrefix(got, en) {
		t.Errorf("a Msg in English: %q", got)
	}
	var nilErr *Error
	_ = T("failure.detail.web_page_after", error(nilErr)) // must not panic
}

// localizer is an error with words of its own in the run's language.
type localizer struct{}

func (localizer) Error() string { return "localized" }
func (localizer) Localize() string {
	if Language() == KO {
		return "현지화됨"
	}
	return "localized"
}
