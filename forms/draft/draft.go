// Package draft is the form's saved state: the record an operator is editing,
// kept between sessions with what happened the last time it was sent, so that
// nothing typed is lost and nothing is created twice. A draft is one file per
// profile, owner-only, written atomically and encrypted with AES-256-GCM under
// a key kept in the OS keyring; a lock keeps two wizards from writing one
// draft. It links no Charm module: accessible mode uses it too.
package draft

import (
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Version is the format version this build writes. Version 2 binds an
// encrypted file to its profile and kind instead of its file name, so that
// backups open. Versions 0 (no envelope, written by the first prototype) and
// 1 are still read; a file with a higher version is moved aside rather than
// misread.
const Version = 2

// OutcomeKind says what happened the last time the record was sent: the
// failure policy's outcome (apiclient.Classify), or none.
type OutcomeKind = apiclient.Outcome

// The outcomes a draft remembers.
const (
	// OutcomeNone: never sent.
	OutcomeNone OutcomeKind = ""
	// OutcomeNotSent: nothing reached the server; sending again cannot
	// create a duplicate.
	OutcomeNotSent = apiclient.OutcomeNotSent
	// OutcomeRejected: the server answered with an error and created nothing.
	OutcomeRejected = apiclient.OutcomeRejected
	// OutcomeUnknown: the record may exist; look it up before sending again.
	OutcomeUnknown = apiclient.OutcomeUnknown
)

// Outcome is what happened to the last submit of a draft.
type Outcome struct {
	Kind    OutcomeKind `json:"kind,omitempty"`
	Status  int         `json:"status,omitempty"`  // HTTP status, when the server answered
	Code    string      `json:"code,omitempty"`    // the server's errorCode
	Field   string      `json:"field,omitempty"`   // the wire key the server (or we) blamed
	Message string      `json:"message,omitempty"` // sanitized, one line
	At      time.Time   `json:"at,omitzero"`
}

// Summary is the outcome in a few words, in the run's language: "rejected:
// invalid_admin (admin)", "outcome unknown: the record may have been
// created", "not sent", "". The code and the
// field come from the draft file, so they are sanitized: a hand-edited file
// must not act on the terminal of whoever shows it.
func (o Outcome) Summary() string {
	switch o.Kind {
	case OutcomeRejected:
		what := apiclient.Sanitize(o.Code)
		if what == "" && o.Status != 0 {
			what = "HTTP " + strconv.Itoa(o.Status)
		}
		field := apiclient.Sanitize(o.Field)
		switch {
		case what != "" && field != "":
			return i18n.T("drafts.outcome.rejected_field", what, field)
		case what != "":
			return i18n.T("drafts.outcome.rejected_code", what)
		case field != "":
			return i18n.T("drafts.outcome.rejected_only_field", field)
		}
		return i18n.T("drafts.outcome.rejected")
	case OutcomeUnknown:
		return i18n.T("drafts.outcome.unknown")
	case OutcomeNotSent:
		return i18n.T("drafts.outcome.not_sent")
	}
	return ""
}

// OutcomeOf records a failed submit of rec as the failure policy reads it:
// the outcome, what the server answered, and the field to open on resume
// (the one the server named, the admin account for invalid_admin, the first
// required field left empty for missing_data).
func OutcomeOf(err error, rec apiclient.Submission, at time.Time) Outcome {
	if err == nil {
		return Outcome{At: at}
	}
	f := apiclient.Classify(err, rec)
	o := Outcome{Kind: f.Outcome, At: at, Status: f.Status, Code: f.Code, Message: oneLine(f.Detail)}
	if f.Outcome == OutcomeRejected {
		o.Field = f.Field
	}
	return o
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// Draft is a record being edited, with where it was going and what happened
// last time. It is what the wizard saves and resumes.
type Draft struct {
	Version    int                  `json:"version"`
	Submission apiclient.Submission `json:"submission"`
	SavedAt    time.Time            `json:"savedAt"`
	Profile    string               `json:"profile"`
	APIURL     string               `json:"apiUrl,omitempty"`
	Outcome    Outcome              `json:"outcome,omitzero"`
	// Plain says the file was stored in clear (by a session without an OS
	// keyring); it is not part of the file. Reseal encrypts it.
	Plain bool `json:"-"`
}

// Headline is the resume question's middle: "the draft from 14:02
// yesterday — rejected: invalid_admin (admin)".
func (d Draft) Headline(now time.Time) string {
	s := i18n.T("drafts.headline.saved", When(d.SavedAt, now))
	if sum := d.Outcome.Summary(); sum != "" {
		s = i18n.T("drafts.headline.with_outcome", s, sum)
	}
	return s
}

// When says a past time the way people do, in the run's language: "14:02
// today", "14:02 yesterday", "Mon 14:02", "2026-03-01 14:02" (in Korean
// "오늘 14:02", "어제 14:02", "월요일 14:02").
func When(t, now time.Time) string {
	t = t.In(now.Location())
	clock := t.Format("15:04")
	y1, m1, d1 := t.Date()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	day := time.Date(y1, m1, d1, 0, 0, 0, 0, now.Location())
	switch days := int(today.Sub(day).Hours() / 24); {
	case days == 0:
		return i18n.T("drafts.when.today", clock)
	case days == 1:
		return i18n.T("drafts.when.yesterday", clock)
	case days > 1 && days < 7:
		return i18n.T(weekdays[t.Weekday()], clock)
	}
	return t.Format("2006-01-02 15:04")
}

// weekdays are the messages of a time earlier this week, by its day.
var weekdays = [7]string{"drafts.when.sun", "drafts.when.mon", "drafts.when.tue", "drafts.when.wed",
	"drafts.when.thu", "drafts.when.fri", "drafts.when.sat"}
