package apiclient

import (
	"errors"
	"fmt"
	"slices"

	"argos-migrate/apiclient/i18n"
)

// text is a message of the catalogs with its arguments, kept so that it
// can be said in either language: the rulebook's and the file checks'
// words are shown in the run's language, and written in English where a
// program reads them (--json). An argument that is a text or a fieldLabel
// is said in the same language as the message around it.
type text struct {
	id   string // "" for a literal: args[0] as it is, in every language
	args []any
}

// say is the message id with its arguments.
func say(id string, args ...any) text { return text{id: id, args: args} }

// literal is text that is the same in every language: a message from
// outside the catalogs (a Go error, a server's words).
func literal(s string) text { return text{args: []any{s}} }

// fieldLabel is an argument that says a field's label (its wire key).
type fieldLabel string

// in is the message in language l.
func (t text) in(l i18n.Lang) string {
	if t.id == "" {
		if len(t.args) == 1 {
			return fmt.Sprint(t.args[0])
		}
		return ""
	}
	args, copied := t.args, false
	for i, a := range t.args {
		var s string
		switch a := a.(type) {
		case text:
			s = a.in(l)
		case fieldLabel:
			s = LabelIn(l, string(a))
		default:
			continue
		}
		if !copied { // t may be said again, in another language
			args, copied = slices.Clone(t.args), true
		}
		args[i] = s
	}
	return i18n.In(l, t.id, args...)
}

// String is the message in the run's language.
func (t text) String() string { return t.in(i18n.Language()) }

// ruleError is an error whose message is a text, said in the run's
// language when it is read.
type ruleError struct{ t text }

func (e *ruleError) Error() string { return e.t.String() }

// textOf is the text of err: its own when it is a *ruleError, else its
// message as it is.
func textOf(err error) text {
	var re *ruleError
	if errors.As(err, &re) {
		return re.t
	}
	return literal(err.Error())
}
