// Package batch is the engine of `argos-migrate import` up to the point of
// sending: it reads a customer's export (CSV, JSON Lines or a JSON array, in
// UTF-8, UTF-16 or CP949) as a stream of rows, maps each row's columns to the
// fields of the migration API, checks every record against the one rulebook
// (apiclient.Validate), flags rows that repeat an earlier row's email or user
// id, and writes the rows it refuses to a rejects file that can be fixed in a
// spreadsheet and imported again.
//
// Nothing here grows with the number of rows except the table of repeats
// (a few bytes per row, see seen.go), and nothing here imports a Charm
// package: the command and the progress screen drive it.
//
// The seams for sending: Reader and Mapper give a Record per row in file
// order; Checker decides whether it may be sent; Fingerprint names the
// record for a journal; Source.Row fetches one row again by its number.
package batch

import (
	"strconv"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// InputError is input that cannot be read as rows: a quote that never
// closes, a row with the wrong number of values, bytes in the wrong
// encoding, an empty file. Line is the line of the file it names (1-based),
// or 0 when the problem is the file as a whole; Msg says what is wrong, in
// the words of the "batch" catalog.
type InputError struct {
	Line int
	Msg  *i18n.Error
}

// Error reads "line 12: this row has 9 values but the header has 8
// columns: …", in the run's language.
func (e *InputError) Error() string { return e.In(i18n.Language()) }

// English is the error in English, for --json.
func (e *InputError) English() string { return e.In(i18n.EN) }

// In is the error in language l.
func (e *InputError) In(l i18n.Lang) string {
	if e.Line <= 0 {
		return e.Msg.In(l)
	}
	return i18n.In(l, "batch.input.at_line", strconv.Itoa(e.Line), e.Msg.In(l))
}

// Unwrap makes an InputError match apiclient.ErrInvalidPayload: the input
// could not be read, nothing was sent (exit code 2).
func (e *InputError) Unwrap() error { return apiclient.ErrInvalidPayload }

// inputError is an InputError at line with the message id.
func inputError(line int, id string, a ...any) *InputError {
	return &InputError{Line: line, Msg: i18n.Err(id, a...)}
}
