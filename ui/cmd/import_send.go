package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
	"argos-migrate/ui"
)

// maxRefusedKept bounds the refused rows the finished screen lists; the
// rejects file has every one.
const maxRefusedKept = 1000

// sendJob is one import that sends: what every step of it shares.
type sendJob struct {
	opts    *ImportOptions
	f       *Factory
	target  *Target
	client  *apiclient.Client
	j       *batch.Journal
	src     batch.Source
	input   *importInput
	plan    batch.Plan
	check   batch.Summary
	results string
	rejects string
	// resultsBeside is the results path asked for when a file there was
	// not this import's (kept; results is beside it); owner says which
	// rejects file is this input's (claimFiles).
	resultsBeside string
	owner         batch.RejectsOwner
	// wroteRejects is the rejects file this import wrote and has not
	// removed since, "" when none: import.json names only that one, so
	// that a later run removes as stale only a file an import wrote.
	wroteRejects string
	start        time.Time

	mu      sync.Mutex
	refused []ui.BatchRefusal
	more    int
	// imageFails are the first rows whose images were not attached (with
	// why, in the run's language and in English), moreImages the rest.
	imageFails []imageFailure
	moreImages int
}

// sendRun is an import without --dry-run: the check, the question, the
// send, the results. in is the input opened for its first reading.
func sendRun(ctx context.Context, opts *ImportOptions, in io.Reader, mp *batch.Mapper, m batch.Mapping) (err error) {
	f := opts.Factory
	s := &sendJob{opts: opts, f: f, start: time.Now()}
	if f.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	var lines *jsonLines
	sj := sendSummary{Type: "summary", File: opts.File}
	if opts.JSON {
		lines = newJSONLines(f.IO.Out)
		defer func() {
			sj.finish(err, time.Since(s.start))
			lines.write(sj)
			f.jsonWritten = true
		}()
	}
	if s.input, err = prepareInput(opts, in); err != nil {
		return err
	}
	defer s.input.cleanup()
	if s.input.Stdin {
		copied, err := s.input.open()
		if err != nil {
			return err
		}
		defer copied.Close()
		in = copied
	}
	s.rejects = rejectsPath(opts)
	s.results = opts.Results
	if s.results == "" {
		s.results = defaultResultsPath(opts.File)
	}
	sj.Results, sj.Rejects = s.results, s.rejects
	switch {
	case same(s.results, opts.File):
		return usageError(i18n.Err("import.usage.results_is_input", s.results))
	case filepath.Clean(s.results) == filepath.Clean(s.rejects) || same(s.results, s.rejects):
		return usageError(i18n.Err("import.usage.same_file", s.results))
	}

	if s.target, err = ResolveTargetContext(ctx, f, opts.Globals); err != nil {
		return err
	}
	defer s.target.Close()
	sj.API, sj.Profile = s.target.URL, s.target.Profile
	if s.target.Key == "" {
		return s.target.MissingKeyError()
	}
	if s.client, err = s.target.Client(f, opts.Globals); err != nil {
		return err
	}
	state, err := settings.StateDir(f.Getenv)
	if err != nil {
		return err
	}
	dir := batch.JournalDir(state, s.target.Profile, s.target.JournalAPI(), s.input.Identity)
	sj.Journal = dir
	if s.j, err = batch.OpenJournal(dir); err != nil {
		var le *batch.LockedError
		if errors.As(err, &le) {
			return i18n.Err("import.err.locked", err)
		}
		return err
	}
	defer s.j.Close()
	if opts.Rejects == "" {
		s.rejects = earlierRejects(dir, s.rejects)
	}
	s.claimFiles(state)
	sj.Results = s.results
	batch.RemoveLeftovers(s.results)
	batch.RemoveLeftovers(s.rejects)
	if s.j.Truncated > 0 {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("import.send.truncated", s.j.Truncated))
	}

	var rd *batch.Reader
	s.check, rd, err = checkInput(ctx, opts, in, mp, s.rejects, s.owner, func(rec *batch.Record) { s.plan.Add(rec, s.j) }, func(row int) bool {
		st := s.j.Row(row)
		return st.Status == batch.StatusCreated || st.Uncertain()
	})
	if rd != nil {
		sj.Format, sj.Encoding = rd.Format().String(), rd.Encoding().Name
	}
	sj.Check = &s.check
	if err != nil {
		return err
	}
	if s.check.Rejects != "" {
		s.rejects = s.check.Rejects // beside another input's, if one was there
		sj.Rejects = s.rejects
	}
	s.wroteRejects = s.check.Rejects
	if !opts.JSON {
		writeSummary(f.IO.ErrOut, opts, rd, mp, s.check, time.Since(s.start), true)
	}
	if s.check.Refused() > 0 && !opts.SkipInvalid {
		return &InvalidRowsError{Summary: s.check, Skippable: true}
	}
	s.j.Reserve(s.plan.Rows)
	s.src = batch.Source{Path: s.input.Path, Read: batch.ReadOptions{Encoding: opts.Encoding}, Mapping: m, Today: f.Now(),
		ImageDir: imageDir(opts), Owner: s.owner}
	if s.plan.Work() > 0 {
		if err := confirmSend(ctx, opts, s.target, s.plan, s.check); err != nil {
			return err
		}
	}
	if err := s.writeMeta(dir); err != nil {
		return err
	}
	if err := s.j.StartRun(f.Now()); err != nil {
		return err
	}
	if s.imageNotice() {
		sj.Encryption = "not_applied"
	}

	var res batch.Result
	var tot batch.Totals
	screen := s.interactive() && s.plan.Work() > 0
	if screen {
		res, tot, err = s.runScreen(ctx)
	} else {
		res, tot, err = s.runPlain(ctx, lines)
	}
	sj.Totals, sj.Run, sj.Stopped = &tot, newRunJSON(res.Counts), string(res.Stopped)
	if tot.RejectsPath != "" && tot.RejectsPath != s.rejects {
		// The report wrote beside a file that is not this input's.
		s.rejects, sj.Rejects = tot.RejectsPath, tot.RejectsPath
	}
	if (err == nil || tot.Rows > 0) && tot.RejectsPath != s.wroteRejects {
		// The report wrote a rejects file, or removed the check's: the
		// journal names the one written (or none), so a later run replaces
		// or removes only it.
		s.wroteRejects = tot.RejectsPath
		if merr := s.writeMeta(dir); err == nil {
			err = merr
		}
	}
	s.mu.Lock()
	sj.ImageFailures, sj.MoreImageFailures = s.imageFails, s.moreImages
	s.mu.Unlock()
	if rj := s.rejectsWritten(tot); rj == "" {
		sj.Rejects = ""
	} else {
		// The check removed an earlier run's rejects file, and the
		// report wrote one again: nothing was removed in the end.
		s.check.StaleRejects = false
	}
	if err != nil {
		return err
	}
	code, next := importExit(res, tot)
	sj.ExitCode = code
	if !screen {
		s.writeSendSummary(res, tot, next)
	} // else the screen's last frame, left on the terminal, says it all, the next step too

	if code == importExitOK {
		return nil
	}
	return &ImportResultError{Code: code, Msg: next, Images: next != nil && next.ID() == "import.exit.images_failed"}
}

// interactive: the progress screen, or plain lines.
func (s *sendJob) interactive() bool {
	io := s.f.IO
	return io.InTTY && io.ErrTTY && !s.opts.Quiet && !s.opts.JSON && !AccessibleMode(s.f, s.opts.Globals)
}

// writeMeta keeps how the import was called beside its journal, for
// --from FILE --row N and --status.
func (s *sendJob) writeMeta(dir string) error {
	abs := func(p string) string {
		if p == "" {
			return ""
		}
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	return batch.WriteMeta(dir, batch.Meta{Profile: s.target.Profile, APIURL: s.target.URL, Input: s.input.Identity,
		Encoding: s.opts.Encoding, Mapping: abs(s.opts.MappingFile), Maps: s.opts.Maps, Sets: s.opts.Sets,
		Ignore: s.opts.Ignore, Rejects: abs(s.wroteRejects), Results: abs(s.results), Stdin: s.input.Stdin, Updated: s.f.Now(),
		ImageDir: abs(cmp.Or(s.src.ImageDir, ".")), ImageDirShown: cmp.Or(s.src.ImageDir, ".")})
}

// engine is the send engine for this job; onEvent sees every event.
func (s *sendJob) engine(onEvent func(batch.Event)) *batch.Engine {
	return &batch.Engine{Source: s.src, API: s.client, Journal: s.j, Concurrency: s.opts.Concurrency,
		Rate: s.opts.Rate, MaxErrors: s.opts.MaxErrors, Plan: s.plan, OnEvent: onEvent}
}

// rowSink is what every view does with a settled row: the results file,
// and the --json line.
type rowSink struct {
	rw    *batch.ResultsWriter
	lines *jsonLines
	err   error
}

func (k *rowSink) row(r *batch.RowResult) {
	if k.rw != nil && k.err == nil {
		k.err = k.rw.Add(r)
	}
	if k.lines != nil {
		k.lines.write(newJSONRow(r))
	}
}

// runPlain sends with plain progress lines on stderr. The first interrupt
// stops (requests in flight finish), the second abandons them.
func (s *sendJob) runPlain(ctx context.Context, lines *jsonLines) (batch.Result, batch.Totals, error) {
	rw, err := batch.CreateResults(s.results)
	if err != nil {
		return batch.Result{}, batch.Totals{}, err
	}
	sink := &rowSink{rw: rw, lines: lines}
	progress := newPlainProgress(s.f.IO.ErrOut, time.Now, s.plan.Work())
	defer progress.close()
	s.startLine()
	ctl := batch.NewControl()
	finished := make(chan struct{})
	defer close(finished)
	go interruptions(ctx, ctl, finished)
	res, err := s.engine(func(ev batch.Event) {
		if ev.Kind == batch.EventRow {
			sink.row(ev.Row)
		}
		progress.event(ev)
	}).Run(context.WithoutCancel(ctx), ctl)
	progress.close()
	if cerr := rw.Close(); sink.err == nil {
		sink.err = cerr
	}
	if err != nil {
		return res, batch.Totals{}, err
	}
	tot, err := s.report()
	if err == nil && sink.err != nil {
		err = sink.err
	}
	return res, tot, err
}

// interruptions turns signals into the run's controls: the first (or ctx
// ending, which is fang's signal handling) stops, the next abandons.
func interruptions(ctx context.Context, ctl *batch.Control, finished <-chan struct{}) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	select {
	case <-sigs:
	case <-ctx.Done():
		// The same signal reaches sigs too: let it, and take it as this one.
		time.Sleep(50 * time.Millisecond)
		select {
		case <-sigs:
		default:
		}
	case <-finished:
		return
	}
	ctl.Stop()
	select {
	case <-sigs:
		ctl.Abort()
	case <-finished:
	}
}

// startLine says what is about to happen, for a log.
func (s *sendJob) startLine() {
	if s.plan.Work() == 0 {
		fmt.Fprintln(s.f.IO.ErrOut, i18n.T("import.send.nothing"))
		return
	}
	dest := apiclient.DestinationOf(s.target.URL, s.target.Sandbox)
	pace := i18n.T("import.send.no_limit")
	if s.opts.Rate > 0 {
		pace = i18n.T("import.send.pace", s.opts.Rate)
	}
	if s.plan.ToSend() == 0 {
		fmt.Fprintln(s.f.IO.ErrOut, i18n.T("import.images.start_only", s.plan.Images, s.plan.ImageFiles, apiclient.ByteSize(s.plan.ImageBytes),
			dest.Badge(), dest.Host, s.opts.Concurrency, pace, s.j.Dir()))
		return
	}
	fmt.Fprintln(s.f.IO.ErrOut, i18n.T("import.send.start", s.plan.ToSend(), dest.Badge(), dest.Host, s.opts.Concurrency, pace, s.j.Dir()))
	if s.plan.ImageFiles > 0 {
		fmt.Fprintln(s.f.IO.ErrOut, i18n.T("import.images.start", s.plan.ImageFiles, apiclient.ByteSize(s.plan.ImageBytes)))
	}
}

// report writes the results and rejects files from the journal, and
// gathers the refused rows for the finished screen.
func (s *sendJob) report() (batch.Totals, error) {
	s.mu.Lock()
	s.refused, s.more = nil, 0
	s.imageFails, s.moreImages = nil, 0
	s.mu.Unlock()
	return batch.Report(s.src, s.j, s.results, s.rejects, func(r *batch.RowResult) {
		if r.Images == batch.ImagesFailed {
			s.keepImageFailure(r)
		}
		if r.Status != batch.StatusRejected && r.Status != batch.StatusInvalid {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.refused) >= maxRefusedKept {
			s.more++
			return
		}
		s.refused = append(s.refused, ui.BatchRefusal{Row: r.Row, Email: r.Email, Status: r.Status, Text: r.Error})
	})
}

// rejectsWritten is the rejects file when the report wrote one.
func (s *sendJob) rejectsWritten(t batch.Totals) string {
	if t.Rejected+t.Invalid == 0 {
		return ""
	}
	return cmp.Or(t.RejectsPath, s.rejects)
}

// claimFiles settles the names of the results and rejects files: a file
// already at one is replaced (or, for the rejects, removed once every row
// is valid) only when it is this input's own, one that an import of this
// input names in its journal's import.json (to any API: a sandbox trial's
// results are replaced by the real import's), or a rejects file with this
// input's columns (for a named input); any other is kept, and the import
// writes beside it and says so.
func (s *sendJob) claimFiles(state string) {
	own := batch.FilesOf(state, s.input.Identity)
	named := func(p string) bool {
		return slices.ContainsFunc(own, func(f string) bool { return batch.SamePath(p, f) })
	}
	// The rejects file this run's check wrote is its own too: the report
	// writes it again.
	owned := func(p string) bool { return named(p) || batch.SamePath(p, s.check.Rejects) }
	s.owner = batch.RejectsOwner{Owned: owned, Anonymous: s.input.Stdin || piped(s.opts.File)}
	if p := batch.FreeName(s.results, named); p != s.results {
		s.resultsBeside, s.results = s.results, p
		if !s.opts.JSON || s.f.IO.ErrTTY {
			fmt.Fprintln(s.f.IO.ErrOut, i18n.T("import.send.results_beside", apiclient.Sanitize(s.resultsBeside), apiclient.Sanitize(s.results)))
		}
	}
}

// earlierRejects is where this import's rejects file goes by default
// (def): the numbered name beside def (def-2.csv, …) that an earlier run
// of it, in journal dir, wrote when a file at def was not its own, so
// that it is replaced, or removed once every row is valid, and the file
// at def is left alone; else def.
func earlierRejects(dir, def string) string {
	m, err := batch.ReadMeta(dir)
	if err != nil || m.Rejects == "" {
		return def
	}
	if d, err := filepath.Abs(def); err == nil && batch.NumberedOf(m.Rejects, d) {
		return m.Rejects
	}
	return def
}

// writeSendSummary is the summary on stderr: counts per outcome, time,
// pace, the files, and the next step.
func (s *sendJob) writeSendSummary(res batch.Result, t batch.Totals, next *i18n.Error) {
	w := s.f.IO.ErrOut
	c := res.Counts
	dest := apiclient.DestinationOf(s.target.URL, s.target.Sandbox)
	sent, rate := c.Sent(), ""
	if sent > 0 {
		rate = i18n.T("import.send.rate", float64(sent)/max(res.Took.Seconds(), 0.001))
	}
	args := []any{apiclient.Sanitize(displayPath(s.opts.File)), dest.Badge(), dest.Host, batch.Duration(res.Took), sent, rate}
	switch res.Stopped {
	case batch.StopNone:
		fmt.Fprintln(w, i18n.T("import.send.imported", args...))
	default:
		fmt.Fprintln(w, i18n.T("import.send.stopped", args...))
		if res.Stopped != batch.StopOperator && res.Stopped != batch.StopAborted {
			// It stopped by itself: why, on a line of its own.
			why := i18n.T("import.err.failed")
			if res.Err != nil {
				why = apiclient.Sanitize(i18n.Text(res.Err))
			}
			fmt.Fprintln(w, sentence(why))
		}
	}
	var created []string
	if earlier := c.Earlier - c.Changed; earlier > 0 {
		created = append(created, i18n.T("import.send.earlier", earlier))
	}
	if c.FoundByLookup > 0 {
		created = append(created, i18n.T("import.send.by_lookup", c.FoundByLookup))
	}
	if t.Fixed > 0 {
		created = append(created, i18n.T("import.send.fixed", t.Fixed))
	}
	rows := []countRow{{label: i18n.T("import.send.created"), n: t.Created}}
	if len(created) > 0 {
		rows[0].note = i18n.T("import.send.created_notes", strings.Join(created, i18n.T("import.send.notes_sep")))
	}
	if t.Changed > 0 {
		rows = append(rows, countRow{i18n.T("import.send.changed"), t.Changed, i18n.T("import.send.changed_note")})
	}
	rows = append(rows, countRow{label: i18n.T("import.send.rejected"), n: t.Rejected})
	for _, c := range []struct {
		n           int
		label, note string
	}{
		{t.Unknown, "import.send.unknown", "import.send.unknown_note"},
		{t.NotSent, "import.send.not_sent", "import.send.not_sent_note"},
		{t.Invalid, "import.send.invalid", "import.send.invalid_note"},
		{t.Pending, "import.send.pending", ""},
	} {
		if c.n > 0 {
			row := countRow{label: i18n.T(c.label), n: c.n}
			if c.note != "" {
				row.note = i18n.T(c.note)
			}
			rows = append(rows, row)
		}
	}
	for _, l := range countLines(rows) {
		fmt.Fprintln(w, l)
	}
	if line := imagesLine(t); line != "" {
		fmt.Fprintln(w, line)
	}
	for _, l := range s.imageFailureLines() {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w, i18n.T("import.label.results"), apiclient.Sanitize(s.results))
	if t.RejectsBeside != "" && t.RejectsBeside != s.check.RejectsBeside {
		fmt.Fprintln(w, i18n.T("import.check.rejects_beside", apiclient.Sanitize(t.RejectsBeside)))
	}
	if rj := s.rejectsWritten(t); rj != "" && s.input.Stdin {
		// No file to open a row of in the wizard: --from - --row N fails.
		fmt.Fprintln(w, i18n.T("import.label.rejects"), apiclient.Sanitize(rj)+i18n.T("import.send.rejects_only", t.Rejected+t.Invalid))
	} else if rj != "" {
		fmt.Fprintln(w, i18n.T("import.label.rejects"), apiclient.Sanitize(rj)+
			i18n.T("import.send.rejects", t.Rejected+t.Invalid, "argos-migrate --from "+shellWord(s.opts.File)+" --row N"))
	} else if s.check.StaleRejects {
		fmt.Fprintln(w, i18n.T("import.send.stale_removed"))
	}
	fmt.Fprintln(w, i18n.T("import.label.journal"), apiclient.Sanitize(s.j.Dir()))
	if next != nil {
		fmt.Fprintln(w, sentence(next.Localize()))
	}
}

// sentence makes a message a sentence: its first letter in upper case and
// a final period (a Korean one ends in 다 and takes the period too).
func sentence(msg string) string {
	if msg == "" || strings.HasSuffix(msg, ".") {
		return msg
	}
	return apiclient.UpperFirst(msg) + "."
}

// defaultResultsPath is where FILE's results go by default (see
// defaultName).
func defaultResultsPath(file string) string { return defaultName(file, ".results.csv") }
