package batch

import (
	"fmt"
	"strings"

	"argos-migrate/apiclient"
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

// lookupWords says, after an unknown outcome, why the lookup did not settle
// it.
func lookupWords(lookup string, matches int) string {
	switch lookup {
	case LookupUnsupported:
		return "the server does not answer lookups"
	case LookupFailed:
		return "the lookup failed"
	case LookupSeveral:
		return fmt.Sprintf("%d submissions match its email and user id", matches)
	case LookupUnfiltered:
		return "the lookup listed other people's submissions and none of this record's"
	}
	return ""
}

// ErrorText is what the results file, the --json lines and the screen say
// about a row that was not created: the failure policy's title, the code
// and field the server named, and for an unknown outcome why the lookup
// could not settle it. It is built from what the journal keeps, so a row
// reads the same while the import runs and after it, in any later run.
func ErrorText(fr apiclient.FailureRecord, lookup string, matches int) string {
	if fr.Reason == "" {
		if lookup != "" {
			return "Stopped while sending; " + lookupWords(lookup, matches) + ": check the dashboard"
		}
		return "Stopped while sending: the next run looks it up before sending it again"
	}
	f := fr.Failure()
	var b strings.Builder
	b.WriteString(f.Title)
	var facts []string
	if f.Status != 0 || f.Code != "" {
		facts = append(facts, f.Detail)
	}
	if f.Field != "" {
		facts = append(facts, "field "+f.Field)
	}
	if len(facts) > 0 {
		b.WriteString(" (" + strings.Join(facts, ", ") + ")")
	}
	if f.Outcome == apiclient.OutcomeUnknown {
		if w := lookupWords(lookup, matches); w != "" {
			b.WriteString("; " + w + ": check the dashboard")
		} else {
			b.WriteString(": it may exist; the next run looks it up before sending it again")
		}
	}
	return b.String()
}
