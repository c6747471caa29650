package i18n

import "strings"

// Error is an error in the words of a catalog message: Error says it in the
// run's language, for people; English says it in English whatever the
// run's language, for --json and anything else a program reads. An error
// among its arguments is wrapped (errors.Is and errors.As find it) and
// said in the same language as the message around it.
type Error struct {
	ID   string
	Args []any
}

// Err returns the message id with args as an error. Print a wrapped error
// with %s in the catalog (%w is fmt's, not a message's).
func Err(id string, args ...any) *Error { return &Error{ID: id, Args: args} }

// Error is the message in the run's language.
func (e *Error) Error() string { return e.In(Language()) }

// English is the message in English.
func (e *Error) English() string { return e.In(EN) }

// In is the message in language l, its error arguments in l too.
func (e *Error) In(l Lang) string { return In(l, e.ID, ArgsIn(l, e.Args)...) }

// Unwrap gives the errors among the arguments.
func (e *Error) Unwrap() []error {
	var out []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// ArgsIn returns args with each error said in language l (see ErrorIn), so
// that a message and the errors it names speak one language. Other
// arguments are kept as they are.
func ArgsIn(l Lang, args []any) []any {
	var out []any
	for i, a := range args {
		err, ok := a.(error)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = ErrorIn(l, err)
	}
	if out == nil {
		return args
	}
	return out
}

// ErrorIn says err in language l as far as it can: an error that knows its
// words in l (an In(Lang) method, or English for English) says them; so
// does a wrapper that adds nothing to what it wraps (its text is its
// wrapped error's), through the wrapped error. Anything else is said as
// err.Error() says it: in the run's language, or in the words of whatever
// produced it (an operating system's error is English in every run).
func ErrorIn(l Lang, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := wordsIn(l, err); ok {
		return s
	}
	// A transparent wrapper: find, in its tree, the error that says the
	// same thing and knows its words.
	text := err.Error()
	var found string
	var ok bool
	var walk func(error) bool
	walk = func(e error) bool {
		for _, inner := range unwrap(e) {
			if inner == nil || inner.Error() != text {
				continue
			}
			if found, ok = wordsIn(l, inner); ok {
				return true
			}
			if walk(inner) {
				return true
			}
		}
		return false
	}
	if walk(err) {
		return found
	}
	return text
}

// EnglishOf is err in English as far as it can be said (ErrorIn).
func EnglishOf(err error) string { return ErrorIn(EN, err) }

func wordsIn(l Lang, err error) (string, bool) {
	switch e := err.(type) {
	case interface{ In(Lang) string }:
		return e.In(l), true
	case interface{ English() string }:
		if l == EN {
			return e.English(), true
		}
		if l == Language() {
			return err.Error(), true
		}
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

// JoinIn says errs in language l, one after another, separated by sep: a
// list of problems that each know their words.
func JoinIn(l Lang, sep string, errs []error) string {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		parts = append(parts, ErrorIn(l, e))
	}
	return strings.Join(parts, sep)
}
