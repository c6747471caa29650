// Package ui is argos-migrate's interactive wizard: a Bubble Tea program that
// takes a support agent from an empty form to a created submission. It draws
// on the stream it is given (stderr in a real run), does no I/O in Update, and
// reaches the network only through the injected submit function, run in a
// tea.Cmd.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// MinWidth and MinHeight are the smallest window the wizard lays out in; below
// them it shows a message asking for a larger window instead of a broken
// layout.
const (
	MinWidth  = 60
	MinHeight = 20
)

// maxFPS is the highest frame rate Bubble Tea allows.
const maxFPS = 120

// ErrQuit means the agent left the wizard before creating a submission.
var ErrQuit = errors.New("wizard closed before submitting")

// errStoppedWhileSending: a signal ended the wizard while a record was
// being sent. It matches context.Canceled (the run was cancelled: exit 130)
// and apiclient.ErrOutcomeUnknown (the record may exist).
var errStoppedWhileSending error = stoppedWhileSending{}

type stoppedWhileSending struct{}

// Error says it in the run's language: main prints it after the failure
// policy's title.
func (stoppedWhileSending) Error() string { return i18n.T("wizard.submitting.stopped") }

func (stoppedWhileSending) Is(target error) bool {
	return target == context.Canceled || target == apiclient.ErrOutcomeUnknown
}

// SubmitFunc sends one record and returns the new submission id; the real one
// is (*apiclient.Client).Submit.
type SubmitFunc func(ctx context.Context, s apiclient.Submission) (string, error)

// Target describes, for the header, where requests go and with which key.
type Target struct {
	URL       string // API base URL
	Sandbox   bool   // an in-process sandbox, not the vendor
	Profile   string // the profile whose key and settings are used
	MaskedKey string // never the key itself; "" while there is no key
	KeySource string // one of the KeySource* codes (header.go), which the header says in the run's language
	Encrypted bool   // bodies are sent encrypted (secure data transmission)
}

// Deps are everything the wizard needs from outside; tests swap each one.
type Deps struct {
	In      io.Reader // keys; nil means the program's default input
	Out     io.Writer // where the UI draws (stderr in a real run)
	Submit  SubmitFunc
	Target  Target
	Now     func() time.Time // default time.Now
	Initial apiclient.Submission
	// Keys asks for, checks and keeps an API key, and switches encryption;
	// with its funcs nil a refused key or a wrong setting only explains.
	Keys KeyFuncs
	// NeedKey opens the key screen first: there is no key for the profile.
	NeedKey bool
	// Drafts saves and resumes the record across sessions (draft.go).
	Drafts DraftOptions
	// Lookup finds submissions by email before a record whose last submit
	// had an unknown outcome is sent again; nil says it cannot be made.
	Lookup LookupFunc
	// Attach sends images to a submission; nil offers no images.
	Attach AttachFunc
	// Check adds the caller's rules to the rulebook's: the review shows
	// its problems at their fields and s sends nothing while there are
	// any (a row of an import must not repeat another row's email).
	// nil adds none.
	Check func(apiclient.Submission) []*apiclient.FieldError
	// ProgramOptions are added to the tea.Program (tests set the size).
	ProgramOptions []tea.ProgramOption
}

// Outcome is what the agent did, for the caller to report after the program
// has released the terminal.
type Outcome struct {
	IDs        []string             // submissions created in this run, oldest first
	Submission apiclient.Submission // the record as last edited (to keep as a draft)
	LastErr    error                // the failure on screen when the agent quit, if any
	DraftSaved bool                 // the record is kept as a draft for the next session
	DraftErr   error                // the final save failed
	// Unsaved says the record holds what was typed (since the last one
	// created) and no draft holds it: drafts were off in this run, or the
	// final save failed. The caller says so first and offers to keep it.
	Unsaved bool
	// Images is what the run did about images (screen_images*.go).
	Images ImagesOutcome
}

// Run opens the wizard and blocks until the agent leaves it. The error is nil
// when at least one submission was created; otherwise it is the failure on
// screen when the agent quit, or ErrQuit.
func Run(ctx context.Context, d Deps) (Outcome, error) {
	if d.Submit == nil {
		return Outcome{}, errors.New("ui: no submit function")
	}
	m, err := safeNewModel(ctx, d)
	if err != nil {
		return Outcome{Submission: d.Initial, LastErr: err}, err
	}
	// Bubble Tea writes frames on a ticker, the first one a whole tick
	// after the program starts: at its default 60 fps that is up to 17 ms
	// before anything shows, and as long again before a key's echo. 120 is
	// its highest rate; it only flushes what changed.
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(d.Out), tea.WithFPS(maxFPS)}, d.ProgramOptions...)
	if d.In != nil {
		opts = append(opts, tea.WithInput(d.In))
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if fm, ok := final.(*model); ok && fm != nil {
		m = fm
	}
	// Ended from outside while a record was out: SIGTERM (which Bubble Tea
	// turns into a quit) or SIGHUP (through the context). The model's own
	// quit sets quitErr; without it the agent must still hear, as after
	// ctrl+c, that the record may exist.
	stopped := m.screen == screenSubmitting && m.quitErr == nil && m.crash == nil
	if stopped {
		m.quitErr = errStoppedWhileSending
	}
	// The one synchronous draft save: after the program has ended, however
	// it ended (quit, ctrl+c, SIGTERM, SIGHUP), with the final state.
	saveErr := m.safeFinalSave(ctx)
	out := m.outcome()
	out.DraftErr = saveErr
	if saveErr != nil && m.worthSaving() {
		out.Unsaved = true
	}
	killed := errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted)
	if err != nil && (stopped || !killed) {
		// The ids created so far still go to the caller, with the error.
		if stopped {
			err = errStoppedWhileSending
		}
		return out, fmt.Errorf("running the wizard: %w", err)
	}
	// Ended by a signal (SIGTERM, SIGHUP, SIGINT from outside) while no
	// record was out: a quit, with the screen's outcome, as q would end
	// it; Bubble Tea's "program was killed: context canceled" is no
	// message for the agent.
	return out, out.err()
}

// err is the error Run reports for an outcome.
func (o Outcome) err() error {
	switch {
	case errors.Is(o.LastErr, ErrCrash):
		return o.LastErr
	case len(o.IDs) > 0, o.Images.Attached > 0:
		return nil
	case o.LastErr != nil:
		return o.LastErr
	}
	return ErrQuit
}
