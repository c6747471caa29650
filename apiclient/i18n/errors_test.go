package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// An Error speaks the run's language through Error and English through
// English, the errors among its arguments in the same language as the
// message, and errors.Is and As see through it.
func TestErrorSpeaksBothLanguages(t *testing.T) {
	prev := SetLanguage(KO)
	defer SetLanguage(prev)
	inner := Err("failure.detail.refused")
	e := Err("failure.detail.web_page_after", inner)
	if got, want := e.Error(), "연결이 거부됨 API 응답이 아닌 웹 페이지"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
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
		{"wrapped with words", fmt.Errorf("dialing: %w", base), "dialing: 연결이 거부됨"},
		{"plain", errors.New("plain words"), "plain words"},
	}
	for _, c := range cases {
		if got := EnglishOf(c.err); got != c.en {
			t.Errorf("%s: EnglishOf = %q, want %q", c.name, got, c.en)
		}
		if got := ErrorIn(KO, c.err); got != c.err.Error() {
			t.Errorf("%s: ErrorIn(KO) = %q, want the run's %q", c.name, got, c.err.Error())
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
