package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Outcome is what a failed send means for the record on the server. It is
// the one judgement every front end acts on: the wizard's error screen,
// accessible mode, `submit`, the drafts and the batch import's journal.
type Outcome string

// The outcomes of a failed send.
const (
	// OutcomeNotSent: nothing reached the server (refused connection, DNS,
	// TLS, stopped before the body left): sending again cannot create a
	// duplicate.
	OutcomeNotSent Outcome = "not_sent"
	// OutcomeRejected: the server answered and created nothing.
	OutcomeRejected Outcome = "rejected"
	// OutcomeUnknown: the record may exist (a timeout or reset after the
	// body was sent, a 5xx, processing_error, a success that could not be
	// read). Look it up before sending it again; never re-send it blind.
	OutcomeUnknown Outcome = "unknown"
)

// Reason names a failure for the people who read about it: each reason has
// one title and one explanation, written once in reasonText.
type Reason string

// The reasons a send can fail, from the server's documented error codes to
// what the network and the gateway do.
const (
	ReasonInvalidPayload   Reason = CodeInvalidPayload
	ReasonMissingData      Reason = CodeMissingData
	ReasonInvalidProject   Reason = CodeInvalidProject
	ReasonInvalidAdmin     Reason = CodeInvalidAdmin
	ReasonInvalidParameter Reason = CodeInvalidParameter
	ReasonInvalidFormat    Reason = CodeInvalidFormat
	ReasonProcessingError  Reason = CodeProcessingError
	// ReasonKeyRefused: 401 or 403 from the gateway, the key is wrong,
	// revoked, or the network is not on the project's allow-list.
	ReasonKeyRefused Reason = "key_refused"
	// ReasonWrongURL: a gateway answer for a path it does not serve (403
	// "Missing Authentication Token"): the API URL is wrong, not the key.
	ReasonWrongURL Reason = "wrong_url"
	// ReasonEncryption: the answer shows the project's secure data
	// transmission setting is the other way round.
	ReasonEncryption Reason = "encryption_mismatch"
	// ReasonDecrypt: an encrypted answer did not decrypt with the key.
	ReasonDecrypt     Reason = "undecryptable_answer"
	ReasonTooLarge    Reason = "too_large"
	ReasonRateLimited Reason = "rate_limited"
	// ReasonServerFailed: a 5xx.
	ReasonServerFailed Reason = "server_failed"
	// ReasonUnreadable: a success status whose answer holds no usable id.
	ReasonUnreadable Reason = "unreadable_answer"
	// ReasonRefused: another 4xx, or an error code the vendor does not
	// document.
	ReasonRefused Reason = "refused"
	// ReasonUnreachable: the request never reached the server.
	ReasonUnreachable Reason = "unreachable"
	// ReasonNoAnswer: the request was sent and no answer came back.
	ReasonNoAnswer Reason = "no_answer"
	// ReasonCancelled: the operator stopped waiting.
	ReasonCancelled Reason = "cancelled"
	// ReasonRedirect: a 3xx, which the API never answers: a proxy, a
	// captive portal or a wrong URL answered. Never followed.
	ReasonRedirect Reason = "redirect"
	// ReasonUnexpected: an error that is none of the above (a bug, a local
	// failure before sending).
	ReasonUnexpected Reason = "unexpected"
)

// Failure is what the failure policy concludes about one failed send: what
// it means for the record, how to say it, and what may be done next. Front
// ends add their own way to act on it (a key, a question, a command line).
type Failure struct {
	Reason  Reason
	Outcome Outcome
	// Title names the failure in a few words: "The admin account was
	// refused".
	Title string
	// Explain says in plain words what happened; Consequence says what it
	// means for the record. Neither names a key, flag or command of a front
	// end: each adds its own way to act.
	Explain string
	// Detail is the technical fact behind it for a support ticket, in
	// words, never a Go error string: "HTTP 400 invalid_admin: Invalid admin."
	Detail string
	// Field is the wire key of the field to correct, "" when no field can
	// fix it; Note is the server's message to show beside it.
	Field, Note string
	// Named is the field the server named (invalid_format,
	// invalid_parameter), cleaned, even when it is not one of the API's.
	Named string
	// Status, Code are the HTTP status and the server's errorCode, when it
	// answered.
	Status int
	Code   string
	// Encryption says which way the secure-transmission setting should go.
	Encryption EncryptionHint
	// RetryAfter is how long the server asked to wait (a 429's
	// Retry-After); 0 when it did not say.
	RetryAfter time.Duration
	// Images: the failure is of the image call (an *ImageError). The
	// outcome then speaks of the images, and re-sending them replaces them,
	// so an unknown outcome is safe to retry (see failure_image.go).
	Images bool
}

// MayExist reports whether the record may have been created despite the
// failure: look it up before sending it again.
func (f Failure) MayExist() bool { return f.Outcome == OutcomeUnknown }

// Retryable reports whether sending the same record again, unchanged, can
// neither create a duplicate nor meet the same refusal for certain: nothing
// reached the server, or the server asked to slow down.
func (f Failure) Retryable() bool {
	return f.Outcome == OutcomeNotSent || f.Reason == ReasonRateLimited || f.imagesRetryable()
}

// Consequence says what the failure means for the record, in one sentence
// every front end shows (the wizard marks it with ! or a calm line).
func (f Failure) Consequence() string {
	if f.Images {
		return f.Outcome.imageConsequence()
	}
	return f.Outcome.Consequence()
}

// Consequence says what the outcome means for the record, in one sentence.
func (o Outcome) Consequence() string {
	switch o {
	case OutcomeUnknown:
		return "The record may have been created. Check the dashboard (or let the lookup check it) before sending it again."
	case OutcomeNotSent:
		return "The record was not sent, so sending it again cannot create a duplicate."
	}
	return "The record was not created."
}

// KeyRefused reports whether another API key may fix the failure.
func (f Failure) KeyRefused() bool {
	return f.Reason == ReasonKeyRefused || f.Reason == ReasonInvalidProject
}

// Classify is the failure policy: it reads the error of a failed send (an
// *APIError, a *TransportError, a cancelled context or anything else) for
// the record rec and says what it means. rec picks the field to correct
// when the server only says that something is missing.
func Classify(err error, rec Submission) Failure {
	var apiErr *APIError
	var te *TransportError
	var redirect *RedirectError
	f := Failure{Outcome: OutcomeNotSent, Reason: ReasonUnexpected}
	switch {
	case err == nil:
		return Failure{}
	case errors.As(err, &redirect):
		// The body reached the server that answered (on a submit), which
		// may have acted on it: a 303 is how a server says it did.
		f = Failure{Reason: ReasonRedirect, Outcome: OutcomeRejected, Status: redirect.Status,
			Detail: Sanitize(redirect.Error()), Named: redirect.Host}
		if redirect.Record {
			f.Outcome = OutcomeUnknown
		}
	case errors.As(err, &apiErr):
		f = classifyAnswer(apiErr, rec)
	case errors.As(err, &te):
		f.Detail = transportDetail(te)
		switch {
		case te.Sent:
			f.Outcome = OutcomeUnknown
			f.Reason = ReasonNoAnswer
			if errors.Is(err, context.Canceled) {
				f.Reason = ReasonCancelled
			}
		case errors.Is(err, context.Canceled):
			f.Reason = ReasonCancelled
		default:
			f.Reason = ReasonUnreachable
		}
	case errors.Is(err, ErrOutcomeUnknown):
		f.Outcome, f.Reason = OutcomeUnknown, ReasonNoAnswer
	case errors.Is(err, context.Canceled):
		f.Reason = ReasonCancelled
	case errors.Is(err, ErrNotSent):
		f.Reason = ReasonUnreachable
	}
	f.Title, f.Explain = f.text()
	if ie := (*ImageError)(nil); errors.As(err, &ie) {
		f = imageFailure(f, ie)
	}
	switch {
	case f.Detail != "":
	case f.Reason == ReasonCancelled:
		f.Detail = "stopped by the operator"
	default:
		f.Detail = Sanitize(err.Error())
	}
	return f
}

// classifyAnswer reads an answer other than success.
func classifyAnswer(e *APIError, rec Submission) Failure {
	f := Failure{Outcome: OutcomeRejected, Status: e.Status, Code: e.Code, Encryption: e.Encryption,
		Detail: answerDetail(e), Named: Sanitize(e.Field), RetryAfter: e.RetryAfter}
	switch {
	case e.Encryption != EncryptionOK && (e.Code == "" || e.Code == CodeInvalidPayload ||
		e.Code == CodeMissingData || e.Code == CodeInvalidParameter):
		// The server could not find the record in what it read.
		f.Reason = ReasonEncryption
	case errors.Is(e.Err, ErrDecrypt):
		f.Reason = ReasonDecrypt
	case e.Status == http.StatusForbidden && e.Message == "Missing Authentication Token":
		f.Reason = ReasonWrongURL
	case e.Status == http.StatusForbidden || e.Status == http.StatusUnauthorized:
		f.Reason = ReasonKeyRefused
	case e.Status == http.StatusRequestEntityTooLarge:
		f.Reason = ReasonTooLarge
	case e.Status == http.StatusTooManyRequests:
		f.Reason = ReasonRateLimited
	case e.Status >= 500:
		f.Reason = ReasonServerFailed
	case e.Status >= 200 && e.Status < 300:
		f.Reason = ReasonUnreadable
	case isDocumentedCode(e.Code):
		f.Reason = Reason(e.Code)
	default:
		f.Reason = ReasonRefused
	}
	if e.MaybeCreated() {
		f.Outcome = OutcomeUnknown
	}
	if f.Reason == ReasonDecrypt && e.Status >= 200 && e.Status < 300 {
		f.Outcome = OutcomeUnknown // a success we could not read
	}
	if e.Encryption == EncryptionOK {
		// A body the server could not read says nothing about the fields.
		f.Field = fieldToFix(f.Reason, e, rec)
	}
	if f.Field != "" {
		f.Note = e.Message
		if f.Note == "" {
			f.Note = e.Code
		}
	}
	return f
}

func isDocumentedCode(code string) bool {
	switch code {
	case CodeInvalidPayload, CodeMissingData, CodeInvalidProject, CodeInvalidAdmin,
		CodeInvalidParameter, CodeInvalidFormat, CodeProcessingError:
		return true
	}
	return false
}

// fieldToFix is the field an operator can correct after a refusal: the one
// the server named, the admin account for invalid_admin, or the first
// required field left empty for missing_data (which names none; with every
// required field filled, the admin account, the first one asked).
func fieldToFix(r Reason, e *APIError, rec Submission) string {
	switch r {
	case ReasonInvalidAdmin:
		return FieldAdmin
	case ReasonMissingData:
		for _, k := range AllKeys() {
			if s, ok := Spec(k); ok && s.Required && strings.TrimSpace(rec.Get(k)) == "" {
				return k
			}
		}
		return FieldAdmin
	case ReasonInvalidFormat, ReasonInvalidParameter:
		if _, ok := Spec(e.Field); ok {
			return e.Field
		}
	}
	return ""
}

// answerDetail is the server's answer in one line: status, code, message.
// A web page where the API's JSON should be (a gateway's error page) is
// named as one, with its heading, never quoted as markup.
func answerDetail(e *APIError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if msg := pageWords(e.Message); msg != "" {
		b.WriteString(": " + msg)
	}
	return Sanitize(b.String())
}

// pageWords is a server's message as words: itself, or for a body that is
// a web page, "a web page instead of the API's answer" and the page's title
// or first heading.
func pageWords(msg string) string {
	at := strings.IndexByte(msg, '<')
	if at < 0 || at+1 >= len(msg) || !isTagStart(msg[at+1]) {
		return msg
	}
	lead := strings.TrimSpace(strings.ReplaceAll(msg[:at], "unreadable answer: ", ""))
	body := msg[at:]
	words := lead + " a web page instead of the API's answer"
	if lead == "" {
		words = "a web page instead of the API's answer"
	}
	for _, tag := range []string{"title", "h1"} {
		lower := strings.ToLower(body)
		i := strings.Index(lower, "<"+tag)
		if i < 0 {
			continue
		}
		j := strings.IndexByte(lower[i:], '>')
		k := strings.Index(lower, "</"+tag)
		if j < 0 || k < i+j {
			continue
		}
		if t := strings.Join(strings.Fields(body[i+j+1:k]), " "); t != "" && !strings.ContainsAny(t, "<>") {
			return words + " (" + t + ")"
		}
	}
	return words
}

// isTagStart reports whether c, after a '<', starts markup: a tag name,
// "<!DOCTYPE" or "<?xml".
func isTagStart(c byte) bool {
	return c == '!' || c == '?' || c == '/' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// transportDetail says what the network did, in words: the host and what
// happened, without Go's error chain ("context deadline exceeded", "EOF").
func transportDetail(e *TransportError) string {
	host := strings.TrimPrefix(e.Op, "sending to ")
	msg := e.Err.Error()
	switch {
	case errors.Is(e.Err, context.DeadlineExceeded):
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[:i] // "no answer within 30s"
		}
	case errors.Is(e.Err, context.Canceled):
		msg = "stopped by the operator"
	case strings.Contains(msg, "connection refused"):
		msg = "connection refused"
	case strings.Contains(msg, "no such host"):
		msg = "no such host"
	case strings.Contains(msg, "connection reset"):
		msg = "connection reset by the server"
	case strings.HasSuffix(msg, "EOF"):
		msg = "the server closed the connection without answering"
	case strings.Contains(msg, "certificate"):
		msg = "TLS certificate not trusted"
	}
	return Sanitize(host + ": " + msg)
}

// text is the title and the plain-words explanation of the failure,
// starting with a wrong encryption setting when the answer shows one.
func (f Failure) text() (title, explain string) {
	title, explain = f.reasonText()
	if f.Encryption != EncryptionOK && f.Reason != ReasonEncryption {
		explain = encryptionSentence(f.Encryption) + " " + explain
	}
	return title, explain
}

func encryptionSentence(h EncryptionHint) string {
	if h == EncryptionTurnOff {
		return "This project seems to have secure data transmission turned off, and this run sends encrypted bodies."
	}
	return "This project seems to have secure data transmission turned on, and this run sends plain bodies."
}

func (f Failure) reasonText() (title, explain string) {
	switch f.Reason {
	case ReasonInvalidPayload:
		return "The server could not read the record", "The server could not read the request body. If the project's secure data transmission setting changed, match it; otherwise contact ARGOS support."
	case ReasonMissingData:
		return "A required field is missing", "The server says a required field is missing. Fill in every field marked required."
	case ReasonInvalidProject:
		return "The API key was refused", "The API key does not belong to a valid project. Use the key of the right project."
	case ReasonInvalidAdmin:
		return "The admin account was refused", "The admin account has no rights on this project. Use the email of an admin registered on the project's dashboard."
	case ReasonInvalidParameter:
		if s, ok := Spec(f.Named); ok {
			return "The server refused a field", fmt.Sprintf("The server does not accept the field %s (%s).", s.Label, s.Key)
		}
		if f.Named != "" {
			return "The server refused a field", fmt.Sprintf("The server does not know the field %q: it is not one of the %d the API takes.", f.Named, len(Fields))
		}
		return "The server refused a field", "The server refused a field as unknown without naming it. The record holds only the API's documented fields: contact ARGOS support with the time of this submit."
	case ReasonInvalidFormat:
		if s, ok := Spec(f.Named); ok {
			return "The server refused a value", fmt.Sprintf("The server refused the format of %s (%s). Expected: %s.", s.Label, s.Key, s.Format)
		}
		if f.Named != "" {
			return "The server refused a value", fmt.Sprintf("The server refused the format of %q, which is not one of the API's fields.", f.Named)
		}
		return "The server refused a value", "The server refused the format of a field without naming it. Every field passed this tool's checks: compare the record with the API's formats (submit --help), or contact ARGOS support."
	case ReasonProcessingError:
		return "The server failed", "The server failed to complete the migration, for a reason it does not give. If it keeps happening, contact ARGOS support."
	case ReasonKeyRefused:
		return "The API key was refused", "The API key is wrong or revoked, or this network is not on the project's IP allow-list."
	case ReasonWrongURL:
		return "The API URL looks wrong", "The server at this address does not serve the migration call: the API URL is wrong, not the key."
	case ReasonEncryption:
		return "The encryption setting does not match the project", encryptionSentence(f.Encryption) + " So the server could not read the record."
	case ReasonDecrypt:
		if f.Outcome == OutcomeUnknown {
			return "The answer could not be decrypted", "The server answered success, but its encrypted answer could not be decrypted with this API key."
		}
		return "The answer could not be decrypted", "The server's encrypted answer could not be decrypted with this API key."
	case ReasonTooLarge:
		return "The record is too large", "The record is too large for the server. Shorten the long free-text fields (addresses, custom fields)."
	case ReasonRateLimited:
		if f.RetryAfter > 0 {
			return "The server asked to slow down", "The server is rate-limiting requests and asks to wait " + waitWords(f.RetryAfter) + " before the record is sent again."
		}
		return "The server asked to slow down", "The server is rate-limiting requests: wait a minute, then send the record again."
	case ReasonRedirect:
		explain = "The ARGOS API never redirects, so the API URL does not lead straight to it: a proxy, a captive portal or a wrong URL answered. " +
			"Redirects are never followed, so the API key and the record were not sent on."
		if f.Outcome == OutcomeUnknown {
			explain += " The record did reach " + f.Named + ", which may have acted on it."
		}
		return "The server answered with a redirect", explain
	case ReasonServerFailed:
		return "The server failed", "The server failed while handling the record."
	case ReasonUnreadable:
		return "The server's answer could not be read", "The server answered success, but not with a submission id."
	case ReasonRefused:
		return "The server refused the record", "The server refused the request with an answer this tool does not know."
	case ReasonUnreachable:
		return "Could not reach the server", "The connection to the server failed."
	case ReasonNoAnswer:
		return "No answer from the server", "The record was sent, but no answer came back."
	case ReasonCancelled:
		if f.Outcome == OutcomeUnknown {
			return "Stopped waiting for the server", "You stopped waiting after the record had been sent."
		}
		return "Stopped before sending", "You stopped the submit before the record reached the server."
	}
	if f.Outcome == OutcomeUnknown {
		return "The submit failed", "Something unexpected went wrong after the record was sent."
	}
	return "The submit failed", "Something unexpected went wrong before the record was sent."
}
