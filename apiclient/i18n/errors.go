package i18n

import (
	"reflect"
	"strings"
)

// Error is an error whose words are a catalog message. Error says it in
// English, as Go errors are read in logs, in --json output and by
// programs; Localize (and Text, for any error) says it in the run's
// language, for the place that prints it to a person; In says it in any
// language. It stays a Go error all the same: lower case, and the errors
// among its arguments wrapped as %w wraps them.
type Error struct {
	id   string
	args []any
}

// Errorf returns the message id, formatted with args, as an error. An
// argument that is an error is wrapped (errors.Is and errors.As find it,
// as after fmt.Errorf's %w) and said with its own words in the same
// language as the message around it. The catalogs format it with %s or
// %v, never %w, which message formats do not know.
func Errorf(id string, args ...any) error { return &Error{id: id, args: args} }

// Err is Errorf with its type: for code that keeps the error to say it in
// another language later (a journal, a rejects file, --json).
func Err(id string, args ...any) *Error { return &Error{id: id, args: args} }

// Error is the message in English.
func (e *Error) Error() string { return e.In(EN) }

// English is the message in English.
func (e *Error) English() string { return e.In(EN) }

// Localize is the message in the run's language.
func (e *Error) Localize() string { return e.In(Language()) }

// In is the message in language l, its error arguments in l too.
func (e *Error) In(l Lang) string { return In(l, e.id, e.args...) }

// ID is the message id, for tests and for code that tells messages apart.
func (e *Error) ID() string { return e.id }

// Unwrap returns the errors among the arguments.
func (e *Error) Unwrap() []error {
	var out []error
	for _, a := range e.args {
		if err, ok := a.(error); ok && err != nil {
			out = append(out, err)
		}
	}
	return out
}

// ArgsIn returns args as language l prints them: each error said in l (see
// ErrorIn), each Message in l; other arguments as they are.
func ArgsIn(l Lang, args []any) []any {
	var out []any
	for i, a := range args {
		var said string
		switch v := a.(type) {
		case error:
			if v == nil {
				continue
			}
			said = ErrorIn(l, v)
		case Message:
			said = v.In(l)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = said
	}
	if out == nil {
		return args
	}
	return out
}

// Localizer is an error that can say itself in the run's language.
type Localizer interface {
	Localize() string
}

// Text is err's message as a person reads it, in the run's language
// (ErrorIn). "" for nil.
func Text(err error) string { return ErrorIn(Language(), err) }

// EnglishOf is err in English as far as it can be said (ErrorIn).
func EnglishOf(err error) string { return ErrorIn(EN, err) }

// ErrorIn says err in language l as far as it can. An error that knows its
// words (an In(Lang) method; English for English; Localize for the run's
// language) says them. An error that only puts words of its own in front
// of another's ("reading x: " + inner, as fmt.Errorf("…: %w") makes) keeps
// its words and has the inner error said in l; a wrapper that adds nothing
// is said through what it wraps. Anything else is said by its Error: an
// operating system's error is English in every run.
func ErrorIn(l Lang, err error) string {
	if err == nil {
		return ""
	}
	if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
		return "<nil>" // a typed nil, as fmt prints it, without calling its methods
	}
	if s, ok := wordsIn(l, err); ok {
		return s
	}
	outer := err.Error()
	inners := unwrap(err)
	// A wrapper that adds nothing (usage errors, joined sentinels) says
	// what one of the errors it wraps says.
	for _, inner := range inners {
		if inner != nil && inner.Error() == outer {
			return ErrorIn(l, inner)
		}
	}
	if len(inners) == 0 || inners[len(inners)-1] == nil {
		return outer
	}
	// "%w: %w": the words end with the last one's.
	inner := inners[len(inners)-1]
	in := inner.Error()
	if in == "" || !strings.HasSuffix(outer, in) {
		return outer
	}
	return outer[:len(outer)-len(in)] + ErrorIn(l, inner)
}

func wordsIn(l Lang, err error) (string, bool) {
	switch e := err.(type) {
	case interface{ In(Lang) string }:
		return e.In(l), true
	case interface{ English() string }:
		if l == EN {
			return e.English(), true
		}
	}
	if loc, ok := err.(Localizer); ok && l == Language() {
		return loc.Localize(), true
	}
	return "", false
}

func unwrap(err error) []error {
	switch e := err.(type) {
	case interface{ Unwrap() error }:
		return []error{e.Unwrap()}
	case interface{ Unwrap() []error }:
		return e.Unwrap()
	}
	return nil
}

// Message is a catalog message to pass to Errorf as an argument: it is said
// in the language the error is said in, English in Error and the run's
// language in Localize ("waiting for %s" with "standard input").
type Message struct {
	id   string
	args []any
}

// Msg is the message id with args, said when it is printed.
func Msg(id string, args ...any) Message { return Message{id: id, args: args} }

// In is the message in language l.
func (m Message) In(l Lang) string { return In(l, m.id, m.args...) }

// String is the message in the run's language.
func (m Message) String() string { return m.In(Language()) }
