package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

func addRowFlag(root *cobra.Command, g *GlobalOptions) {
	root.Flags().Var(&rowFlag{g: g}, "row", i18n.T("importhelp.flag.row"))
}

// rowFlag is --row: a number, and whether it was given at all, so that
// --row 0 is refused as --row -1 is rather than read as no --row.
type rowFlag struct{ g *GlobalOptions }

func (r *rowFlag) String() string {
	if r.g == nil || !r.g.RowGiven {
		return "0"
	}
	return strconv.Itoa(r.g.Row)
}

func (r *rowFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return err
	}
	r.g.Row, r.g.RowGiven = n, true
	return nil
}

func (r *rowFlag) Type() string { return "int" }

// rowFix is one refused row of an import, opened in the wizard: the row as
// the import mapped it, the server's refusal at its field, and a submit
// that writes the journal before and after the POST, as the import does.
type rowFix struct {
	f      *Factory
	g      *GlobalOptions
	target *Target
	j      *batch.Journal
	src    batch.Source
	file   string // as the operator named it
	row    int
	// sent is the record the wizard created for the row, once journaled:
	// its images go with it.
	sent *fixSent
	// images is what became of the row's images ("" when none was sent).
	images batch.ImageOutcome
	// changed: the journal has a line more (a send, a lookup's find, an
	// image attempt): the results and rejects files are rewritten.
	changed atomic.Bool
}

// fixSent is the row's record as the wizard created it: the id, its
// fingerprint (the journal's name for it) and the admin and idType it
// was sent with.
type fixSent struct {
	id, fp string
	with   batch.SentWith
}

// errNothingToFix: the row needs no fixing (it was created).
var errNothingToFix = i18n.Err("import.fix.nothing")

// run opens the wizard on the row. It returns the ids the wizard created.
func (x *rowFix) run(ctx context.Context) ([]string, error) {
	rec, err := x.src.Row(x.row)
	var nr *batch.NoRowError
	if errors.As(err, &nr) {
		return nil, usageError(err) // only that: the file itself is fine
	}
	if err != nil {
		return nil, i18n.Err("import.fix.read_row", strconv.Itoa(x.row), displayPath(x.file), err)
	}
	st := x.j.Row(x.row)
	// A row created already (by the import, or fixed here before: its
	// values in the file may still be the ones the check refuses) is
	// never sent again: that would be a second submission.
	if st.Status == batch.StatusCreated {
		return nil, i18n.Err("import.fix.created", errNothingToFix, strconv.Itoa(x.row), apiclient.Sanitize(st.ID))
	}
	if !rec.Valid() && rec.RecordValid() {
		// Only its image files are refused: the wizard sends records, not
		// images; the files are fixed, and the import sends both.
		return nil, i18n.Err("import.fix.images_only", errNothingToFix, strconv.Itoa(x.row), batch.RefusalText(&rec))
	}
	if rec.Valid() {
		switch action, prior := x.j.Decide(x.row, rec.Fingerprint()); action {
		case batch.ActionSkip, batch.ActionChanged:
			return nil, i18n.Err("import.fix.created", errNothingToFix, strconv.Itoa(x.row), apiclient.Sanitize(prior.ID))
		case batch.ActionLookUp:
			st = prior
			st.Status = batch.StatusUnknown
		}
	}
	// The file's other rows are imported too: the row must not be sent
	// with an email or user id one of them has (the preflight's rule for
	// repeats, kept whatever is typed in the wizard).
	taken, err := x.src.Taken()
	if err != nil {
		return nil, i18n.Err("import.fix.read_row", strconv.Itoa(x.row), displayPath(x.file), err)
	}
	deps := x.deps(rec, st)
	deps.Check = func(sub apiclient.Submission) []*apiclient.FieldError {
		field, other := taken.Repeat(x.row, sub)
		switch {
		case field == "":
			return nil
		case other < 0:
			return []*apiclient.FieldError{{Field: field, Code: apiclient.CodeInvalidParameter, Message: i18n.T("import.fix.repeat_earlier")}}
		}
		return []*apiclient.FieldError{{Field: field, Code: apiclient.CodeInvalidParameter, Message: i18n.T("import.fix.repeat", strconv.Itoa(other))}}
	}
	s := &wizardSession{f: x.f, g: x.g, t: x.target}
	var submitted atomic.Bool
	deps.Submit = x.journaled(func(ctx context.Context, rec apiclient.Submission) (string, error) {
		submitted.Store(true)
		return s.submit(ctx, rec)
	})
	deps.Lookup, deps.Keys = s.lookup, s.keyFuncs()
	out, err := ui.Run(ctx, deps)
	if x.sent != nil {
		x.attachImages(ctx, s, &rec)
	}
	if st.Uncertain() {
		if !submitted.Load() && len(out.IDs) == 1 {
			// The wizard looked the email up and the operator took the
			// submission it found as this row's: nothing was sent.
			x.changed.Store(true)
			if jerr := x.j.Created(x.row, rec.Fingerprint(), out.IDs[0], batch.ViaLookup); jerr != nil {
				fmt.Fprintln(x.f.IO.ErrOut, i18n.T("import.fix.warn_lookup", apiclient.Sanitize(out.IDs[0]), strconv.Itoa(x.row), jerr))
			}
		}
	}
	if perr := printIDs(x.f, out.IDs...); perr != nil {
		return out.IDs, perr
	}
	if errors.Is(err, ui.ErrQuit) {
		return nil, marked(ErrCancelled, err) // q before sending: 130, as the wizard's
	}
	return out.IDs, err
}

// deps are the wizard's, opened on the row: at the field the server
// refused, with its note; at the review (which flags what the check
// refused); or, for a row whose outcome is unknown, at the review with the
// wizard's duplicate check armed (s looks the email up before sending).
// The row lives in the file and the journal, so no draft is kept.
func (x *rowFix) deps(rec batch.Record, st batch.RowState) ui.Deps {
	d := x.wizardDeps(rec, st)
	if n := len(rec.ImagePaths(x.src.ImageDir)); n > 0 {
		// The wizard sends the record; the row's images follow it.
		d.Drafts.Notices = append(d.Drafts.Notices, i18n.T("import.fix.notice_images", n))
	}
	return d
}

// wizardDeps are deps without the images' notice.
func (x *rowFix) wizardDeps(rec batch.Record, st batch.RowState) ui.Deps {
	where := i18n.T("import.fix.where", strconv.Itoa(x.row), filepath.Base(displayPath(x.file)))
	d := ui.Deps{In: x.f.IO.In, Out: x.f.IO.ErrOut, Initial: rec.Submission, Now: x.f.Now, Target: uiTarget(x.target),
		ProgramOptions: programOptions(x.f)}
	d.Drafts.Profile = x.target.Profile
	if st.Status == batch.StatusRejected && !rec.Valid() {
		st = batch.RowState{} // the file's row has changed into one the check refuses: show that
	}
	if st.Uncertain() {
		// The wizard's own duplicate check: s looks the email up first.
		d.Drafts.Found = &draft.Draft{Submission: rec.Submission, Profile: x.target.Profile, APIURL: x.target.URL,
			Outcome: draft.Outcome{Kind: draft.OutcomeUnknown}}
		d.Drafts.Resume = true
		d.Drafts.Notices = []string{i18n.T("import.fix.notice_unknown", where)}
		return d
	}
	if st.Status == batch.StatusRejected {
		fl := st.Failure.Failure()
		note := fl.Title
		if fl.Code != "" {
			note = fl.Code + ": " + apiclient.LowerFirst(fl.Title)
		}
		d.Drafts.Found = &draft.Draft{Submission: rec.Submission, Profile: x.target.Profile, APIURL: x.target.URL,
			Outcome: draft.Outcome{Kind: draft.OutcomeRejected, Status: fl.Status, Code: fl.Code, Field: fl.Field, Message: note}}
		d.Drafts.Resume = true
		d.Drafts.Notices = []string{i18n.T("import.fix.notice", where)}
		return d
	}
	d.Drafts.StartAtReview = true
	d.Drafts.Notices = []string{i18n.T("import.fix.notice", where)}
	return d
}

// journaled wraps the wizard's submit: the first record it sends is the
// row's, journaled as the import journals (a durable "sending" before the
// POST, the outcome after); once it is created, later records of the same
// session are the operator's own and are not.
func (x *rowFix) journaled(submit ui.SubmitFunc) ui.SubmitFunc {
	var mu sync.Mutex
	done := false
	return func(ctx context.Context, rec apiclient.Submission) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if done {
			return submit(ctx, rec)
		}
		fp := batch.Fingerprint(rec)
		with := batch.SentWith{Admin: rec.Admin, IDType: rec.IDType}
		if err := x.j.SendingInWizard(x.row, fp, with); err != nil {
			return "", i18n.Err("import.fix.not_journaled", apiclient.ErrNotSent, err)
		}
		x.changed.Store(true)
		id, err := submit(ctx, rec)
		if err == nil {
			done = true
			if jerr := x.j.CreatedInWizard(x.row, fp, id, with); jerr != nil {
				fmt.Fprintln(x.f.IO.ErrOut, i18n.T("import.fix.warn_unjournaled", apiclient.Sanitize(id), jerr, strconv.Itoa(x.row)))
			} else {
				x.sent = &fixSent{id: id, fp: fp, with: with}
			}
			return id, nil
		}
		fl := apiclient.Classify(err, rec)
		_ = x.j.Failed(x.row, fp, batch.StatusOf(fl), fl.Record(), "", 0)
		return "", err
	}
}

// FixRowRun is `argos-migrate --from FILE --row N`: row N of an import of
// FILE (to the same API, with the same profile) opened in the wizard. It
// finds the import's journal and how the import read the file (its
// mapping), and once the wizard ends, rewrites the results and rejects
// files from the journal.
func FixRowRun(ctx context.Context, f *Factory, g *GlobalOptions) error {
	file := g.Drafts.From
	switch {
	case file == "":
		return usageError(i18n.Err("import.usage.row_from"))
	case file == "-":
		return usageError(i18n.Err("import.usage.row_stdin"))
	case g.Row < 1:
		return usageError(i18n.Err("import.usage.row_min", strconv.Itoa(g.Row)))
	case g.Drafts.Resume || g.Drafts.New:
		return usageError(i18n.Err("import.usage.row_resume"))
	case AccessibleMode(f, g) || !f.IO.InTTY || !f.IO.ErrTTY:
		return usageError(i18n.Err("import.usage.row_tty"))
	}
	identity, err := batch.InputIdentity(file)
	if err != nil {
		return err
	}
	target, err := ResolveTargetContext(ctx, f, g)
	if err != nil {
		return err
	}
	defer target.Close()
	if target.Key == "" {
		return target.MissingKeyError()
	}
	state, err := settings.StateDir(f.Getenv)
	if err != nil {
		return err
	}
	dir := batch.JournalDir(state, target.Profile, target.JournalAPI(), identity)
	meta, err := batch.ReadMeta(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return usageError(i18n.Err("import.usage.row_not_recorded", displayPath(file), target.JournalAPI(), target.Profile))
	}
	if err != nil {
		return err
	}
	j, err := batch.OpenJournal(dir)
	if err != nil {
		return err
	}
	defer j.Close()
	m, err := importMapping(ctx, &ImportOptions{MappingFile: meta.Mapping, Maps: meta.Maps, Sets: meta.Sets, Ignore: meta.Ignore})
	if err != nil {
		return i18n.Err("import.fix.mapping_again", err)
	}
	src := batch.Source{Path: meta.Input, Read: batch.ReadOptions{Encoding: meta.Encoding}, Mapping: m, Today: f.Now(),
		ImageDir: cmp.Or(meta.ImageDir, batch.ImageDir(meta.Input)), ShownImageDir: meta.ImageDirShown}
	x := &rowFix{f: f, g: g, target: target, j: j, src: src, file: file, row: g.Row}
	_, fixErr := x.run(ctx)
	if errors.Is(fixErr, errNothingToFix) || errors.Is(fixErr, ErrUsage) {
		return fixErr
	}
	if !x.changed.Load() {
		// Nothing was sent (q before sending, or no row to open): the
		// results file says what it said.
		if fixErr != nil {
			return i18n.Err("import.fix.in_wizard", fixErr)
		}
		return nil
	}
	if _, err := os.Stat(meta.Input); err == nil {
		if _, rerr := batch.Report(src, j, meta.Results, meta.Rejects, nil); rerr != nil {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("import.fix.warn_results", apiclient.Sanitize(i18n.Text(rerr))))
		} else if meta.Results != "" {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("import.fix.results_updated", apiclient.Sanitize(meta.Results)))
		}
	}
	if fixErr != nil {
		return i18n.Err("import.fix.in_wizard", fixErr)
	}
	return nil
}
