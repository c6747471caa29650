package cmd

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"argos-migrate/apiclient"
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

// flagError is a flag cobra could not parse: pflag's words (a Go error's,
// "strconv.ParseUint: parsing \"x\": invalid syntax") replaced by the
// catalog's, in English in Error() (--json, logs) and in the run's language
// where it is printed.
type flagError struct{ err error }

func (e flagError) Error() string {
	if s, ok := e.say(true); ok {
		return s
	}
	return e.err.Error()
}

func (e flagError) Unwrap() error { return e.err }

// Localize says pflag's error in the run's language; an error it does not
// know stays in pflag's words.
func (e flagError) Localize() string {
	if s, ok := e.say(false); ok {
		return s
	}
	return e.err.Error()
}

// say is the flag's error in English or the run's language, if it is one
// it knows.
func (e flagError) say(english bool) (string, bool) {
	t := i18n.T
	if english {
		t = i18n.English
	}
	var notExist *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(e.err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return t("commands.flag.unknown_shorthand", "-"+notExist.GetSpecifiedName()[:1], "-"+notExist.GetSpecifiedShortnames()), true
	case errors.As(e.err, &notExist):
		return t("commands.flag.unknown", "--"+notExist.GetSpecifiedName()), true
	case errors.As(e.err, &noValue) && noValue.GetSpecifiedShortnames() != "":
		return t("commands.flag.needs_value", "-"+noValue.GetSpecifiedName()[:1]), true
	case errors.As(e.err, &noValue):
		return t("commands.flag.needs_value", "--"+noValue.GetSpecifiedName()), true
	case errors.As(e.err, &invalid):
		return badFlagValue(t, invalid, english), true
	case errors.As(e.err, &syntax):
		return t("commands.flag.syntax", strings.TrimSpace(syntax.GetSpecifiedFlag())), true
	}
	return "", false
}

// badFlagValue says that a flag's value could not be read: the flag, the
// value given and what the flag wants, by its type, never Go's parse error.
// A value of the tool's own type (--lang) says its own words.
func badFlagValue(t func(string, ...any) string, invalid *pflag.InvalidValueError, english bool) string {
	f, value := invalid.GetFlag(), apiclient.Sanitize(invalid.GetValue())
	name := "--" + f.Name
	if errors.Is(invalid, strconv.ErrRange) {
		return t("commands.flag.too_large", name, value)
	}
	switch f.Value.Type() {
	case "duration":
		return t("commands.flag.want_duration", name, value)
	case "int", "int8", "int16", "int32", "int64":
		return t("commands.flag.want_int", name, value)
	case "uint", "uint8", "uint16", "uint32", "uint64":
		return t("commands.flag.want_uint", name, value)
	case "float32", "float64":
		return t("commands.flag.want_float", name, value)
	case "bool":
		return t("commands.flag.want_bool", name, value)
	}
	why := i18n.Text(invalid.Unwrap())
	if english {
		why = invalid.Unwrap().Error()
	}
	return t("commands.flag.invalid", value, name, why)
}

// matching is err made to match mark as well (errors.Is), for main's exit
// code, with err's words alone: the words name what the mark means.
func matching(mark, err error) error { return &matchingErr{mark, err} }

type matchingErr struct{ mark, err error }

func (e *matchingErr) Error() string    { return e.err.Error() }
func (e *matchingErr) Localize() string { return i18n.Text(e.err) }
func (e *matchingErr) Unwrap() []error  { return []error{e.mark, e.err} }
