package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
)

// Record is one row mapped to the API's fields, with what is wrong with it.
type Record struct {
	Row  int // the data row, 1-based
	Line int // the line of the file where the row starts
	// Submission is the record as it would be sent (empty fields are left
	// out of the body).
	Submission apiclient.Submission
	// Problems lists what keeps the record from being sent: values the
	// mapping could not read, then the rulebook's findings (Checker.Check).
	Problems []*apiclient.FieldError
	// RepeatOf is the earlier row whose email (or user id) this row repeats,
	// 0 when none; RepeatOf is -1 when that row is past what the table of
	// repeats can number (see maxRow). RepeatField is "email" or "userid".
	RepeatOf    int
	RepeatField string
	// RepeatEarlier marks a row of a rejects file read again that was
	// refused as a repeat the first time: the row it repeated is not in
	// this file, and may have been imported. It stays refused until the
	// operator empties its error cell (see Mapper.Map).
	RepeatEarlier bool
}

// Valid reports whether the record may be sent: no problem, no repeat.
func (r *Record) Valid() bool { return len(r.Problems) == 0 && r.RepeatField == "" }

// Repeated reports whether the record's only fault is that it repeats an
// earlier row.
func (r *Record) Repeated() bool { return len(r.Problems) == 0 && r.RepeatField != "" }

// RepeatMessage says which row this one repeats, or "".
func (r *Record) RepeatMessage() string {
	if r.RepeatField == "" {
		return ""
	}
	if r.RepeatEarlier {
		return fmt.Sprintf("repeats the %s of a row of the file these rejects came from, which may be imported already: change the %s, or empty this error cell to import the row anyway",
			r.RepeatField, r.RepeatField)
	}
	which := "an earlier row"
	if r.RepeatOf > 0 {
		which = fmt.Sprintf("row %d", r.RepeatOf)
	}
	return fmt.Sprintf("repeats the %s of %s: only the first is imported; remove one, or give each its own", r.RepeatField, which)
}

// Fingerprint is a stable name for a mapped record: the SHA-256, in hex, of
// its body as it would be sent (apiclient.Submission.Body: the API's field
// order, empty fields left out, no HTML escaping, no trailing newline). Two
// records have the same fingerprint exactly when they would send the same
// bytes, so a journal can tell a row that changed between two runs from one
// that did not, without keeping the values.
func Fingerprint(s apiclient.Submission) string {
	// Body cannot fail: a Submission is strings only, which JSON encodes
	// always.
	body, _ := s.Body()
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Fingerprint is the record's Fingerprint.
func (r *Record) Fingerprint() string { return Fingerprint(r.Submission) }

// isFormulaStart reports whether a spreadsheet would run a cell starting
// with c as a formula (or a DDE command) instead of showing it.
func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// guard keeps a spreadsheet from running a cell of a rejects file: a value
// that would start a formula gets a single quote in front, which a
// spreadsheet shows as text. Values that already start with quotes before
// such a character get one more, so that unguard gives back exactly the
// value that was guarded.
func guard(v string) string {
	t := strings.TrimLeft(v, "'")
	if t != "" && isFormulaStart(t[0]) {
		return "'" + v
	}
	return v
}

// unguard undoes guard, for a rejects file read again.
func unguard(v string) string {
	if len(v) >= 2 && v[0] == '\'' {
		if t := strings.TrimLeft(v, "'"); t != "" && isFormulaStart(t[0]) {
			return v[1:]
		}
	}
	return v
}
