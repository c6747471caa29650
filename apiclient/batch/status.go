package batch

import (
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Status is what became of a row, as the journal, the results file, the
// --json lines and the summary say it.
type Status string

// The statuses of a row.
const (
	// StatusCreated: the server created the record (now, in an earlier
	// run, or as a lookup found after an unknown outcome).
	StatusCreated Status = "created"
	// StatusRejected: the server answered and created nothing.
	StatusRejected Status = "rejected"
	// StatusNotSent: nothing reached the server, after every retry.
	StatusNotSent Status = "not_sent"
	// StatusUnknown: the record may exist; the lookup could not tell.
	StatusUnknown Status = "unknown"
	// StatusInvalid: the check refused the row; it was not sent.
	StatusInvalid Status = "invalid"
	// StatusPending: not tried yet (the import was stopped first).
	StatusPending Status = "pending"
)

// StatusOf is the journal's status for a failed send, as the failure
// policy reads it: a 429 is "not sent" (nothing was created; the server
// asked to wait), otherwise the policy's outcome.
func StatusOf(f apiclient.Failure) Status {
	switch {
	case f.Reason == apiclient.ReasonRateLimited, f.Outcome == apiclient.OutcomeNotSent:
		return StatusNotSent
	case f.Outcome == apiclient.OutcomeRejected:
		return StatusRejected
	}
	return StatusUnknown
}

// Why a lookup could not settle an unknown outcome, as the journal keeps it.
const (
	LookupUnsupported = "unsupported" // the server does not answer lookups
	LookupFailed      = "failed"      // the lookup itself failed
	LookupSeveral     = "several"     // more than one submission matches the record
	LookupUnfiltered  = "unfiltered"  // the answer listed others' submissions, none of this record's
)

// lookupWords says in language l, after an unknown outcome, why the
// lookup did not settle it.
func lookupWords(l i18n.Lang, lookup string, matches int) string {
	switch lookup {
	case LookupUnsupported:
		return i18n.In(l, "batch.lookup.unsupported")
	case LookupFailed:
		return i18n.In(l, "batch.lookup.failed")
	case LookupSeveral:
		return i18n.In(l, "batch.lookup.several", matches)
	case LookupUnfiltered:
		return i18n.In(l, "batch.lookup.unfiltered")
	}
	return ""
}

// ErrorText is what the results file, the --json lines and the screen say
// about a row that was not created, in language l: the failure policy's
// title, the code and field the server named, and for an unknown outcome
// why the lookup could not settle it. It is built from what the journal
// keeps, so a row reads the same while the import runs and after it, in
// any later run.
func ErrorText(l i18n.Lang, fr apiclient.FailureRecord, lookup string, matches int) string {
	if fr.Reason == "" {
		if lookup != "" {
			return i18n.In(l, "batch.result.stopped_lookup", lookupWords(l, lookup, matches))
		}
		return i18n.In(l, "batch.result.stopped")
	}
	f := fr.Failure()
	title := titleWithFacts(l, f)
	if f.Outcome == apiclient.OutcomeUnknown {
		if w := lookupWords(l, lookup, matches); w != "" {
			return i18n.In(l, "batch.result.unknown_lookup", title, w)
		}
		return i18n.In(l, "batch.result.unknown", title)
	}
	return title
}

// ImageOutcome is what became of the images a row names, as the results
// file's images column, the --json lines and the summary say it (the same
// English words in every language).
type ImageOutcome string

// The outcomes of a row's images.
const (
	// ImagesNone: the row names no image, or it is invalid or rejected
	// by the server (neither it nor its images are sent until it is
	// fixed).
	ImagesNone ImageOutcome = "none"
	// ImagesSent: attached to the row's submission.
	ImagesSent ImageOutcome = "sent"
	// ImagesFailed: the record exists, its images were not
	// attached (ImageErrorText says why); a rerun sends them again.
	ImagesFailed ImageOutcome = "failed"
	// ImagesPending: not sent yet: the record (a valid row) is not
	// created, or the run stopped before its images went.
	ImagesPending ImageOutcome = "pending"
)

// reasonImageFile is the journal's reason for images that were not sent
// because a file no longer passed the check when its turn came (changed,
// moved or removed since the preflight): nothing reached the server. The
// failure policy reads what the server and the network do; a file that
// fails the check is the check's finding, said here.
const reasonImageFile apiclient.Reason = "image_file"

// reasonWizardValues is the journal's reason for images not sent because
// their record was sent from the wizard with an admin or idType the
// journal did not keep, and the row now says others: nothing is guessed,
// nothing was sent.
const reasonWizardValues apiclient.Reason = "wizard_values"

// ImageErrorText is what the results file's image_error cell, the --json
// lines and the screen say about images that were not attached, in
// language l: the failure policy's title for the image call, the code and
// field the server named. It is built from what the journal keeps.
func ImageErrorText(l i18n.Lang, fr apiclient.FailureRecord) string {
	switch fr.Reason {
	case reasonImageFile:
		return i18n.In(l, "batch.images.file_failed", fr.Field)
	case reasonWizardValues:
		return i18n.In(l, "batch.images.wizard_values")
	}
	if fr.Reason == "" {
		return i18n.In(l, "batch.images.stopped")
	}
	fr.Images = true
	f := fr.Failure()
	title := titleWithFacts(l, f)
	return title
}

// imageOutcomeOf is the images' outcome of a created record, as the
// journal has it: sent, failed, or pending (never sent, or cut short) when
// the row names images; none when it names none.
func imageOutcomeOf(st ImageState, hasImages bool) ImageOutcome {
	switch {
	case st == ImageStateSent:
		return ImagesSent
	case st == ImageStateFailed:
		return ImagesFailed
	case hasImages:
		return ImagesPending
	}
	return ImagesNone
}

// unsentImages is the images' outcome of a row whose record is not
// created and has status st: pending when it names images and its record
// may still go (not sent yet, unknown, a stopped run); none when it names
// none, or when the row cannot go until it is fixed (invalid, or rejected
// by the server): its images wait for the record, and are not counted as
// about to be sent.
func unsentImages(rec *Record, st Status) ImageOutcome {
	if rec.HasImages() && st != StatusInvalid && st != StatusRejected {
		return ImagesPending
	}
	return ImagesNone
}

// titleWithFacts is the failure's title in language l, followed by the
// facts behind it when it has any (the answer's status and code, the
// field): "The admin account was refused (HTTP 400 invalid_admin, field
// admin)".
func titleWithFacts(l i18n.Lang, f apiclient.Failure) string {
	title := f.Title
	if l != i18n.Language() {
		title, _ = f.English()
	}
	var facts []string
	if f.Status != 0 || f.Code != "" {
		facts = append(facts, f.Detail)
	}
	if f.Field != "" {
		facts = append(facts, i18n.In(l, "batch.result.field", f.Field))
	}
	if len(facts) > 0 {
		title = i18n.In(l, "batch.result.facts", title, strings.Join(facts, ", "))
	}
	return title
}
