package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"argos-migrate/apiclient/i18n"
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
// one title and one explanation, written once in the "failure" message
// catalog (apiclient/i18n/catalog/failure.*.toml) and chosen in words.
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
	// ReasonEncryptionTried: the record was refused sent plain and sent
	// encrypted, each answer blaming the setting: the setting is not the
	// cause (see Failure.BothSettingsTried).
	ReasonEncryptionTried Reason = "encryption_both_tried"
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
	// Image is the image the failure points at, for the operator to send
	// another file for it (as Field is the record's field to correct): the
	// largest for a request too large, the one the server could not read.
	// "" when the failure blames no one image (see blamedImage).
	Image ImageKind
	// Images: the failure is of the image call (an *ImageError). The
	// outcome then speaks of the images, and re-sending them replaces them,
	// so an unknown outcome is safe to retry (see failure_image.go).
	Images bool
	// imageEncrypted, imageTimedOut: what the image call's words depend on
	// (the profile had encryption on; the upload ran out of time).
	imageEncrypted, imageTimedOut bool
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
// every front end shows (the wizard marks it with ! or a calm line), in the
// run's language.
func (f Failure) Consequence() string {
	if f.Images {
		return f.Outcome.imageConsequence()
	}
	return f.Outcome.Consequence()
}

// Consequence says what the outcome means for the record, in one sentence,
// in the run's language.
func (o Outcome) Consequence() string {
	switch o {
	case OutcomeUnknown:
		return i18n.T("failure.consequence.unknown")
	case OutcomeNotSent:
		return i18n.T("failure.consequence.not_sent")
	}
	return i18n.T("failure.consequence.rejected")
}

// English is the failure's title and explanation in English whatever the
// run's language (Title and Explain are in the run's): for JSON output.
func (f Failure) English() (title, explain string) { return f.words(i18n.EN) }

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
	if ie := (*ImageError)(nil); errors.As(err, &ie) {
		f = imageFailure(f, ie)
	}
	f.Title, f.Explain = f.words(i18n.Language())
	switch {
	case f.Detail != "":
	case f.Reason == ReasonCancelled:
		f.Detail = i18n.T("failure.detail.cancelled")
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
			if s, ok := specOf(k); ok && s.Required && strings.TrimSpace(rec.Get(k)) == "" {
				return k
			}
		}
		return FieldAdmin
	case ReasonInvalidFormat, ReasonInvalidParameter:
		if _, ok := specOf(e.Field); ok {
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
	words := i18n.T("failure.detail.web_page_after", lead)
	if lead == "" {
		words = i18n.T("failure.detail.web_page")
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
	case errors.Is(e.Err, context.DeadlineExceeded) && e.Timeout > 0:
		msg = i18n.T("failure.detail.timeout", e.Timeout.String())
	case errors.Is(e.Err, context.DeadlineExceeded):
		msg = i18n.Text(e.Err) // "no answer within 30s", in the run's language
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[:i]
		}
	case errors.Is(e.Err, context.Canceled):
		msg = i18n.T("failure.detail.cancelled")
	case strings.Contains(msg, "connection refused"):
		msg = i18n.T("failure.detail.refused")
	case strings.Contains(msg, "no such host"):
		msg = i18n.T("failure.detail.no_such_host")
	case strings.Contains(msg, "connection reset"):
		msg = i18n.T("failure.detail.reset")
	case strings.HasSuffix(msg, "EOF"):
		msg = i18n.T("failure.detail.closed")
	case strings.Contains(msg, "certificate"):
		msg = i18n.T("failure.detail.certificate")
	}
	return Sanitize(host + ": " + msg)
}

// words are the title and the plain-words explanation of the failure in
// language l, starting with a wrong encryption setting when the answer
// shows one.
func (f Failure) words(l i18n.Lang) (title, explain string) {
	if f.Images {
		if title, explain, ok := f.imageWords(l); ok {
			return title, explain
		}
	}
	title, explain = f.reasonWords(l)
	if f.Encryption != EncryptionOK && f.Reason != ReasonEncryption {
		explain = encryptionSentence(l, f.Encryption) + " " + explain
	}
	return title, explain
}

// BothSettingsTried is f once the same run has been refused with the other
// encryption setting too, each answer blaming the setting. Switching again
// would only go round in circles, so the failure no longer says which way
// to switch (Encryption is EncryptionOK), and one that blamed only the
// setting is said, title and explanation alike, to be about something
// else (ReasonEncryptionTried). A failure that did not blame the setting
// comes back as it is.
func (f Failure) BothSettingsTried() Failure {
	if f.Images || (f.Reason != ReasonEncryption && f.Encryption == EncryptionOK) {
		return f
	}
	f.Encryption = EncryptionOK
	if f.Reason == ReasonEncryption {
		f.Reason = ReasonEncryptionTried
	}
	f.Title, f.Explain = f.words(i18n.Language())
	return f
}

func encryptionSentence(l i18n.Lang, h EncryptionHint) string {
	if h == EncryptionTurnOff {
		return i18n.In(l, "failure.encryption.turn_off")
	}
	return i18n.In(l, "failure.encryption.turn_on")
}

// waitWords says a wait in seconds, minutes or hours, rounded up.
func waitWords(l i18n.Lang, d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	switch {
	case secs < 120:
		return i18n.In(l, "failure.wait.seconds", secs)
	case secs < 2*3600:
		return i18n.In(l, "failure.wait.minutes", (secs+59)/60)
	}
	return i18n.In(l, "failure.wait.hours", (secs+3599)/3600)
}

// reasonWords are the title and explanation of the failure's reason in
// language l, for a record.
func (f Failure) reasonWords(l i18n.Lang) (title, explain string) {
	say := func(id string, args ...any) string { return i18n.In(l, id, args...) }
	switch f.Reason {
	case ReasonInvalidPayload:
		return say("failure.invalid_payload.title"), say("failure.invalid_payload.explain")
	case ReasonMissingData:
		return say("failure.missing_data.title"), say("failure.missing_data.explain")
	case ReasonInvalidProject:
		return say("failure.invalid_project.title"), say("failure.invalid_project.explain")
	case ReasonInvalidAdmin:
		return say("failure.invalid_admin.title"), say("failure.invalid_admin.explain")
	case ReasonInvalidParameter:
		title = say("failure.invalid_parameter.title")
		if _, ok := specOf(f.Named); ok {
			return title, say("failure.invalid_parameter.explain_field", LabelIn(l, f.Named), f.Named)
		}
		if f.Named != "" {
			return title, say("failure.invalid_parameter.explain_named", f.Named, len(Fields))
		}
		return title, say("failure.invalid_parameter.explain")
	case ReasonInvalidFormat:
		title = say("failure.invalid_format.title")
		if _, ok := specOf(f.Named); ok {
			return title, say("failure.invalid_format.explain_field", LabelIn(l, f.Named), f.Named, formatIn(l, f.Named))
		}
		if f.Named != "" {
			return title, say("failure.invalid_format.explain_named", f.Named)
		}
		return title, say("failure.invalid_format.explain")
	case ReasonProcessingError:
		return say("failure.processing_error.title"), say("failure.processing_error.explain")
	case ReasonKeyRefused:
		return say("failure.key_refused.title"), say("failure.key_refused.explain")
	case ReasonWrongURL:
		return say("failure.wrong_url.title"), say("failure.wrong_url.explain")
	case ReasonEncryption:
		return say("failure.encryption_mismatch.title"), say("failure.encryption_mismatch.explain", encryptionSentence(l, f.Encryption))
	case ReasonEncryptionTried:
		return say("failure.encryption_both_tried.title"), say("failure.encryption_both_tried.explain")
	case ReasonDecrypt:
		if f.Outcome == OutcomeUnknown {
			return say("failure.undecryptable_answer.title"), say("failure.undecryptable_answer.explain_success")
		}
		return say("failure.undecryptable_answer.title"), say("failure.undecryptable_answer.explain")
	case ReasonTooLarge:
		return say("failure.too_large.title"), say("failure.too_large.explain")
	case ReasonRateLimited:
		if f.RetryAfter > 0 {
			return say("failure.rate_limited.title"), say("failure.rate_limited.explain_wait", waitWords(l, f.RetryAfter))
		}
		return say("failure.rate_limited.title"), say("failure.rate_limited.explain")
	case ReasonRedirect:
		explain = say("failure.redirect.explain")
		if f.Outcome == OutcomeUnknown {
			explain += " " + say("failure.redirect.reached", f.Named)
		}
		return say("failure.redirect.title"), explain
	case ReasonServerFailed:
		return say("failure.server_failed.title"), say("failure.server_failed.explain")
	case ReasonUnreadable:
		return say("failure.unreadable_answer.title"), say("failure.unreadable_answer.explain")
	case ReasonRefused:
		return say("failure.refused.title"), say("failure.refused.explain")
	case ReasonUnreachable:
		return say("failure.unreachable.title"), say("failure.unreachable.explain")
	case ReasonNoAnswer:
		return say("failure.no_answer.title"), say("failure.no_answer.explain")
	case ReasonCancelled:
		if f.Outcome == OutcomeUnknown {
			return say("failure.cancelled.title_sent"), say("failure.cancelled.explain_sent")
		}
		return say("failure.cancelled.title"), say("failure.cancelled.explain")
	}
	if f.Outcome == OutcomeUnknown {
		return say("failure.unexpected.title"), say("failure.unexpected.explain_sent")
	}
	return say("failure.unexpected.title"), say("failure.unexpected.explain")
}
