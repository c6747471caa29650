package cmd

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"syscall"

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

// resultWriter is standard output, the result of a run: it keeps the first
// write that failed (a full disk, a reader gone), so that a run whose
// result was lost does not end as a success (LostResult).
type resultWriter struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (r *resultWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return n, err
}

// LostResult is the error of a run that otherwise ended well but could not
// write what it printed on standard output (help, JSON, a status, an
// inspection): the caller must not take an empty stream for the result.
// It is nil when every write succeeded.
func (s *IOStreams) LostResult() error {
	r, ok := s.Out.(*resultWriter)
	if !ok {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.err == nil:
		return nil
	case errors.Is(r.err, syscall.EPIPE):
		// The reader stopped reading (`| head`): it chose to, and needs no
		// message; the exit code still says the output was cut short.
		return fmt.Errorf("%w: %w", ErrReported, r.err)
	}
	return i18n.Errorf("commands.output.result_lost", r.err)
}

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

// WriteJSONFailure keeps the promise of --json (submit's and image's one
// JSON object, import's summary object last) when the run ended before the
// command could write it: a flag that could not be parsed, a missing
// --file or FILE, a --timeout refused. args is the command line without
// the program's name. It writes nothing when err is nil, when the command
// has written its object, or when --json was not asked.
func WriteJSONFailure(f *Factory, root *cobra.Command, args []string, err error) {
	if err == nil || f.jsonWritten {
		return
	}
	switch jsonCommand(root, args) {
	case "submit":
		_ = writeJSONResult(f.IO.Out, "", apiclient.Submission{}, err)
	case "image":
		writeImageJSON(f.IO.Out, &imageResult{}, err)
	case "import":
		if boolFlag(args, "--dry-run") {
			res := importSummary{DryRun: true}
			res.fail(err)
			writeJSONObject(f.IO.Out, res)
			return
		}
		sj := sendSummary{Type: "summary"}
		sj.finish(err, 0)
		newJSONLines(f.IO.Out).write(sj)
	}
}

// jsonCommand is the command args run, when it is one with --json (submit,
// image, import) and --json was asked; "" otherwise. It reads the words
// themselves: when flag parsing failed, the flag set never got to --json.
func jsonCommand(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil {
		return ""
	}
	switch c.Name() {
	case "submit", "image", "import":
		if boolFlag(args, "--json") {
			return c.Name()
		}
	}
	return ""
}

// boolFlag reports whether args set the boolean flag name ("--json"), as
// written, before any "--".
func boolFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == name {
			return true
		}
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			on, err := strconv.ParseBool(v)
			return on || err != nil // a value that is no boolean still asked for it
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
