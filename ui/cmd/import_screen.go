package cmd

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/ui"
)

// runScreen sends with the progress screen. When the run is over the
// screen lists the refused rows: f opens one in the wizard, and after the
// wizard the results are rewritten and the list shown again.
func (s *sendJob) runScreen(ctx context.Context) (batch.Result, batch.Totals, error) {
	f := s.f
	rw, err := batch.CreateResults(s.results)
	if err != nil {
		return batch.Result{}, batch.Totals{}, err
	}
	sink := &rowSink{rw: rw}
	ctl := batch.NewControl()
	deps := ui.BatchDeps{In: f.IO.In, Out: f.IO.ErrOut, File: displayPath(s.opts.File), Target: uiTarget(s.target),
		Concurrency: s.opts.Concurrency, Rate: s.opts.Rate, ToSend: s.plan.Work(), Control: ctl, ProgramOptions: programOptions(f)}
	screen := ui.NewBatchScreen(deps)

	var (
		res    batch.Result
		tot    batch.Totals
		runErr error
		final  ui.BatchFinal
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, runErr = s.engine(func(ev batch.Event) {
			if ev.Kind == batch.EventRow {
				sink.row(ev.Row)
			}
			screen.Event(ev)
		}).Run(context.WithoutCancel(ctx), ctl)
		if cerr := rw.Close(); sink.err == nil {
			sink.err = cerr
		}
		final = ui.BatchFinal{Result: res, Journal: s.j.Dir(), Results: s.results}
		if runErr == nil {
			tot, final.Err = s.report()
			final.Err = errors.Join(final.Err, sink.err)
		}
		s.fillFinal(&final, tot)
		screen.Finished(final)
	}()
	// A signal (SIGTERM, a closed terminal) stops as q does; keys reach the
	// screen, not signals, while it runs.
	go func() {
		select {
		case <-ctx.Done():
			screen.Interrupt()
			ctl.Stop()
		case <-done:
		}
	}()
	out, err := screen.Run()
	if err != nil {
		ctl.Stop()
	}
	<-done
	if runErr != nil {
		return res, tot, runErr
	}
	if err != nil {
		return res, tot, i18n.Err("import.err.show_progress", err)
	}
	for out.FixRow > 0 && ctx.Err() == nil {
		x := &rowFix{f: f, g: s.opts.Globals, target: s.target, j: s.j, src: s.src, file: s.opts.File, row: out.FixRow}
		if _, ferr := x.run(ctx); ferr != nil {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("import.fix.row_failed", strconv.Itoa(out.FixRow), apiclient.Sanitize(i18n.Text(ferr))))
		}
		tot, final.Err = s.report()
		s.fillFinal(&final, tot)
		if out, err = ui.ShowBatchFinished(deps, final); err != nil {
			return res, tot, i18n.Err("import.err.show_results", err)
		}
	}
	return res, tot, final.Err
}

// fillFinal puts the totals, the refused rows and the next step on the
// finished screen.
func (s *sendJob) fillFinal(final *ui.BatchFinal, tot batch.Totals) {
	s.mu.Lock()
	defer s.mu.Unlock()
	final.Totals, final.Refused, final.MoreRefused = tot, s.refused, s.more
	final.Rejects = s.rejectsWritten(tot)
	final.ImagesFailed, final.MoreImagesFailed = s.imageFailuresLocked()
	final.Next = ""
	if _, next := importExit(final.Result, tot); next != nil && final.Err == nil {
		final.Next = sentence(next.Localize())
	}
}
