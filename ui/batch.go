package ui

import (
	"errors"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient/batch"
)

// BatchControl steers a running import; *batch.Control is the real one.
// The screen calls it from tea.Cmds, never from Update.
type BatchControl interface {
	TogglePause()
	Stop()
	Abort()
}

// BatchDeps are what the import's progress screen needs: a separate
// program from the wizard's, drawn inline on stderr.
type BatchDeps struct {
	In             io.Reader // keys; nil means the program's default input
	Out            io.Writer // where it draws (stderr in a real run)
	File           string    // the input, as the operator named it
	Target         Target    // the header: where requests go, with which key
	Concurrency    int
	Rate           float64 // requests a second at most; 0 for no limit
	ToSend         int     // the rows the run has something to send for (the bar's whole)
	Control        BatchControl
	Now            func() time.Time
	ProgramOptions []tea.ProgramOption
}

// BatchRefusal is a row the server (or the check) refused, as the finished
// screen lists it to pick one to fix.
type BatchRefusal struct {
	Row    int
	Email  string
	Status batch.Status // rejected or invalid
	Text   string
}

// BatchFinal is how the run ended, for the finished screen.
type BatchFinal struct {
	Result  batch.Result
	Totals  batch.Totals
	Refused []BatchRefusal // oldest first; at most what the command keeps
	// MoreRefused counts refused rows left out of Refused.
	MoreRefused int
	// ImagesFailed are the first rows whose images were not attached
	// (their records exist), Text saying why; MoreImagesFailed the rest.
	ImagesFailed     []BatchRefusal
	MoreImagesFailed int
	Results          string // the results file
	Rejects          string // the rejects file, "" when none
	Journal          string // the journal's folder
	Err              error  // the report could not be written
	// Next is the next step, in the run's language ("" when every row is
	// done): the screen's last frame says it, so nothing after it has to.
	Next string
}

// BatchOutcome is what the operator chose on the screen.
type BatchOutcome struct {
	// FixRow is the row to open in the wizard (f on the finished screen);
	// 0 when the operator just left.
	FixRow int
}

// BatchScreen is the import's progress screen: a bar, counts per outcome,
// the pace, the time left and the last refusals while it runs; then what
// happened, with the refused rows to pick one to fix. Events reach it from
// the engine's goroutine through Event; its keys steer the run through
// BatchControl.
type BatchScreen struct {
	p *tea.Program
	m *batchModel
}

// NewBatchScreen builds the screen; Run shows it.
func NewBatchScreen(d BatchDeps) *BatchScreen {
	if d.Now == nil {
		d.Now = time.Now
	}
	m := newBatchModel(d)
	opts := append([]tea.ProgramOption{tea.WithOutput(d.Out), tea.WithoutSignalHandler()}, d.ProgramOptions...)
	if d.In != nil {
		opts = append(opts, tea.WithInput(d.In))
	}
	return &BatchScreen{p: tea.NewProgram(m, opts...), m: m}
}

// Event hands the screen one event of the run; safe from any goroutine,
// and a no-op once the screen has ended.
func (s *BatchScreen) Event(ev batch.Event) { s.p.Send(batchEventMsg(ev)) }

// Finished tells the screen the run is over.
func (s *BatchScreen) Finished(f BatchFinal) { s.p.Send(batchFinishedMsg(f)) }

// Interrupt is a signal from outside (SIGTERM, a closed terminal): stop as
// q does.
func (s *BatchScreen) Interrupt() { s.p.Send(batchInterruptMsg{}) }

// Run shows the screen until the operator leaves it (or, with nothing to
// pick, until the run is over).
func (s *BatchScreen) Run() (BatchOutcome, error) {
	final, err := s.p.Run()
	if fm, ok := final.(*batchModel); ok && fm != nil {
		s.m = fm
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return BatchOutcome{}, err
	}
	return BatchOutcome{FixRow: s.m.fixRow}, nil
}

// ShowBatchFinished shows the finished screen of a run already over (after
// a row was fixed in the wizard), until the operator leaves it.
func ShowBatchFinished(d BatchDeps, f BatchFinal) (BatchOutcome, error) {
	s := NewBatchScreen(d)
	s.m.finish(f)
	return s.Run()
}
