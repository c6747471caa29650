package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// policyWant is what the failure policy must conclude.
type policyWant struct {
	reason    apiclient.Reason
	outcome   apiclient.Outcome
	retryable bool
	keyWrong  bool
	field     string
}

// Every fault of the matrix, through a real client on loopback, is read the
// way the README's troubleshooting table says. A fault without an entry here
// fails the test, so a new fault cannot go unjudged.
func TestFailurePolicyOverTheFaultMatrix(t *testing.T) {
	notSent, rejected, unknown := apiclient.OutcomeNotSent, apiclient.OutcomeRejected, apiclient.OutcomeUnknown
	want := map[string]policyWant{
		"connection refused":    {apiclient.ReasonUnreachable, notSent, true, false, ""},
		"dns failure":           {apiclient.ReasonUnreachable, notSent, true, false, ""},
		"tls self-signed":       {apiclient.ReasonUnreachable, notSent, true, false, ""},
		"403":                   {apiclient.ReasonKeyRefused, rejected, false, true, ""},
		"400 invalid_payload":   {apiclient.ReasonEncryption, rejected, false, false, ""},
		"400 missing_data":      {apiclient.ReasonMissingData, rejected, false, false, apiclient.FieldAdmin},
		"400 invalid_project":   {apiclient.ReasonInvalidProject, rejected, false, true, ""},
		"400 invalid_admin":     {apiclient.ReasonInvalidAdmin, rejected, false, false, apiclient.FieldAdmin},
		"400 invalid_parameter": {apiclient.ReasonInvalidParameter, rejected, false, false, ""},
		"400 invalid_format":    {apiclient.ReasonInvalidFormat, rejected, false, false, apiclient.FieldBirthDate},
		"400 processing_error":  {apiclient.ReasonProcessingError, unknown, false, false, ""},
		"413":                   {apiclient.ReasonTooLarge, rejected, false, false, ""},
		"429":                   {apiclient.ReasonRateLimited, rejected, true, false, ""},
		"429 with Retry-After":  {apiclient.ReasonRateLimited, rejected, true, false, ""},
		"307 redirect":          {apiclient.ReasonRedirect, unknown, false, false, ""},
		"303 redirect":          {apiclient.ReasonRedirect, unknown, false, false, ""},
		"500":                   {apiclient.ReasonServerFailed, unknown, false, false, ""},
		"html 502":              {apiclient.ReasonServerFailed, unknown, false, false, ""},
		"504":                   {apiclient.ReasonServerFailed, unknown, false, false, ""},
		"reset after body":      {apiclient.ReasonNoAnswer, unknown, false, false, ""},
		"never answers":         {apiclient.ReasonNoAnswer, unknown, false, false, ""},
		"slow drip":             {apiclient.ReasonNoAnswer, unknown, false, false, ""},
		"200 not json":          {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 empty":             {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 without id":        {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 blank id":          {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 id with escape":    {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 id not UTF-8":      {apiclient.ReasonUnreadable, unknown, false, false, ""},
		"200 with 64 MB":        {apiclient.ReasonUnreadable, unknown, false, false, ""},
	}
	for _, fault := range apitest.Faults() {
		t.Run(fault.Name, func(t *testing.T) {
			w, ok := want[fault.Name]
			if !ok {
				t.Fatalf("the failure policy test has no expectation for the fault %q", fault.Name)
			}
			_, err := newClient(t, fault.URL(t), "k-policy", fault.Timeout).Submit(context.Background(), apitest.Sample())
			if err == nil {
				t.Fatal("Submit succeeded")
			}
			checkFailure(t, apiclient.Classify(err, apitest.Sample()), w)
		})
	}
}

// Every answer shape and error code, and every way the network fails, on
// its own: the table the fault matrix cannot reach (401, an undocumented
// code, a refused field that is not ours, a missing field on an incomplete
// record, encryption hints, cancellation on either side of the send).
func TestFailurePolicyForEveryError(t *testing.T) {
	notSent, rejected, unknown := apiclient.OutcomeNotSent, apiclient.OutcomeRejected, apiclient.OutcomeUnknown
	full := apitest.Sample()
	noEmail := apitest.Sample()
	noEmail.Email = ""
	api := func(status int, code, msg, field string) error {
		return fmt.Errorf("submitting: %w", &apiclient.APIError{Status: status, Code: code, Message: msg, Field: field})
	}
	cases := []struct {
		name string
		err  error
		rec  apiclient.Submission
		want policyWant
	}{
		{"invalid_payload, no hint", api(400, apiclient.CodeInvalidPayload, "Invalid payload.", ""), full,
			policyWant{apiclient.ReasonInvalidPayload, rejected, false, false, ""}},
		{"missing_data names the first empty required field", api(400, apiclient.CodeMissingData, "Required input data is missing.", ""), noEmail,
			policyWant{apiclient.ReasonMissingData, rejected, false, false, apiclient.FieldEmail}},
		{"invalid_format of one of ours", api(400, apiclient.CodeInvalidFormat, "invalid format: issueDate", "issueDate"), full,
			policyWant{apiclient.ReasonInvalidFormat, rejected, false, false, apiclient.FieldIssueDate}},
		{"invalid_format of no field", api(400, apiclient.CodeInvalidFormat, "invalid format: ", ""), full,
			policyWant{apiclient.ReasonInvalidFormat, rejected, false, false, ""}},
		{"invalid_parameter of one of ours", api(400, apiclient.CodeInvalidParameter, "invalid parameter: cf1", "cf1"), full,
			policyWant{apiclient.ReasonInvalidParameter, rejected, false, false, apiclient.FieldCF1}},
		{"401", api(401, "", "Unauthorized", ""), full, policyWant{apiclient.ReasonKeyRefused, rejected, false, true, ""}},
		{"403 for a path the gateway does not serve", api(403, "", "Missing Authentication Token", ""), full,
			policyWant{apiclient.ReasonWrongURL, rejected, false, false, ""}},
		{"an undocumented code", api(400, "teapot", "short and stout", ""), full, policyWant{apiclient.ReasonRefused, rejected, false, false, ""}},
		{"404 with no body", api(404, "", "", ""), full, policyWant{apiclient.ReasonRefused, rejected, false, false, ""}},
		{"503", api(503, "", "", ""), full, policyWant{apiclient.ReasonServerFailed, unknown, false, false, ""}},
		{"encrypted answer to a plain request, invalid_admin",
			&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin, Message: "Invalid admin.", Encryption: apiclient.EncryptionTurnOn}, full,
			policyWant{apiclient.ReasonInvalidAdmin, rejected, false, false, ""}},
		{"plain missing_data to an encrypted body",
			&apiclient.APIError{Status: 400, Code: apiclient.CodeMissingData, Encryption: apiclient.EncryptionTurnOff}, full,
			policyWant{apiclient.ReasonEncryption, rejected, false, false, ""}},
		{"a success that does not decrypt",
			&apiclient.APIError{Status: 200, Message: "could not decrypt", Err: apiclient.ErrDecrypt}, full,
			policyWant{apiclient.ReasonDecrypt, unknown, false, false, ""}},
		{"an error that does not decrypt",
			&apiclient.APIError{Status: 400, Message: "could not decrypt", Err: apiclient.ErrDecrypt}, full,
			policyWant{apiclient.ReasonDecrypt, rejected, false, false, ""}},
		{"refused before sending", &apiclient.TransportError{Op: "sending to 127.0.0.1:1", Err: errors.New("dial tcp: connection refused")}, full,
			policyWant{apiclient.ReasonUnreachable, notSent, true, false, ""}},
		{"cancelled before the body left", &apiclient.TransportError{Op: "sending to h", Err: fmt.Errorf("cancelled: %w", context.Canceled)}, full,
			policyWant{apiclient.ReasonCancelled, notSent, true, false, ""}},
		{"cancelled after the body left", &apiclient.TransportError{Op: "sending to h", Sent: true, Err: fmt.Errorf("cancelled: %w", context.Canceled)}, full,
			policyWant{apiclient.ReasonCancelled, unknown, false, false, ""}},
		{"timeout after sending", &apiclient.TransportError{Op: "sending to h", Sent: true,
			Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)}, full,
			policyWant{apiclient.ReasonNoAnswer, unknown, false, false, ""}},
		{"the program ended while sending", fmt.Errorf("%w: quit while the record was being sent", apiclient.ErrOutcomeUnknown), full,
			policyWant{apiclient.ReasonNoAnswer, unknown, false, false, ""}},
		{"a bare cancel", context.Canceled, full, policyWant{apiclient.ReasonCancelled, notSent, true, false, ""}},
		{"something else", errors.New("disk full"), full, policyWant{apiclient.ReasonUnexpected, notSent, true, false, ""}},
		{"a gateway's web page", api(502, "", "unreadable answer: <!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", ""), full,
			policyWant{apiclient.ReasonServerFailed, unknown, false, false, ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkFailure(t, apiclient.Classify(tc.err, tc.rec), tc.want)
		})
	}
}

func checkFailure(t *testing.T, f apiclient.Failure, w policyWant) {
	t.Helper()
	if f.Reason != w.reason || f.Outcome != w.outcome {
		t.Errorf("reason, outcome = %s, %s; want %s, %s", f.Reason, f.Outcome, w.reason, w.outcome)
	}
	if f.Retryable() != w.retryable || f.KeyRefused() != w.keyWrong || f.Field != w.field {
		t.Errorf("retryable %v key refused %v field %q; want %v %v %q", f.Retryable(), f.KeyRefused(), f.Field, w.retryable, w.keyWrong, w.field)
	}
	if f.MayExist() != (w.outcome == apiclient.OutcomeUnknown) {
		t.Errorf("MayExist = %v for outcome %s", f.MayExist(), f.Outcome)
	}
	if f.Field != "" && f.Note == "" {
		t.Error("a field to fix without the server's note")
	}
	checkPlainWords(t, f)
}

// checkPlainWords: what a person reads says whether the record may exist in
// words and carries no Go error text.
func checkPlainWords(t *testing.T, f apiclient.Failure) {
	t.Helper()
	if f.Title == "" || f.Explain == "" || f.Detail == "" {
		t.Errorf("title %q, explain %q, detail %q: each must say something", f.Title, f.Explain, f.Detail)
	}
	for _, jargon := range []string{"context deadline exceeded", "context canceled", "EOF", "dial tcp", "net/http", "%!", "<html", "<body"} {
		if strings.Contains(f.Title+f.Explain+f.Detail, jargon) {
			t.Errorf("%q leaks into %+v", jargon, f)
		}
	}
	if f.MayExist() != strings.Contains(f.Consequence(), "may have been created") {
		t.Errorf("MayExist = %v but the consequence reads %q", f.MayExist(), f.Consequence())
	}
	if strings.Contains(f.Explain, "may have been created") || strings.Contains(f.Explain, "may or may not") {
		t.Errorf("the explanation repeats the consequence: %q", f.Explain)
	}
}

// Each reason has its own title and explanation: two failures that ask for
// different actions never read the same.
func TestEveryReasonHasItsOwnWords(t *testing.T) {
	errs := map[apiclient.Reason]error{}
	for _, code := range []string{apiclient.CodeInvalidPayload, apiclient.CodeMissingData, apiclient.CodeInvalidProject,
		apiclient.CodeInvalidAdmin, apiclient.CodeInvalidParameter, apiclient.CodeInvalidFormat, apiclient.CodeProcessingError} {
		errs[apiclient.Reason(code)] = &apiclient.APIError{Status: 400, Code: code}
	}
	errs[apiclient.ReasonKeyRefused] = &apiclient.APIError{Status: 403}
	errs[apiclient.ReasonWrongURL] = &apiclient.APIError{Status: 403, Message: "Missing Authentication Token"}
	errs[apiclient.ReasonEncryption] = &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn}
	errs[apiclient.ReasonDecrypt] = &apiclient.APIError{Status: 400, Err: apiclient.ErrDecrypt}
	errs[apiclient.ReasonTooLarge] = &apiclient.APIError{Status: 413}
	errs[apiclient.ReasonRateLimited] = &apiclient.APIError{Status: 429}
	errs[apiclient.ReasonServerFailed] = &apiclient.APIError{Status: 500}
	errs[apiclient.ReasonUnreadable] = &apiclient.APIError{Status: 200}
	errs[apiclient.ReasonRefused] = &apiclient.APIError{Status: 418}
	errs[apiclient.ReasonUnreachable] = &apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")}
	errs[apiclient.ReasonNoAnswer] = &apiclient.TransportError{Op: "sending to h", Sent: true, Err: errors.New("read: connection reset by peer")}
	errs[apiclient.ReasonCancelled] = context.Canceled
	errs[apiclient.ReasonRedirect] = &apiclient.RedirectError{Status: 307, Host: "127.0.0.1:1", Target: "https://elsewhere.example", Record: true}
	errs[apiclient.ReasonUnexpected] = errors.New("boom")
	seen := map[string]apiclient.Reason{}
	for reason, err := range errs {
		f := apiclient.Classify(err, apitest.Sample())
		if f.Reason != reason {
			t.Errorf("%v classified as %s, want %s", err, f.Reason, reason)
		}
		key := f.Title + "\n" + f.Explain
		if other, dup := seen[key]; dup {
			t.Errorf("%s and %s read the same: %q", reason, other, key)
		}
		seen[key] = reason
	}
}

// A web page where the API's JSON should be is named, with its title, and
// never quoted as markup.
func TestFailureDetailNamesAWebPage(t *testing.T) {
	for msg, want := range map[string]string{
		"unreadable answer: <html><body><h1>502 Bad Gateway</h1></body></html>":       "HTTP 502: a web page instead of the API's answer (502 Bad Gateway)",
		"unreadable answer: <HTML><HEAD><TITLE>Gateway Timeout</TITLE></HEAD></HTML>": "HTTP 502: a web page instead of the API's answer (Gateway Timeout)",
		"unreadable answer: <html><body>nothing to name</body></html>":                "HTTP 502: a web page instead of the API's answer",
		"Internal server error": "HTTP 502: Internal server error",
	} {
		f := apiclient.Classify(&apiclient.APIError{Status: 502, Message: msg}, apitest.Sample())
		if f.Detail != want {
			t.Errorf("detail for %q = %q, want %q", msg, f.Detail, want)
		}
	}
}

// SendFailed tells a send's failure, which the policy reads, from any other
// error, wrapped or not: every front end asks it before reading a failure.
func TestSendFailed(t *testing.T) {
	for err, want := range map[error]bool{
		&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin}:                       true,
		fmt.Errorf("submitting: %w", &apiclient.APIError{Status: 502}):                           true,
		&apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")}:     true,
		&apiclient.TransportError{Op: "sending to h", Sent: true, Err: context.DeadlineExceeded}: true,
		&apiclient.RedirectError{Status: 302, Host: "h"}:                                         true,
		fmt.Errorf("%w: stopped while sending", apiclient.ErrOutcomeUnknown):                     true,
		apiclient.ErrNotSent: true,
		&apiclient.ImageError{Err: &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidData}}: true,
		context.Canceled:           false,
		apiclient.ErrInvalidRecord: false,
		errors.New("boom"):         false,
		nil:                        false,
	} {
		if got := apiclient.SendFailed(err); got != want {
			t.Errorf("SendFailed(%v) = %v, want %v", err, got, want)
		}
	}
}

// Once a run has been refused with both encryption settings, the policy no
// longer blames the setting anywhere: a failure that blamed only the setting
// gets a reason, a title and an explanation that agree the setting is not
// the cause; one with another reason keeps its own words without the
// sentence about the setting; any other failure is left as it is.
func TestBothSettingsTried(t *testing.T) {
	mismatch := apiclient.Classify(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn}, apitest.Sample())
	for _, tc := range []struct {
		name       string
		err        error
		reason     apiclient.Reason
		sameTitle  bool // the title stays the one before both were tried
		changed    bool
		titleWords string
	}{
		{"invalid_payload, turn on", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn}, apiclient.ReasonEncryptionTried, false, true, "both encryption settings"},
		{"invalid_parameter, turn off", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidParameter, Field: "body", Encryption: apiclient.EncryptionTurnOff}, apiclient.ReasonEncryptionTried, false, true, "both encryption settings"},
		{"invalid_admin with a hint", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin, Encryption: apiclient.EncryptionTurnOn}, apiclient.ReasonInvalidAdmin, true, true, ""},
		{"invalid_admin", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin}, apiclient.ReasonInvalidAdmin, true, false, ""},
		{"unreachable", &apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")}, apiclient.ReasonUnreachable, true, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := apiclient.Classify(tc.err, apitest.Sample())
			f := before.BothSettingsTried()
			if f.Reason != tc.reason {
				t.Errorf("reason %s, want %s", f.Reason, tc.reason)
			}
			if f.Encryption != apiclient.EncryptionOK {
				t.Errorf("still says to switch: %v", f.Encryption)
			}
			if (f.Title == before.Title) != tc.sameTitle {
				t.Errorf("title %q (before %q)", f.Title, before.Title)
			}
			if !tc.changed && f != before {
				t.Errorf("a failure that did not blame the setting changed:\n%+v\n%+v", before, f)
			}
			if f.Title == mismatch.Title || !strings.Contains(f.Title, tc.titleWords) {
				t.Errorf("title %q still blames the setting (or lacks %q)", f.Title, tc.titleWords)
			}
			for _, blame := range []string{"seems to have secure data transmission", "does not match the project"} {
				if strings.Contains(f.Title+" "+f.Explain, blame) {
					t.Errorf("still says %q: %q / %q", blame, f.Title, f.Explain)
				}
			}
			if f.Outcome != before.Outcome || f.MayExist() != before.MayExist() || f.Detail != before.Detail {
				t.Errorf("the outcome changed: %+v -> %+v", before, f)
			}
		})
	}
}
