package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/forms/draft"
	"argos-migrate/ui/termtest"
)

// secret is what a careless panic might quote; it must never be printed.
const secret = "990101-1SECRET7"

// syncBuffer is an output the test can read while the program writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// crashRun runs the wizard at the review of the sample record (holding
// secret as its identity number), waits for the review, calls ready, presses
// s, and returns what Run returned and everything drawn.
func crashRun(t *testing.T, d Deps, ready func()) (Outcome, string, *memDrafts, error) {
	t.Helper()
	rec := apitest.Sample()
	rec.IdentityNumber = secret
	store := &memDrafts{}
	in, keys := io.Pipe()
	out := &syncBuffer{}
	d.In, d.Out, d.Initial = in, out, rec
	d.Drafts = DraftOptions{Store: store, StartAtReview: true, Profile: "default"}
	d.ProgramOptions = []tea.ProgramOption{tea.WithWindowSize(100, 30)}
	if d.Now == nil {
		d.Now = fixedNow
	}
	go func() {
		termtest.Poll(termtest.Limit, func() bool { return strings.Contains(out.String(), "Press s to submit") })
		ready()
		_, _ = keys.Write([]byte("s"))
	}()
	done := make(chan struct{})
	var o Outcome
	var err error
	go func() {
		o, err = Run(context.Background(), d)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the wizard did not end after the panic")
	}
	_ = keys.Close()
	return o, out.String(), store, err
}

func TestPanicInACommandEndsTheWizardWithAShortReportAndTheDraft(t *testing.T) {
	o, drawn, store, err := crashRun(t, Deps{
		Submit: func(context.Context, apiclient.Submission) (string, error) {
			panic("submit failed for " + secret)
		},
	}, func() {})
	var crash *CrashError
	if !errors.As(err, &crash) || !errors.Is(err, ErrCrash) {
		t.Fatalf("Run = %v, want a *CrashError", err)
	}
	if !strings.Contains(crash.Where, "crash_test.go") {
		t.Errorf("Where = %q, want the line that panicked", crash.Where)
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(drawn, secret) {
		t.Fatal("the panic's value reached the error or the screen")
	}
	saves, _, _, _ := store.snapshot()
	if len(saves) == 0 {
		t.Fatal("no draft saved")
	}
	last := saves[len(saves)-1]
	if last.Submission != o.Submission || last.Submission.IdentityNumber != secret {
		t.Errorf("draft %+v, want the whole record", last.Submission)
	}
	if last.Outcome.Kind != draft.OutcomeUnknown {
		t.Errorf("outcome %q: a crash while sending must be looked up next time", last.Outcome.Kind)
	}
}

func TestPanicInUpdateEndsTheWizard(t *testing.T) {
	var armed atomic.Bool
	var submitted atomic.Bool
	o, drawn, store, err := crashRun(t, Deps{
		Submit: func(context.Context, apiclient.Submission) (string, error) {
			submitted.Store(true)
			return "never", nil
		},
		// The clock goes off once, armed when the review is up: pressing s
		// reads it in Update.
		Now: func() time.Time {
			if armed.CompareAndSwap(true, false) {
				panic(secret)
			}
			return fixedNow()
		},
	}, func() { armed.Store(true) })
	var crash *CrashError
	if !errors.As(err, &crash) || strings.Contains(err.Error(), secret) || strings.Contains(drawn, secret) {
		t.Fatalf("Run = %v (drawn %d bytes), want a crash without the value", err, len(drawn))
	}
	if !strings.Contains(crash.Where, "crash_test.go") {
		t.Errorf("Where = %q, want the clock that panicked", crash.Where)
	}
	if submitted.Load() || len(o.IDs) != 0 {
		t.Error("the record was sent after the crash")
	}
	if saves, _, _, _ := store.snapshot(); len(saves) == 0 || saves[len(saves)-1].Submission.IdentityNumber != secret {
		t.Error("the record was not kept as a draft")
	}
}

func TestPanicWhileDrawingShowsAPlainLineThenQuits(t *testing.T) {
	var armed atomic.Bool
	m := newModel(context.Background(), Deps{
		Submit: func(context.Context, apiclient.Submission) (string, error) { return "", nil },
		Now: func() time.Time {
			if armed.Load() {
				panic(secret)
			}
			return fixedNow()
		},
		Initial: apitest.Sample(),
		Drafts:  DraftOptions{StartAtReview: true},
	})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.setScreen(screenSubmitting) // its view shows the elapsed time
	armed.Store(true)
	v := m.View()
	if m.crash == nil || !strings.Contains(v.Content, "internal error") || strings.Contains(v.Content, secret) {
		t.Fatalf("view %q, crash %v", v.Content, m.crash)
	}
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("after a crash the next message must quit")
	}
}

func TestGuardCatchesPanicsInsideABatch(t *testing.T) {
	bomb := func() tea.Msg { panic(secret) }
	msg := guard(tea.Batch(bomb, func() tea.Msg { return nil }))()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		t.Fatalf("got %T, want the batch", msg)
	}
	var crashes int
	for _, c := range batch {
		if c == nil {
			continue
		}
		if cm, ok := c().(crashMsg); ok {
			crashes++
			if !strings.Contains(cm.err.Where, "crash_test.go") || strings.Contains(cm.err.Error(), secret) {
				t.Errorf("crash %q", cm.err)
			}
		}
	}
	if crashes != 1 {
		t.Fatalf("%d crashes caught, want the one", crashes)
	}
}
