package apiclient_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// A batch stops at the first failure that every record would meet: the
// key, the URL, the encryption setting. Every reason is judged here, so a
// new one cannot go unjudged.
func TestFailureAffectsAll(t *testing.T) {
	all := map[apiclient.Reason]bool{
		apiclient.ReasonKeyRefused: true, apiclient.ReasonInvalidProject: true, apiclient.ReasonWrongURL: true,
		apiclient.ReasonEncryption: true, apiclient.ReasonDecrypt: true, apiclient.ReasonRedirect: true,
	}
	errs := []error{
		&apiclient.APIError{Status: 403}, &apiclient.APIError{Status: 401},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidProject},
		&apiclient.APIError{Status: 403, Message: "Missing Authentication Token"},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn},
		&apiclient.APIError{Status: 400, Err: apiclient.ErrDecrypt},
		&apiclient.RedirectError{Status: 307, Host: "h", Record: true},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidFormat, Field: "birthDate"},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeMissingData},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidParameter, Field: "cf1"},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeProcessingError},
		&apiclient.APIError{Status: 413}, &apiclient.APIError{Status: 429}, &apiclient.APIError{Status: 500},
		&apiclient.APIError{Status: 200}, &apiclient.APIError{Status: 418},
		&apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")},
		&apiclient.TransportError{Op: "sending to h", Sent: true, Err: errors.New("connection reset")},
		context.Canceled, errors.New("boom"),
	}
	for _, err := range errs {
		f := apiclient.Classify(err, apitest.Sample())
		if f.AffectsAll() != all[f.Reason] {
			t.Errorf("%v (%s): AffectsAll = %v", err, f.Reason, f.AffectsAll())
		}
	}
	// An answer that shows the encryption setting is wrong stops a batch
	// whatever its code: the next record would not be read either.
	hinted := apiclient.Classify(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin, Encryption: apiclient.EncryptionTurnOn}, apitest.Sample())
	if !hinted.AffectsAll() {
		t.Error("an encryption hint does not stop a batch")
	}
}

// A failure kept as a FailureRecord (no message, no value) reads again with
// the policy's own title and explanation, and names the same field.
func TestFailureRecordRoundTrip(t *testing.T) {
	errs := []error{
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin, Message: "Invalid admin."},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidFormat, Message: "invalid format: birthDate", Field: "birthDate"},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidParameter, Message: "invalid parameter: cf9", Field: "cf9"},
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn},
		&apiclient.APIError{Status: 500, Message: "Internal server error"},
		&apiclient.APIError{Status: 429, RetryAfter: 3 * time.Second},
		&apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")},
		&apiclient.TransportError{Op: "sending to h", Sent: true, Err: errors.New("connection reset by peer")},
	}
	for _, err := range errs {
		f := apiclient.Classify(err, apitest.Sample())
		got := f.Record().Failure()
		if got.Reason != f.Reason || got.Outcome != f.Outcome || got.Field != f.Field || got.Title != f.Title {
			t.Errorf("%v: recalled as %+v, was %+v", err, got, f)
		}
		// A wait asked for and a name that is none of the API's fields (it
		// could be any text) are not kept: those explanations are vaguer.
		if _, named := apiclient.Spec(f.Named); f.RetryAfter == 0 && (f.Named == "" || named) && got.Explain != f.Explain {
			t.Errorf("%v: explained %q, was %q", err, got.Explain, f.Explain)
		}
		if got.Field != "" && got.Note == "" {
			t.Errorf("%v: a field to fix without a note", err)
		}
		if got.Detail == "" || strings.Contains(got.Detail, "Invalid admin.") {
			t.Errorf("%v: detail %q (the server's message is not kept)", err, got.Detail)
		}
	}
}
