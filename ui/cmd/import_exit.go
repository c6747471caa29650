package cmd

import (
	"errors"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// Exit codes of an import that ran, as `import --help` documents them.
const (
	importExitOK      = 0
	importExitRefused = 1
	importExitUnknown = 3
	importExitStopped = 130
)

// ImportResultError is an import that ran and did not create every row.
// Its summary is already on stderr (or in the --json summary); main prints
// nothing more and exits with ExitCode. Msg is the next step.
type ImportResultError struct {
	Code int
	Msg  *i18n.Error
	// Images: every record was created, or refused as its row says, and
	// some rows' images were not attached.
	Images bool
}

func (e *ImportResultError) Error() string {
	if e.Msg == nil {
		return ""
	}
	return e.Msg.Error()
}

// English is the next step in English, for the --json summary.
func (e *ImportResultError) English() string {
	if e.Msg == nil {
		return ""
	}
	return e.Msg.English()
}

// ExitCode is the exit code main uses.
func (e *ImportResultError) ExitCode() int { return e.Code }

// Is makes it match ErrReported (main prints nothing more), and a stopped
// import ErrCancelled.
func (e *ImportResultError) Is(target error) bool {
	return target == ErrReported || (target == ErrCancelled && e.Code == importExitStopped)
}

// importExit is the exit code of an import from the state of every row
// once the run is over, and the next step: stopped first (resumable), then
// anything that may exist or was not sent (run it again), then refusals,
// then success (no next step).
//
// Images that failed (their records exist) exit 1 like a refusal: the
// records are there, the run is not done, and the results file's
// image_error says what to fix before running it again.
func importExit(res batch.Result, t batch.Totals) (int, *i18n.Error) {
	switch {
	case res.Stopped == batch.StopOperator || res.Stopped == batch.StopAborted:
		return importExitStopped, i18n.Err("import.exit.stopped")
	case t.Unknown > 0 || res.Stopped == batch.StopJournal:
		return importExitUnknown, i18n.Err("import.exit.unknown")
	case t.NotSent > 0 || res.Stopped == batch.StopErrors:
		// Nothing may exist: what was not sent is sent by the next run.
		return importExitUnknown, i18n.Err("import.exit.not_sent")
	case res.Stopped == batch.StopRefused:
		var re *batch.RefusedError
		if errors.As(res.Err, &re) {
			return importExitRefused, i18n.Err("import.exit.refused_explain", failureExplain{re.Failure.Failure()})
		}
		return importExitRefused, i18n.Err("import.exit.refused")
	case t.Rejected > 0 || t.Invalid > 0 || res.Stopped != batch.StopNone || t.Pending > 0:
		return importExitRefused, i18n.Err("import.exit.not_imported")
	case t.ImagesFailed > 0 || t.ImagesPending > 0:
		return importExitRefused, i18n.Err("import.exit.images_failed")
	}
	return importExitOK, nil
}

// failureExplain is the failure policy's explanation of a failure, as an
// argument of a message: in the run's language, or in English.
type failureExplain struct{ f apiclient.Failure }

func (x failureExplain) Error() string { return x.f.Explain }

// In is the explanation in language l.
func (x failureExplain) In(l i18n.Lang) string {
	if l == i18n.EN && i18n.Language() != i18n.EN {
		_, explain := x.f.English()
		return explain
	}
	return x.f.Explain
}
