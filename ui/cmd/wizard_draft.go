package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

// DraftFlags are the wizard's flags about drafts.
type DraftFlags struct {
	Resume  bool   // --resume: open the saved draft without asking
	New     bool   // --new: start empty, keeping a saved draft as a backup
	From    string // --from FILE: prefill from a record file, open at the review
	NoPlain bool   // --no-plain-drafts: never store a draft unencrypted
}

func addDraftFlags(root *cobra.Command, d *DraftFlags) {
	fl := root.Flags()
	fl.BoolVar(&d.Resume, "resume", false, "open the saved draft without asking")
	fl.BoolVar(&d.New, "new", false, "start an empty record; a saved draft is kept as a backup file")
	fl.StringVar(&d.From, "from", "", "open the wizard prefilled from a record file (the submit --file JSON), at the review")
	fl.BoolVar(&d.NoPlain, "no-plain-drafts", false, "never store a draft unencrypted: without an OS keyring, keep no draft")
}

func (d DraftFlags) check() error {
	switch {
	case d.Resume && d.New:
		return usageErrorf("--resume and --new cannot be used together")
	case d.Resume && d.From != "":
		return usageErrorf("--resume and --from cannot be used together")
	}
	return nil
}

// draftName is the draft file's stem: the profile, or profile@sandbox for
// --sandbox runs so that a try-out never resumes into a live session ('@'
// cannot appear in a profile name).
func draftName(profile string, sandbox bool) string {
	if sandbox {
		return profile + "@sandbox"
	}
	return profile
}

// openDraftStore is the draft store of the selected profile.
func openDraftStore(f *Factory, g *GlobalOptions) (*draft.Store, error) {
	profile := SelectedProfile(f, g)
	if err := settings.CheckProfileName(profile); err != nil {
		return nil, usageError(err)
	}
	dir, err := settings.StateDir(f.Getenv)
	if err != nil {
		return nil, err
	}
	return &draft.Store{Dir: dir, Profile: profile, Name: draftName(profile, g.Sandbox),
		Keys: draft.KeyringKeys{Store: f.Keyring()}, RefusePlain: g.Drafts.NoPlain, Now: f.Now}, nil
}

// lockChoice is what a second wizard on a locked draft does.
type lockChoice int

const (
	lockReadOnly lockChoice = iota
	lockSeparate
	lockQuit
)

// chooseLockFunc asks the agent what to do about a locked draft.
type chooseLockFunc func(*draft.LockedError) (lockChoice, error)

// askLockChoice asks on the terminal, before the wizard starts. ctx ends
// the question too: a closed terminal (SIGHUP) must not leave it waiting.
func askLockChoice(ctx context.Context, f *Factory) chooseLockFunc {
	return func(le *draft.LockedError) (lockChoice, error) {
		choice := lockReadOnly
		err := huh.NewForm(huh.NewGroup(huh.NewSelect[lockChoice]().
			Title("Another argos-migrate is editing this profile's draft").
			Description(le.Error()+".").
			Options(
				huh.NewOption("Open it read-only (nothing is saved)", lockReadOnly),
				huh.NewOption("Start a separate draft", lockSeparate),
				huh.NewOption("Quit", lockQuit),
			).Value(&choice))).
			WithInput(f.IO.In).WithOutput(f.IO.ErrOut).RunWithContext(ctx)
		if errors.Is(err, huh.ErrUserAborted) || ctx.Err() != nil {
			return lockQuit, nil
		}
		return choice, err
	}
}

// wizardDrafts is what the wizard needs about drafts, prepared before the
// program starts.
type wizardDrafts struct {
	opts    ui.DraftOptions
	initial apiclient.Submission
	release func()
	after   []string // told on stderr once the program has ended
	warned  int      // how many of opts.Notices are warnings (they come first)
	// resume is the command that opens this draft again; "" for a separate
	// draft, which no command opens: separate is the command that shows it.
	resume   string
	separate string
	// plainPath is the draft file when drafts are saved unencrypted (no OS
	// keyring): said on exit only if a draft is left there.
	plainPath string
}

// warn adds a warning to the notices, after the earlier warnings and before
// any plain note, so that a note never pushes a warning out of sight.
func (w *wizardDrafts) warn(s string) {
	w.opts.Notices = slices.Insert(w.opts.Notices, w.warned, s)
	w.warned++
}

// note adds a plain note after everything else.
func (w *wizardDrafts) note(s string) { w.opts.Notices = append(w.opts.Notices, s) }

// plainDraftsWarning is the banner when there is no OS keyring: what
// happens, why, and the flag that changes it.
const plainDraftsWarning = "! Drafts are saved unencrypted (no OS keyring); --no-plain-drafts keeps none."

// prepareDrafts locks the profile's draft, fetches its key, reads it, and
// applies --new, --from and --resume.
func prepareDrafts(ctx context.Context, f *Factory, g *GlobalOptions, profile string, choose chooseLockFunc) (*wizardDrafts, error) {
	w := &wizardDrafts{release: func() {}, resume: resumeCommand(g, profile)}
	w.opts.Profile = profile
	store, err := openDraftStore(f, g)
	if err != nil {
		return nil, err
	}
	readOnly := false
	lock, err := store.Lock()
	var le *draft.LockedError
	switch {
	case errors.As(err, &le):
		c, cerr := choose(le)
		if cerr != nil {
			return nil, cerr
		}
		switch c {
		case lockQuit:
			return nil, fmt.Errorf("%w: %w", ErrCancelled, err)
		case lockReadOnly:
			readOnly = true
			w.warn("Read-only: another argos-migrate holds this draft; nothing you change here is saved.")
		case lockSeparate:
			if store, lock, err = separateStore(f, g); err != nil {
				return nil, err
			}
			w.note("A separate draft: " + store.Path())
			w.resume = ""
			w.separate = profileCommand(g, profile) + " draft show --file " + shellQuote(store.Path())
		}
	case err != nil:
		return nil, err
	}
	if lock != nil {
		w.release = func() { _ = lock.Unlock() }
	}
	// A refusal below leaves the draft unlocked for the next try.
	ready := false
	defer func() {
		if !ready {
			w.release()
		}
	}()
	if !readOnly {
		w.opts.Store = store
		_ = store.Prune() // age limits apply even when no new backup is made
		if perr := store.Prepare(ctx); errors.Is(perr, draft.ErrPlainRefused) {
			w.opts.Store = nil
			w.warn("Drafts are off (--no-plain-drafts): no OS keyring for the draft key.")
			w.after = append(w.after, "Nothing was saved as a draft: "+perr.Error())
		} else if errors.Is(perr, draft.ErrKeyUnavailable) {
			// A keyring is there but gave no key: saves try it again and
			// fail on screen rather than write the record in clear.
			w.warn("! Drafts are not being saved: the OS keyring did not give the draft key (see the message on exit).")
			w.after = append(w.after, "Drafts were not saved, and the previous draft file is left as it was: "+apiclient.Sanitize(perr.Error()))
		} else if perr != nil {
			w.warn(plainDraftsWarning)
			w.plainPath = store.Path()
		}
	}
	d, err := store.Load(ctx)
	var ue *draft.UnreadableError
	switch {
	case errors.As(err, &ue):
		w.warn("The last draft could not be read; it was moved aside to " + ue.MovedTo)
		w.after = append(w.after, "error: "+apiclient.Sanitize(ue.Error()))
	case errors.Is(err, draft.ErrKeyUnavailable):
		w.warn("! The saved draft cannot be opened now (the OS keyring gives no key); it is left as it was.")
		w.after = append(w.after, "The saved draft was not opened: "+apiclient.Sanitize(err.Error()))
	case err == nil:
		// With --new or --from the draft is only backed up, never drawn.
		if terr := apiclient.CheckText(d.Submission); terr != nil && !g.Drafts.New && g.Drafts.From == "" {
			return nil, fmt.Errorf("%w: the saved draft of profile %q %s: see it with `argos-migrate draft show` (escape codes shown as text), "+
				"then start over with `argos-migrate --new` (the draft is kept as a backup file), or fix a copy from `argos-migrate draft export` and open it with --from",
				apiclient.ErrInvalidRecord, profile, unsafeText(terr))
		}
		w.opts.Found = &d
	case !errors.Is(err, draft.ErrNoDraft):
		return nil, err
	}
	if g.Drafts.From != "" {
		sub, ignored, err := readRecordFile(g.Drafts.From)
		if err != nil {
			return nil, err
		}
		w.initial, w.opts.StartAtReview = sub, true
		if len(ignored) > 0 {
			w.warn(fmt.Sprintf("Left out of %s: %s", g.Drafts.From, strings.Join(ignored, "; ")))
		}
	}
	switch {
	case w.opts.Found != nil && (g.Drafts.New || g.Drafts.From != ""):
		if w.opts.Store != nil {
			path, err := store.Backup()
			if err != nil {
				return nil, err
			}
			w.note("The previous draft was kept as " + path)
		}
		w.opts.Found = nil
	case g.Drafts.Resume && w.opts.Found == nil:
		w.after = append(w.after, fmt.Sprintf("There was no draft to resume for profile %q; the wizard started empty.", profile))
	case g.Drafts.Resume:
		w.opts.Resume = true
	}
	ready = true
	return w, nil
}

// separateStore locks the first free separate draft of the profile.
func separateStore(f *Factory, g *GlobalOptions) (*draft.Store, *draft.Lock, error) {
	for n := 2; n < 100; n++ {
		s, err := openDraftStore(f, g)
		if err != nil {
			return nil, nil, err
		}
		s.Name = draft.SeparateName(s.Name, n)
		lock, err := s.Lock()
		if errors.Is(err, draft.ErrLocked) {
			continue
		}
		return s, lock, err
	}
	return nil, nil, errors.New("every separate draft is in use")
}

// readRecordFile reads a record for --from. Keys the API does not know and
// values that are not strings are left out (the review shows what remains,
// with every rule it breaks); a file that is not one JSON object, or whose
// values hold escape sequences or other control characters, is refused.
func readRecordFile(path string) (apiclient.Submission, []string, error) {
	file, err := os.Open(path)
	if err != nil {
		return apiclient.Submission{}, nil, usageErrorf("reading --from: %w", err)
	}
	defer file.Close()
	sub, err := apiclient.DecodeSubmission(file)
	var ve *apiclient.ValidationError
	if err != nil && !errors.As(err, &ve) {
		return sub, nil, fmt.Errorf("reading --from %s: %w", path, err)
	}
	if terr := apiclient.CheckText(sub); terr != nil {
		return sub, nil, fmt.Errorf("%w: --from %s %s: fix the file, then run again", apiclient.ErrInvalidRecord, path, unsafeText(terr))
	}
	var ignored []string
	if ve != nil {
		for _, p := range ve.Problems {
			ignored = append(ignored, apiclient.Sanitize(p.Error()))
		}
	}
	return sub, ignored, nil
}

// unsafeText says which fields of a record hold text that would act on the
// terminal: the form would draw it, or clean it and so change what is sent
// without a word, so such a record is refused before the wizard starts.
func unsafeText(err error) string {
	var ve *apiclient.ValidationError
	if !errors.As(err, &ve) {
		return "holds text that cannot be shown safely"
	}
	parts := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		parts[i] = p.Field + " " + p.Message
	}
	return "holds text that would act on the terminal instead of showing (" + strings.Join(parts, "; ") + ")"
}

// report tells, on stderr once the terminal is released, where the record
// went: kept as a draft, or why it was not.
func (w *wizardDrafts) report(f *Factory, out ui.Outcome) {
	for _, line := range w.after {
		fmt.Fprintln(f.IO.ErrOut, line)
	}
	if note := w.plainNote(); note != "" {
		fmt.Fprintln(f.IO.ErrOut, note)
	}
	switch {
	case out.DraftErr != nil:
		fmt.Fprintf(f.IO.ErrOut, "error: the record could not be kept as a draft: %s\n", apiclient.Sanitize(out.DraftErr.Error()))
	case out.DraftSaved && w.resume == "":
		fmt.Fprintf(f.IO.ErrOut, "The record is kept as a separate draft of profile %q: `%s` shows it.\n", w.opts.Profile, w.separate)
	case out.DraftSaved:
		fmt.Fprintf(f.IO.ErrOut, "The record is kept as a draft for profile %q: run `%s` to resume it.\n", w.opts.Profile, w.resume)
	}
}

// plainNote says that the draft left on disk is unencrypted; "" when drafts
// are encrypted or no draft file remains (after a submission, say). Why
// there is no keyring is for `auth status` to tell.
func (w *wizardDrafts) plainNote() string {
	if w.plainPath == "" {
		return ""
	}
	if _, err := os.Stat(w.plainPath); err != nil {
		return ""
	}
	return "The draft is saved unencrypted in " + w.plainPath + " (no OS keyring; `argos-migrate auth status` says why)."
}

// resumeCommand is the command that opens the draft of this run again: the
// same kind of run (a --sandbox run keeps a draft of its own, which a plain
// run never opens), the same profile and the same --api-url.
func resumeCommand(g *GlobalOptions, profile string) string {
	c := "argos-migrate"
	if g.Sandbox {
		c += " --sandbox"
	}
	c += strings.TrimPrefix(profileCommand(g, profile), "argos-migrate")
	if g.APIURL != "" && !g.Sandbox {
		c += " --api-url " + shellQuote(g.APIURL)
	}
	return c
}

// profileCommand is argos-migrate with --profile when a bare run might not
// pick the same profile.
func profileCommand(g *GlobalOptions, profile string) string {
	if g.Profile != "" || profile != settings.DefaultProfile {
		return "argos-migrate --profile " + shellQuote(profile)
	}
	return "argos-migrate"
}
