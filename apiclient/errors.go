package apiclient

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The documented errorCode values of the migration call.
const (
	CodeInvalidPayload   = "invalid_payload"
	CodeMissingData      = "missing_data"
	CodeInvalidProject   = "invalid_project"
	CodeInvalidAdmin     = "invalid_admin"
	CodeInvalidParameter = "invalid_parameter"
	CodeInvalidFormat    = "invalid_format"
	CodeProcessingError  = "processing_error"
)

// Sentinel errors, for errors.Is.
var (
	// ErrInvalidRecord: the record breaks a field rule; nothing was sent.
	ErrInvalidRecord = errors.New("invalid record")
	// ErrInvalidPayload: a record file is not one JSON object; nothing was sent.
	ErrInvalidPayload = errors.New("invalid record file")
	// ErrNotSent: the request never reached the server (refused, DNS, TLS);
	// retrying cannot create a duplicate.
	ErrNotSent = errors.New("request not sent")
	// ErrOutcomeUnknown: the request may have been processed (timeout or reset
	// after the body was sent, a 5xx); it must not be retried blindly.
	ErrOutcomeUnknown = errors.New("outcome unknown")
	// ErrNoKey: no API key was configured.
	ErrNoKey = errors.New("no API key")
)

// APIError is an answer from the server other than success.
type APIError struct {
	Status  int    // HTTP status code
	Code    string // documented errorCode, "" when the body had none
	Message string // the server's message, control characters removed
	Field   string // the field named by invalid_format / invalid_parameter
	// Encryption says which way the --encrypted setting should change,
	// judged from how the server answered; EncryptionOK when there is no sign.
	Encryption EncryptionHint
	Err        error // the cause when the answer could not be read (e.g. ErrDecrypt)
	// RetryAfter is how long a 429 asked to wait (its Retry-After header);
	// 0 when it did not say.
	RetryAfter time.Duration
}

// EncryptionHint is what an answer says about the encryption setting.
type EncryptionHint int

// The ways an answer can show the encryption setting is wrong.
const (
	// EncryptionOK: no sign that the setting is wrong.
	EncryptionOK EncryptionHint = iota
	// EncryptionTurnOn: a plain request met a project that wants encryption
	// (an encrypted answer, or invalid_payload to a well-formed body).
	EncryptionTurnOn
	// EncryptionTurnOff: an encrypted request met a project that reads plain
	// bodies (a plain answer that could not find the record in {"body": ...}).
	EncryptionTurnOff
)

// String names the hint as `submit --json` reports it.
func (h EncryptionHint) String() string {
	switch h {
	case EncryptionTurnOn:
		return "turn_on"
	case EncryptionTurnOff:
		return "turn_off"
	}
	return ""
}

// Error describes the failure in one line.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "server answered %d", e.Status)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// Unwrap returns the cause, when the answer could not be read.
func (e *APIError) Unwrap() error { return e.Err }

// Is makes server-side failures match ErrOutcomeUnknown: after a 5xx the
// record may or may not exist.
func (e *APIError) Is(target error) bool {
	return target == ErrOutcomeUnknown && e.MaybeCreated()
}

// MaybeCreated reports whether the record may exist despite the error: a
// 5xx, a 2xx whose answer could not be read, or the vendor's
// processing_error, an "unknown server-side failure" sent as a 400.
func (e *APIError) MaybeCreated() bool {
	return e.Status >= 500 || (e.Status >= 200 && e.Status < 300) || e.Code == CodeProcessingError
}

// TransportError is a failure to get an answer from the server.
type TransportError struct {
	Op   string // what was being done, e.g. "connecting to 127.0.0.1:8080"
	Sent bool   // whether the request body reached the network
	// Timeout is the wait that ran out, when no answer came in time.
	Timeout time.Duration
	Err     error
}

// Error describes the failure and whether the record may exist.
func (e *TransportError) Error() string {
	if e.Sent {
		return fmt.Sprintf("%s: %v (the record may have been created)", e.Op, e.Err)
	}
	return fmt.Sprintf("%s: %v (nothing was sent)", e.Op, e.Err)
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown or ErrNotSent.
func (e *TransportError) Is(target error) bool {
	return (target == ErrOutcomeUnknown && e.Sent) || (target == ErrNotSent && !e.Sent)
}

// MaybeCreated reports whether a failed submit may still have created the
// record on the server, as the failure policy judges it.
func MaybeCreated(err error) bool { return Classify(err, Submission{}).MayExist() }

// SendFailed reports whether err holds a send's failure for the policy to
// read (Classify): an answer other than success, a redirect, or the
// network's failure, whether the request reached the server, may have, or
// never left. A front end asks it before treating err as a failed send:
// for its exit code, its words, or what a draft keeps.
func SendFailed(err error) bool {
	var apiErr *APIError
	var te *TransportError
	var redirect *RedirectError
	return errors.As(err, &apiErr) || errors.As(err, &te) || errors.As(err, &redirect) ||
		errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrNotSent)
}

// RedirectError is an answer with a 3xx status. The migration API never
// redirects, so something else answered (a proxy, a captive portal, a wrong
// API URL, or someone who wants the key and the record): the client
// follows no redirect, so nothing was sent to where it pointed.
type RedirectError struct {
	Status int    // the 3xx status
	Host   string // the server that answered, host[:port]
	// Target is where the answer pointed, as scheme://host[:port] in ASCII
	// (punycode for a name in another script) and safe to draw; "" when
	// the answer named no Location. Never its path or query.
	Target string
	// Record is true when the request was a submit: the record reached Host,
	// which may have acted on it (a 303 is how a server says it processed a
	// POST), so the record may exist.
	Record bool
}

// Error names both servers and says nothing was sent to the second.
func (e *RedirectError) Error() string {
	to := "with no Location"
	if e.Target != "" {
		to = "to " + e.Target
	}
	return fmt.Sprintf("%s answered %d, a redirect %s: not followed, nothing was sent there", e.Host, e.Status, to)
}

// Is makes a redirected submit match ErrOutcomeUnknown: the record reached
// the server that answered.
func (e *RedirectError) Is(target error) bool {
	return target == ErrOutcomeUnknown && e.Record
}
