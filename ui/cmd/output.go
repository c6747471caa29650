package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// ErrOutputLost: a record was created, but its result could not be written
// to standard output (a full disk, a closed pipe). main gives it an exit
// code of its own: the record exists, and must not be submitted again.
var ErrOutputLost = i18n.Errorf("commands.output.lost")

// OutputError says which submissions were created when their ids could not
// be written to standard output; main reports it on stderr.
type OutputError struct {
	IDs []string // the created submissions, oldest first
	Err error    // the write's failure
}

// Error names every created id: stderr is then the only place they
// appear. It is English; Localize says it in the run's language.
func (e *OutputError) Error() string { return e.in(i18n.EN) }

// Localize names every created id in the run's language.
func (e *OutputError) Localize() string { return e.in(i18n.Language()) }

func (e *OutputError) in(l i18n.Lang) string {
	ids := make([]string, len(e.IDs))
	for i, id := range e.IDs {
		ids[i] = apiclient.Sanitize(id)
	}
	cause := e.Err.Error()
	if l != i18n.EN {
		cause = i18n.Text(e.Err)
	}
	return i18n.In(l, "commands.output.created", len(ids), strings.Join(ids, ", "), cause)
}

// Unwrap returns the write's failure.
func (e *OutputError) Unwrap() error { return e.Err }

// Is makes it match ErrOutputLost.
func (e *OutputError) Is(target error) bool { return target == ErrOutputLost }

// printIDs writes each created submission id on its own line of standard
// output; when that fails, the error carries the ids.
func printIDs(f *Factory, ids ...string) error {
	for _, id := range ids {
		if _, err := fmt.Fprintln(f.IO.Out, id); err != nil {
			return &OutputError{IDs: ids, Err: err}
		}
	}
	return nil
}

// WriteJSONFailure keeps submit --json's promise of exactly one JSON object
// on stdout when the run ended before submit could write it: a flag that
// could not be parsed, a missing --file, a --timeout refused. args is the
// command line without the program's name. It writes nothing when err is
// nil, when submit has written its object, or when --json was not asked.
func WriteJSONFailure(f *Factory, root *cobra.Command, args []string, err error) {
	if err == nil || f.jsonWritten || !wantsJSON(root, args) {
		return
	}
	_ = writeJSONResult(f.IO.Out, "", apiclient.Submission{}, err)
}

// wantsJSON reports whether args run submit with --json. It reads the words
// themselves: when flag parsing failed, the flag set never got to --json.
func wantsJSON(root *cobra.Command, args []string) bool {
	c, _, err := root.Find(args)
	if err != nil || c.Name() != "submit" {
		return false
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--json" {
			return true
		}
		if v, ok := strings.CutPrefix(a, "--json="); ok {
			on, err := strconv.ParseBool(v)
			return on || err != nil // a value that is no boolean still asked for JSON
		}
	}
	return false
}

// englishMessage is err's message in English, for --json: what a program
// reads is the same in every language. The command line's errors are
// English Go errors already; others say themselves in the run's language
// (the rulebook's), so err is read with the language set to English. It is
// called once a command has finished, when nothing else is printing.
func englishMessage(err error) string {
	prev := i18n.SetLanguage(i18n.EN)
	defer i18n.SetLanguage(prev)
	return err.Error()
}
