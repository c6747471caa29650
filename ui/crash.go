package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient/i18n"
)

// ErrCrash matches a *CrashError.
var ErrCrash = errors.New("internal error")

// CrashError is a panic caught inside the wizard. It names the place in the
// code and nothing else: a panic's value can quote a field value or the key,
// so it is never printed.
type CrashError struct {
	Where string // e.g. "ui.(*model).updateReview (screen_review.go:120)"
}

// Error says where the wizard failed, in the run's language: main prints it.
func (e *CrashError) Error() string { return i18n.T("wizard.crash.error", e.Where) }

// Is makes a CrashError match ErrCrash.
func (e *CrashError) Is(target error) bool { return target == ErrCrash }

// NewCrash describes the panic being recovered by its caller: the frame that
// panicked, the first outside the Go runtime below runtime.gopanic. Call it
// from the deferred function that called recover.
func NewCrash() *CrashError {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return &CrashError{Where: fmt.Sprintf("%s (%s:%d)", shortFunc(f.Function), filepath.Base(f.File), f.Line)}
		}
		if !more {
			return &CrashError{Where: i18n.T("wizard.crash.unknown_place")}
		}
	}
}

// shortFunc drops the module path: "argos-migrate/ui.(*model).draw" reads
// "ui.(*model).draw".
func shortFunc(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}

// crashMsg carries a panic caught in a command back to the program.
type crashMsg struct{ err *CrashError }

// The three entry points Bubble Tea calls catch any panic below them, so that
// a bug ends the program through its normal exit: the terminal is restored
// by Bubble Tea's own shutdown, Run still saves the draft, and the caller
// gets a *CrashError with no value in it. (Bubble Tea's own catching would
// print the panic's value.)

// Init starts the program (start), guarding its commands.
func (m *model) Init() (cmd tea.Cmd) {
	defer func() {
		if recover() != nil {
			m.crash, cmd = NewCrash(), tea.Quit
		}
	}()
	return guard(m.start())
}

// Update handles one message (update), guarding it and the commands it
// returns; once a crash is known every message only quits.
func (m *model) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if c, ok := msg.(crashMsg); ok && m.crash == nil {
		m.crash = c.err
	}
	if m.crash != nil {
		return m, tea.Quit
	}
	defer func() {
		if recover() != nil {
			m.crash, next, cmd = NewCrash(), m, tea.Quit
		}
	}()
	next, cmd = m.update(msg)
	return next, guard(cmd)
}

// View draws the screen (draw). A panic while drawing shows a plain line;
// the next message ends the program.
func (m *model) View() (v tea.View) {
	defer func() {
		if recover() != nil {
			m.crash = NewCrash()
			v = tea.NewView(i18n.T("wizard.crash.closing"))
		}
	}()
	if m.crash != nil {
		return tea.NewView(i18n.T("wizard.crash.closing"))
	}
	return m.draw()
}

// safeNewModel builds the model, which already validates a resumed record,
// under the same guard as the program's entry points.
func safeNewModel(ctx context.Context, d Deps) (m *model, err error) {
	defer func() {
		if recover() != nil {
			m, err = nil, NewCrash()
		}
	}()
	return newModel(ctx, d), nil
}

// safeFinalSave is finalSave, which must not take the program down with it
// if the bug that crashed the wizard is still there.
func (m *model) safeFinalSave(ctx context.Context) (err error) {
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("saving the draft: %w", NewCrash())
		}
	}()
	return m.finalSave(ctx)
}

// guard wraps a command so that a panic inside it comes back as a crashMsg;
// the commands of a batch are wrapped one by one when the batch runs.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if recover() != nil {
				msg = crashMsg{NewCrash()}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for i := range batch {
				batch[i] = guard(batch[i])
			}
		}
		return msg
	}
}
