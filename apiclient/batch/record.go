package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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
	// Images are the image files the row names, as its cells give them,
	// by kind in the vendor's order (apiclient.ImageKinds); "" for none.
	// They are not part of the record sent, nor of its fingerprint.
	Images [4]string
	// imageCols are the columns (from 1; 0 for none) Images were read
	// from: a rejects file written elsewhere rewrites those cells.
	imageCols [4]int
	// imageProblems counts the problems of the images (the last ones of
	// Problems); imageFiles, imageBytes and largeImages the files that
	// passed the check.
	imageProblems, imageFiles, largeImages int
	imageBytes                             int64
	// said holds the words of the problems the mapping and the image
	// check found (nil at the rulebook's), by index in Problems, so that
	// they can be said in English too.
	said []*i18n.Error
}

// addProblem adds a problem the mapping found, in words of the catalog.
func (r *Record) addProblem(field, code string, words *i18n.Error) {
	r.Problems = append(r.Problems, &apiclient.FieldError{Field: field, Code: code, Message: words.Error()})
	r.said = append(r.said, words)
}

// ProblemText is problem i as a view shows it, in the run's language:
// "field: message". The mapping's and the image check's findings keep
// their catalog words (the FieldError holds them in English only), so
// every view that lists a record's problems says them through here.
func (r *Record) ProblemText(i int) string {
	p := r.Problems[i]
	if i >= len(r.said) || r.said[i] == nil {
		return p.Error()
	}
	msg := r.said[i].In(i18n.Language()) // the mapping's words carry no suggestion
	if p.Field == "" {
		return msg
	}
	return p.Field + ": " + msg
}

// problemIn is problem i's message in language l: the mapping's words, or
// the rulebook's message (in the rulebook's words).
func (r *Record) problemIn(l i18n.Lang, i int) string {
	if i < len(r.said) && r.said[i] != nil {
		return r.said[i].In(l)
	}
	return r.Problems[i].MessageIn(l)
}

// fieldProblem is a rulebook finding as an error: its detail (the message
// and a suggestion, without the field's name), in the rulebook's words.
type fieldProblem struct{ p *apiclient.FieldError }

func (f fieldProblem) Error() string { return f.p.Detail() }

// In is the detail in language l, so that --json can say it in English.
func (f fieldProblem) In(l i18n.Lang) string { return f.p.DetailIn(l) }

// Valid reports whether the record may be sent: no problem, no repeat.
func (r *Record) Valid() bool { return len(r.Problems) == 0 && r.RepeatField == "" }

// Repeated reports whether the record's only fault is that it repeats an
// earlier row.
func (r *Record) Repeated() bool { return len(r.Problems) == 0 && r.RepeatField != "" }

// RepeatMessage says which row this one repeats, or "", in the run's
// language.
func (r *Record) RepeatMessage() string { return r.repeatIn(i18n.Language()) }

// repeatIn says which row this one repeats in language l. Each message
// starts with the words of batch.repeat.marker, by which a rejects file
// read again knows its repeats (see Mapper.Map), in either language.
func (r *Record) repeatIn(l i18n.Lang) string {
	switch {
	case r.RepeatField == "":
		return ""
	case r.RepeatEarlier:
		return i18n.In(l, "batch.repeat.earlier_file", r.RepeatField)
	case r.RepeatOf > 0:
		return i18n.In(l, "batch.repeat.row", r.RepeatField, strconv.Itoa(r.RepeatOf))
	}
	return i18n.In(l, "batch.repeat.earlier_row", r.RepeatField)
}

// repeatMarked reports whether a rejects file's error cell says that the
// row repeated another's field, in any language argos-migrate speaks.
func repeatMarked(errCell, field string) bool {
	for _, m := range repeatMarkers()[field] {
		if strings.Contains(errCell, m) {
			return true
		}
	}
	return false
}

// repeatMarkers are the words that start a repeat's error cell, by field,
// in every language.
var repeatMarkers = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, f := range []string{apiclient.FieldEmail, apiclient.FieldUserID} {
		for _, l := range i18n.Langs {
			out[f] = append(out[f], f+": "+i18n.In(l, "batch.repeat.marker", f))
		}
	}
	return out
})

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
