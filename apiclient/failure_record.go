package apiclient

import (
	"fmt"

	"argos-migrate/apiclient/i18n"
)

// AffectsAll reports whether the failure is about how records are sent, not
// about this record: the key was refused, the URL does not lead to the API
// (a gateway's "wrong path", a redirect), or the encryption setting is the
// other way round. Every other record sent the same way would meet it, so a
// batch stops at the first instead of sending the rest into it.
func (f Failure) AffectsAll() bool {
	switch f.Reason {
	case ReasonKeyRefused, ReasonInvalidProject, ReasonWrongURL, ReasonEncryption, ReasonDecrypt, ReasonRedirect:
		return true
	}
	return f.Encryption != EncryptionOK
}

// FailureRecord is a Failure in the few words a journal keeps: what the
// policy concluded and the server's code, never the server's message or
// anything of the record, so that it may be stored beside personal data
// without being personal data itself. Failure rebuilds the rest.
type FailureRecord struct {
	Reason     Reason
	Outcome    Outcome
	Status     int    // the HTTP status, 0 when the server did not answer
	Code       string // the server's errorCode
	Field      string // the API field to correct, "" when none
	Encryption EncryptionHint
	// Images: the failure was of the image call; Field is then one of its
	// fields (submissionId, admin, idType, an image).
	Images bool
}

// Record is the failure in the words a journal keeps.
func (f Failure) Record() FailureRecord {
	return FailureRecord{Reason: f.Reason, Outcome: f.Outcome, Status: f.Status, Code: f.Code,
		Field: f.Field, Encryption: f.Encryption, Images: f.Images}
}

// Failure rebuilds the failure a record was made from, as far as its words
// go: the same title and explanation (the policy's words for its reason),
// and a detail naming the status and code. The server's note is not kept:
// a field to correct gets the code as its note.
func (r FailureRecord) Failure() Failure {
	f := Failure{Reason: r.Reason, Outcome: r.Outcome, Status: r.Status, Code: Sanitize(r.Code),
		Encryption: r.Encryption, Images: r.Images}
	if _, ok := Spec(r.Field); ok || (r.Images && IsImageField(r.Field)) {
		f.Field, f.Named = r.Field, r.Field
	}
	if f.Field != "" {
		f.Note = f.Code
		if f.Note == "" {
			f.Note = string(f.Reason)
		}
	}
	f.Title, f.Explain = f.words(i18n.Language())
	switch {
	case f.Status != 0 && f.Code != "":
		f.Detail = fmt.Sprintf("HTTP %d %s", f.Status, f.Code)
	case f.Status != 0:
		f.Detail = fmt.Sprintf("HTTP %d", f.Status)
	default:
		f.Detail = Sanitize(string(f.Reason))
	}
	return f
}
