// Package accessible runs the whole wizard as plain line prompts, for screen
// readers, serial consoles, TERM=dumb and piped answer files.
//
// It does not use huh's accessible mode: in huh v2.0.3 a dynamic select
// panics there, and every prompt makes its own scanner, so with piped input
// later prompts read end-of-file and silently keep their defaults. Here one
// reader serves the whole session, every answer is checked with apiclient's
// one rulebook, and end of input before the record is submitted is an error:
// nothing is ever sent that the operator did not give.
//
// Nothing it prints contains an escape sequence: values from the operator or
// the server pass through apiclient.Sanitize, and the rest is plain text.
package accessible

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// errorText is an error whose words are a catalog message, read when the
// error is printed: the run's language is chosen after the package's
// variables are made. Two are the same error when their ids are.
type errorText string

func (e errorText) Error() string { return i18n.T(string(e)) }

// causeText is an error that adds words from the catalog to the error it
// wraps: "outcome unknown: " and the message.
type causeText struct {
	err error
	id  string
}

func (e *causeText) Error() string { return e.err.Error() + ": " + i18n.T(e.id) }
func (e *causeText) Unwrap() error { return e.err }

// ErrEndOfInput means the input ended before the record was submitted;
// nothing was sent.
var ErrEndOfInput error = errorText("accessible.error.end_of_input")

// ErrRefusedAnswer means an answer from a pipe broke a rule; the run
// stopped there and nothing was sent. It is matched by *AnswerError.
var ErrRefusedAnswer error = errorText("accessible.error.refused")

// AnswerError says which line of piped answers was refused, and why.
type AnswerError struct {
	Line   int    // 1-based line of the input
	What   string // the question, e.g. "Birth date"
	Reason string
	// Submit is how an earlier submit of this session failed (the server
	// refused the record, or its outcome is unknown); nil when none did.
	Submit error
}

// Error reads "line 4 of the answers: Birth date is not a real date ...".
func (e *AnswerError) Error() string {
	return i18n.T("accessible.error.line", strconv.Itoa(e.Line), e.Reason)
}

// Is makes an AnswerError match ErrRefusedAnswer.
func (e *AnswerError) Is(target error) bool { return target == ErrRefusedAnswer }

// Unwrap is the earlier submit's error, so that the exit code follows it.
func (e *AnswerError) Unwrap() error { return e.Submit }

// ErrDeclined means the operator answered no at the confirmation; nothing was
// sent.
var ErrDeclined error = errorText("accessible.error.declined")

// SubmitFunc sends one record and returns the new submission id; the real one
// is (*apiclient.Client).Submit.
type SubmitFunc func(ctx context.Context, s apiclient.Submission) (string, error)

// SaveDraftFunc keeps a record that was not submitted, with a short reason
// ("the answers ended at Email") and the error that ended the session (a
// failed submit says whether the record may exist), so that a later run can
// offer it.
type SaveDraftFunc func(ctx context.Context, s apiclient.Submission, reason string, cause error) error

// LookupFunc finds the submissions made for an email; the real one is
// (*apiclient.Client).FindByEmail.
type LookupFunc func(ctx context.Context, email string) ([]apiclient.FoundSubmission, error)

// SetKeyFunc checks and stores an API key the operator typed, and returns the
// submit function that uses it.
type SetKeyFunc func(ctx context.Context, key string) (SubmitFunc, error)

// Target describes where requests go, for the opening lines and the
// confirmation question.
type Target struct {
	URL       string
	Sandbox   bool
	MaskedKey string // never the key itself
	KeySource string
}

// Draft is a record saved by an earlier run, offered before the form.
type Draft struct {
	Submission apiclient.Submission
	Saved      time.Time
	Note       string // what happened last time, e.g. "the server said: Invalid admin."
	// Outcome is how the last submit ended; draft.OutcomeUnknown (it may
	// have created the record) makes the session look the email up before
	// sending the resumed record again.
	Outcome draft.OutcomeKind
	// Resume: the operator asked for the draft (--resume), so it is opened
	// without a question. With answers from a file or a pipe the question
	// would take a line meant for a field.
	Resume bool
}

// Deps are everything a session needs from outside; tests swap each one.
type Deps struct {
	In  io.Reader // the answers: a terminal or a pipe, read through one buffer
	Out io.Writer // every prompt and message (stderr in a real run)
	// Interactive says In is a terminal: a refused answer is asked again.
	// Otherwise (a pipe, an answer file) each answer is repeated after its
	// prompt so that the transcript reads as a dialogue, and a refused answer
	// stops the run with an *AnswerError: asking again would read the next
	// line, meant for another field, and could put it in the wrong one.
	Interactive bool
	Submit      SubmitFunc // nil when there is no key yet (see NeedKey)
	Target      Target
	Now         func() time.Time // default time.Now
	// Initial fills the fields before the first question (Enter keeps each).
	Initial apiclient.Submission
	// Draft, when set, is offered first; a resumed draft goes straight to
	// the review.
	Draft *Draft
	// SaveDraft is called with the record on every way out that did not
	// create a submission, and right before each send with a cause that
	// matches apiclient.ErrOutcomeUnknown, so that a crash while the record
	// is out is remembered; nil saves nothing.
	SaveDraft SaveDraftFunc
	// Lookup finds the submissions made for an email, asked before sending a
	// record that an earlier submit may have created; nil says the lookup
	// cannot be made, and the operator is asked.
	Lookup LookupFunc
	// NeedKey asks for an API key before anything else (none is stored for
	// Profile); SetKey checks and stores it. SetKey also lets a refused key
	// be replaced after a 403.
	NeedKey bool
	Profile string
	SetKey  SetKeyFunc
	// ReadSecret reads one line without echo from a terminal; nil reads the
	// key from In like any answer (a pipe does not echo).
	ReadSecret func() (string, error)
	// Attach sends images to a submission: once the record is created, the
	// session offers to attach its images (images.go). nil offers nothing.
	Attach AttachFunc
	// KeepsImages says the caller keeps the images chosen and not attached
	// (Outcome.Images.Pending) for a later run, so the session says so.
	KeepsImages bool
	// PendingImages is a record created by an earlier run whose images
	// were not attached: on a terminal the session offers them first; with
	// piped answers it only says so (an unexpected question would take a
	// line meant for a field).
	PendingImages *Pending
}

// Outcome is what a session did.
type Outcome struct {
	ID         string               // the created submission, "" when none
	Submission apiclient.Submission // the record as last edited
	// Images is what was done about the images of the record created.
	Images Images
	// Earlier is what was done about PendingImages; nil when they were not
	// offered.
	Earlier *Images
}

// Run asks for the record, reviews it, submits it on a yes and reports the
// result. The error is nil only when a submission was created; every other
// way out saves the record through SaveDraft first. End of input before the
// submit is ErrEndOfInput, a no at the confirmation ErrDeclined, ctrl+c the
// context's error, and a failed submit the submit's error.
func Run(ctx context.Context, d Deps) (Outcome, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Submit == nil && (!d.NeedKey || d.SetKey == nil) {
		return Outcome{}, errors.New("accessible: no submit function and no way to set a key") // a caller's bug, never an operator's
	}
	s := &session{ctx: ctx, d: d, in: newLineReader(d.In), sub: d.Initial, submit: d.Submit}
	id, err := s.run()
	out := Outcome{ID: id, Submission: s.sub, Earlier: s.earlier}
	if err != nil {
		s.saveDraft(err)
		return out, err
	}
	if id != "" && d.Attach != nil {
		// The record exists: nothing from here fails the session.
		s.created = id
		out.Images = s.offerImages(id)
	}
	return out, nil
}

// session is one run's state: the shared reader and the record so far.
type session struct {
	ctx    context.Context
	d      Deps
	in     *lineReader
	sub    apiclient.Submission
	submit SubmitFunc
	notes  map[string]string // wire key -> the server's message, until the field is answered
	at     string            // the field being asked, for the draft's reason
	asking string            // the question being asked, for an AnswerError
	// withheld is the last piped answer the transcript did not repeat; a
	// refusal does not quote it either.
	withheld string
	// mayExist: an earlier submit of this record (this session's or the
	// resumed draft's) may have created it; look it up before sending.
	mayExist bool
	// lastFail is how this session's last submit failed, nil when none
	// failed: once a record went out, "nothing was submitted" is false.
	lastFail error
	// created is the record's id once it exists (the images are asked
	// then); earlier is what became of an earlier run's pending images.
	created string
	earlier *Images
}

func (s *session) run() (string, error) {
	s.intro()
	if s.d.NeedKey {
		if err := s.askKey(); err != nil {
			return "", err
		}
	}
	if err := s.offerPending(); err != nil {
		return "", err
	}
	walk := true
	if s.d.Draft != nil {
		resume, err := s.offerDraft()
		if err != nil {
			return "", err
		}
		walk = !resume
	}
	if walk {
		if err := s.walk(); err != nil {
			return "", err
		}
	}
	return s.reviewAndSubmit()
}

// intro says where records go and how to answer.
func (s *session) intro() {
	t := s.d.Target
	d := apiclient.DestinationOf(t.URL, t.Sandbox)
	where := i18n.T("accessible.intro.live", d.URL)
	switch d.Kind {
	case apiclient.DestinationOther:
		where = i18n.T("accessible.intro.not_argos", d.URL)
	case apiclient.DestinationSandbox:
		where = i18n.T("accessible.intro.sandbox", d.URL)
	case apiclient.DestinationLocal:
		where = i18n.T("accessible.intro.local", d.URL)
	}
	s.println(i18n.T("accessible.intro.title"))
	s.println(i18n.T("accessible.intro.where", apiclient.Sanitize(where)))
	if !s.d.NeedKey && t.MaskedKey != "" {
		key := i18n.T("accessible.intro.key", apiclient.Sanitize(t.MaskedKey))
		if t.KeySource != "" {
			key = i18n.T("accessible.intro.key_from", apiclient.Sanitize(t.MaskedKey), apiclient.Sanitize(t.KeySource))
		}
		s.println(key)
	}
	s.println(i18n.T("accessible.intro.how", clearWord))
}

// saveDraft keeps the record after a way out that created nothing.
func (s *session) saveDraft(cause error) {
	if s.d.SaveDraft == nil || s.sub.IsZero() {
		return
	}
	reason := draftReason(cause, s.at)
	if s.mayExist && !apiclient.MaybeCreated(cause) {
		// A decline or an end of input does not settle what the earlier
		// submit did: the draft must still say the record may exist.
		reason = i18n.T("accessible.reason.may_exist", reason)
		cause = fmt.Errorf("%w (%w)", cause, errMayExist)
	}
	// ctrl+c has cancelled s.ctx; the draft must still be written.
	if err := s.d.SaveDraft(context.WithoutCancel(s.ctx), s.sub, reason, cause); err != nil {
		s.println(i18n.T("accessible.draft.not_saved", apiclient.Sanitize(i18n.Text(err))))
		return
	}
	s.println(i18n.T("accessible.draft.saved"))
}

// draftReason says in a few words why the record was kept.
func draftReason(err error, at string) string {
	var apiErr *apiclient.APIError
	switch {
	case errors.Is(err, ErrEndOfInput) && at != "":
		return i18n.T("accessible.reason.ended_at", apiclient.Label(at))
	case errors.Is(err, ErrEndOfInput):
		return i18n.T("accessible.reason.ended")
	case errors.Is(err, ErrRefusedAnswer):
		return i18n.T("accessible.reason.refused", apiclient.Sanitize(i18n.Text(err)))
	case errors.Is(err, ErrDeclined):
		return i18n.T("accessible.reason.declined")
	case errors.Is(err, context.Canceled):
		return i18n.T("accessible.reason.cancelled")
	case errors.As(err, &apiErr) && apiErr.Message != "":
		return i18n.T("accessible.reason.server", apiclient.Sanitize(apiErr.Message))
	}
	return i18n.T("accessible.reason.failed", apiclient.Sanitize(i18n.Text(err)))
}

func (s *session) println(line string) { fmt.Fprintln(s.d.Out, line) }

// refuse says why an answer was not taken, with a symbol and words. On a
// terminal it returns nil and the caller asks again; with piped answers it
// returns an *AnswerError that ends the run.
func (s *session) refuse(msg string) error {
	msg = s.unquote(msg)
	s.println(i18n.T("accessible.refused.line", msg))
	if s.d.Interactive {
		return nil
	}
	next := strconv.Itoa(s.in.line + 1)
	if s.created != "" {
		// Running the answers again would create the record twice.
		s.println(i18n.T("accessible.refused.stop_created", next, apiclient.Sanitize(s.created)))
		return &AnswerError{Line: s.in.line, What: s.asking, Reason: msg}
	}
	s.println(i18n.T("accessible.refused.stop", next, s.submitted(), strconv.Itoa(s.in.line)))
	return &AnswerError{Line: s.in.line, What: s.asking, Reason: msg, Submit: s.sentFailure()}
}

// endOfInput is the error for input that ended while asking what. After a
// failed submit it also wraps that submit's error: the exit code follows
// what the last attempt did, not the missing answer.
func (s *session) endOfInput(what string) error {
	if s.created != "" {
		// An answer file written for the record alone ends here: the
		// record exists, and the images are said by their own question.
		return fmt.Errorf("%w%s", ErrEndOfInput, i18n.T("accessible.error.ended_created", what))
	}
	s.println("")
	s.println(i18n.T("accessible.input.ended", what, s.submitted()))
	if sent := s.sentFailure(); sent != nil {
		return fmt.Errorf("%w%s: %w", ErrEndOfInput, i18n.T("accessible.error.ended_failed", what), sent)
	}
	return fmt.Errorf("%w%s", ErrEndOfInput, i18n.T("accessible.error.ended_at", what))
}

// submitted says in a sentence or two what this session's submits did, in
// the failure policy's words.
func (s *session) submitted() string {
	if s.lastFail == nil {
		return i18n.T("accessible.submitted.nothing")
	}
	f := apiclient.Classify(s.lastFail, s.sub)
	return i18n.T("accessible.submitted.failed", f.Title, strings.TrimRight(f.Detail, "."), f.Consequence())
}

// sentFailure is the last submit's error when the record reached the
// server or may have (a refusal, an unknown outcome, a request that never
// left): what the exit code must follow. nil when no submit failed, or it
// was stopped on this side.
func (s *session) sentFailure() error {
	if apiclient.SendFailed(s.lastFail) {
		return s.lastFail
	}
	return nil
}
