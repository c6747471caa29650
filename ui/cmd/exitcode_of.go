package cmd

import (
	"context"
	"errors"

	"argos-migrate/apiclient"
	"argos-migrate/ui"
)

// ExitCodeOf is the one place errors become exit codes: main's, and the
// code the import's --json summary names.
func ExitCodeOf(err error) int {
	var apiErr *apiclient.APIError
	var redirect *apiclient.RedirectError
	var imported *ImportResultError // an import that ran: its summary chose the code
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &imported):
		return imported.ExitCode()
	case errors.Is(err, ErrOutputLost):
		return ExitUnprinted
	case errors.Is(err, ui.ErrCrash):
		return ExitCrash
	case errors.Is(err, ErrReported):
		return ExitFailed // e.g. auth status with no usable key, as gh auth status does
	case errors.Is(err, ErrCancelled), errors.Is(err, context.Canceled):
		// Stopped while a record was out (ctrl+c, SIGTERM, SIGHUP): the
		// record may exist, which is what 3 says and 130 must not: a
		// script that runs a cancelled command again would create it
		// twice. A key check posts an empty record, which creates nothing.
		if apiclient.MaybeCreated(err) && !errors.Is(err, apiclient.ErrKeyUnchecked) && !errors.Is(err, apiclient.ErrKeyRefused) {
			return ExitNetwork
		}
		return ExitCancelled
	case errors.Is(err, apiclient.ErrOutcomeUnknown), errors.Is(err, apiclient.ErrNotSent), errors.As(err, &redirect):
		return ExitNetwork
	case errors.As(err, &apiErr):
		// The failure policy decides: a refusal that created nothing is a
		// rejection; "may exist" and "slow down" are the network's.
		if f := apiclient.Classify(err, apiclient.Submission{}); f.Outcome == apiclient.OutcomeRejected && !f.Retryable() {
			return ExitFailed
		}
		return ExitNetwork
	case errors.Is(err, apiclient.ErrInvalidRecord), errors.Is(err, apiclient.ErrInvalidPayload),
		errors.Is(err, apiclient.ErrNoKey), errors.Is(err, apiclient.ErrInvalidKey),
		errors.Is(err, ErrUsage), errors.Is(err, apiclient.ErrInvalidImages):
		return ExitInvalid
	}
	return ExitFailed
}
