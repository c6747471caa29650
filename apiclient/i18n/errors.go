package i18n

import "strings"

// Error is an error whose words are a catalog message. Error says it in
// English, as Go errors are read in logs, in --json output and by
// programs; Localize says it in the run's language, for the place that
// prints it to a person (Text). It stays a Go error all the same: lower
// case, and the errors among its arguments wrapped as %w wraps them.
type Error struct {
	id   string
	args []any
}

// Errorf returns the message id, formatted with args, as an error. An
// argument that is an error is wrapped (errors.Is and errors.As find it,
// as after fmt.Errorf's %w) and said with its own words: its Error in
// English, Text in the run's language. The catalogs format it with %s or
// %v, never %w, which message formats do not know.
func Errorf(id string, args ...any) error { return &Error{id: id, args: args} }

// Error is the message in English.
func (e *Error) Error() string { return In(EN, e.id, e.argsIn(EN)...) }

// Localize is the message in the run's language.
func (e *Error) Localize() string {
	l := Language()
	return In(l, e.id, e.argsIn(l)...)
}

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

// argsIn are the arguments as language l prints them: each error by its
// words in l.
func (e *Error) argsIn(l Lang) []any {
	out := make([]any, len(e.args))
	for i, a := range e.args {
		err, ok := a.(error)
		switch {
		case !ok || err == nil:
			if m, ok := a.(Message); ok {
				a = m.In(l)
			}
			out[i] = a
		case l == EN:
			out[i] = err.Error()
		default:
			out[i] = Text(err)
		}
	}
	return out
}

// Localizer is an error that can say itself in the run's language.
type Localizer interface {
	Localize() string
}

// Text is err's message as a person reads it, in the run's language: its
// Localize when it has one. An error that only puts words of its own in
// front of another's ("reading x: " + inner, as fmt.Errorf("…: %w")
// makes) keeps its words and has the inner error's said in the run's
// language; any other error is said by its Error. "" for nil.
func Text(err error) string {
	if err == nil {
		return ""
	}
	if l, ok := err.(Localizer); ok {
		return l.Localize()
	}
	var inner error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		inner = u.Unwrap()
	case interface{ Unwrap() []error }:
		if errs := u.Unwrap(); len(errs) > 0 {
			inner = errs[len(errs)-1] // "%w: %w": the words end with the last one's
		}
	}
	if inner == nil {
		return err.Error()
	}
	outer, in := err.Error(), inner.Error()
	if in == "" || !strings.HasSuffix(outer, in) {
		return outer
	}
	return outer[:len(outer)-len(in)] + Text(inner)
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
