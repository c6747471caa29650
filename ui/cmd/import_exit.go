package cmd

import (
	"errors"

	"argos-migrate/apiclient/batch"
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
// nothing more and exits with ExitCode.
type ImportResultError struct {
	Code int
	Msg  string
}

func (e *ImportResultError) Error() string { return e.Msg }

// ExitCode is the exit code main uses.
func (e *ImportResultError) ExitCode() int { return e.Code }

// Is makes it match ErrReported (main prints nothing more), and a stopped
// import ErrCancelled.
func (e *ImportResultError) Is(target error) bool {
	return target == ErrReported || (target == ErrCancelled && e.Code == importExitStopped)
}

// importExit is the exit code of an import from the state of every row
// once the run is over: stopped first (resumable), then anything that may
// exist or was not sent (run it again), then refusals, then success.
func importExit(res batch.Result, t batch.Totals) (int, string) {
	switch {
	case res.Stopped == batch.StopOperator || res.Stopped == batch.StopAborted:
		return importExitStopped, "stopped: run the same command again to go on"
	case t.Unknown > 0 || t.NotSent > 0 || res.Stopped == batch.StopErrors || res.Stopped == batch.StopJournal:
		return importExitUnknown, "some records may exist or were not sent: run the same command again; it looks up what may exist before sending it"
	case res.Stopped == batch.StopRefused:
		var re *batch.RefusedError
		if errors.As(res.Err, &re) {
			f := re.Failure.Failure()
			return importExitRefused, "the import stopped at a refusal every row would meet. " + f.Explain + " Then run the same command again; nothing was created twice"
		}
		return importExitRefused, "the import stopped at a refusal every row would meet: fix it, then run the same command again"
	case t.Rejected > 0 || t.Invalid > 0 || res.Stopped != batch.StopNone || t.Pending > 0:
		return importExitRefused, "some rows were not imported: fix them in the rejects file (or in the wizard) and import again"
	}
	return importExitOK, ""
}
