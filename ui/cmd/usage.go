package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"argos-migrate/apiclient/i18n"
)

// ErrUsage marks a mistake in how a command was called; main maps it to exit
// code 2.
var ErrUsage = errors.New("usage")

// ErrCancelled means the operator stopped the program; exit code 130.
var ErrCancelled = i18n.Errorf("commands.cancelled.word")

// ErrReported marks an error the command has already shown in its own
// output; main keeps its exit code and prints only the next step.
var ErrReported = errors.New("reported")

// noArgs refuses positional arguments as a usage error (exit 2), where
// cobra's own check would be an unclassified failure; on a command with
// commands of its own, the argument is a command's name mistyped.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(c, args[0])
	}
	return nil
}

// exactArgs refuses another number of arguments as a usage error (exit 2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorMsg("commands.usage.args", n, c.CommandPath(), len(args))
		}
		return nil
	}
}

// usageErrorf returns an error that matches ErrUsage; format may wrap an
// error with %w. Its words are format's, in every language: usageErrorMsg
// takes a catalog message instead.
func usageErrorf(format string, a ...any) error {
	return usageError(fmt.Errorf(format, a...))
}

// usageErrorMsg returns an error that matches ErrUsage, said with the
// catalog message id (i18n.Errorf: an error among args is wrapped).
func usageErrorMsg(id string, args ...any) error {
	return usageError(i18n.Errorf(id, args...))
}

// usageError marks err as a mistake in how the command was called: it
// matches ErrUsage (exit code 2) and says only err's message, so the
// operator reads what was wrong, not a "usage:" prefix.
func usageError(err error) error { return &usageErr{err} }

type usageErr struct{ err error }

func (e *usageErr) Error() string    { return e.err.Error() }
func (e *usageErr) Localize() string { return i18n.Text(e.err) }
func (e *usageErr) Unwrap() []error  { return []error{ErrUsage, e.err} }

// marked is err matching mark as well (ErrCancelled, ErrReported,
// ErrUsage…), for main's exit code: it says "mark: err" as
// fmt.Errorf("%w: %w") does, each part in the run's language when printed.
func marked(mark, err error) error { return i18n.Errorf("commands.error.joined", mark, err) }

// flagError is a flag cobra could not parse: pflag's English words as a Go
// error, the catalog's where it is printed.
type flagError struct{ err error }

func (e flagError) Error() string { return e.err.Error() }
func (e flagError) Unwrap() error { return e.err }

// Localize says pflag's error in the run's language; an error it does not
// know stays in pflag's words.
func (e flagError) Localize() string {
	var notExist *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(e.err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return i18n.T("commands.flag.unknown_shorthand", "-"+notExist.GetSpecifiedName()[:1], "-"+notExist.GetSpecifiedShortnames())
	case errors.As(e.err, &notExist):
		return i18n.T("commands.flag.unknown", "--"+notExist.GetSpecifiedName())
	case errors.As(e.err, &noValue) && noValue.GetSpecifiedShortnames() != "":
		return i18n.T("commands.flag.needs_value", "-"+noValue.GetSpecifiedName()[:1])
	case errors.As(e.err, &noValue):
		return i18n.T("commands.flag.needs_value", "--"+noValue.GetSpecifiedName())
	case errors.As(e.err, &invalid):
		return i18n.T("commands.flag.invalid", invalid.GetValue(), "--"+invalid.GetFlag().Name, i18n.Text(invalid.Unwrap()))
	case errors.As(e.err, &syntax):
		return i18n.T("commands.flag.syntax", strings.TrimSpace(syntax.GetSpecifiedFlag()))
	}
	return e.err.Error()
}

// matching is err made to match mark as well (errors.Is), for main's exit
// code, with err's words alone: the words name what the mark means.
func matching(mark, err error) error { return &matchingErr{mark, err} }

type matchingErr struct{ mark, err error }

func (e *matchingErr) Error() string    { return e.err.Error() }
func (e *matchingErr) Localize() string { return i18n.Text(e.err) }
func (e *matchingErr) Unwrap() []error  { return []error{e.mark, e.err} }
