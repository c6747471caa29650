package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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
	fl.BoolVar(&d.Resume, "resume", false, "")
	fl.BoolVar(&d.New, "new", false, "")
	fl.StringVar(&d.From, "from", "", "")
	fl.BoolVar(&d.NoPlain, "no-plain-drafts", false, "")
}

// draftFlagsUsage writes the usage of the draft flags, with root's help.
func draftFlagsUsage(root *cobra.Command) {
	flagUsage(root, "resume", i18n.T("help.root.resume"))
	flagUsage(root, "new", i18n.T("help.root.new"))
	flagUsage(root, "from", i18n.T("help.root.from"))
	flagUsage(root, "no-plain-drafts", i18n.T("help.root.no_plain_drafts"))
}

func (d DraftFlags) check() error {
	switch {
	case d.Resume && d.New:
		return usageErrorMsg("commands.usage.together", "--resume", "--new")
	case d.Resume && d.From != "":
		return usageErrorMsg("commands.usage.together", "--resume", "--from")
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

// askLockChoice asks on the terminal, before the wizard starts, on a
// screen drawn like the wizard's (ui.AskLock). ctx ends the question too: a
// closed terminal (SIGHUP) must not leave it waiting.
func askLockChoice(ctx context.Context, f *Factory, t ui.Target) chooseLockFunc {
	return func(le *draft.LockedError) (lockChoice, error) {
		holder := ""
		if le.PID > 0 {
			holder = i18n.T("drafts.wizard.process", strconv.Itoa(le.PID))
		}
		c, err := ui.AskLock(ctx, ui.LockQuestion{In: f.IO.In, Out: f.IO.ErrOut, Target: t, Profile: t.Profile, Holder: holder})
		switch c {
		case ui.LockReadOnly:
			return lockReadOnly, err
		case ui.LockSeparate:
			return lockSeparate, err
		}
		return lockQuit, err
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
	// keep is how this run keeps the record, decided before the first
	// field and said then; why says why no draft is kept (keepNone).
	keep keeping
	why  string
	// noPlain is --no-plain-drafts: the record is never written in clear,
	// not even to the file offered on exit without a terminal.
	noPlain bool
	// plainPath is the draft file when drafts are saved unencrypted (no OS
	// keyring): said on exit only if a draft is left there.
	plainPath string
}

// warn adds a warning to the notices, after the earlier warnings and before
// any plain note, so that a note never pushes a warning out of sight.
func (w *wizardDrafts) warn(s string) {
	if !strings.HasPrefix(s, "!") {
		s = "! " + s // the mark the wizard and the prompts know a warning by
	}
	w.opts.Notices = slices.Insert(w.opts.Notices, w.warned, s)
	w.warned++
}

// note adds a plain note after everything else.
func (w *wizardDrafts) note(s string) { w.opts.Notices = append(w.opts.Notices, s) }

// noteShort adds a note with its short form, what the wizard's later
// screens say in one line instead of the sentence cut short.
func (w *wizardDrafts) noteShort(s, short string) {
	w.note(s)
	if w.opts.ShortNotices == nil {
		w.opts.ShortNotices = map[string]string{}
	}
	w.opts.ShortNotices[s] = short
}

// plainDraftsWarning is what accessible mode says first when there is no
// OS keyring: what happens, why, and the flag that changes it.
func plainDraftsWarning() string { return i18n.T("drafts.wizard.plain_warning") }

// prepareDrafts decides, before the first field, whether and how this run
// keeps the record (encrypted; in clear only when there is no OS keyring at
// all; or not at all, and why), locks the profile's draft, reads it, and
// applies --new, --from and --resume.
func prepareDrafts(ctx context.Context, f *Factory, g *GlobalOptions, profile string, choose chooseLockFunc) (*wizardDrafts, error) {
	w := &wizardDrafts{release: func() {}, resume: resumeCommand(g, profile), noPlain: g.Drafts.NoPlain}
	w.opts.Profile = profile
	store, err := openDraftStore(f, g)
	if err != nil {
		return nil, err
	}
	// A state folder that is a link, or that cannot be made private, is
	// neither followed nor re-permissioned: the run keeps no draft.
	if err := store.CheckDir(); err != nil {
		w.keepNone(i18n.T("drafts.why.state_folder", apiclient.Sanitize(i18n.Text(err))), "")
		return w, w.readRecord(ctx, f, g)
	}
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
			return nil, marked(ErrCancelled, err)
		case lockReadOnly:
			// Nothing of the other wizard's is written, moved or deleted.
			store.ReadOnly = true
			who := i18n.T("drafts.wizard.another")
			if le.PID > 0 {
				who = i18n.T("drafts.wizard.another_pid", strconv.Itoa(le.PID))
			}
			w.keepNone(i18n.T("drafts.why.read_only", who), i18n.T("drafts.wizard.read_only", who))
		case lockSeparate:
			if store, lock, err = separateStore(f, g); err != nil {
				return nil, err
			}
			w.note(i18n.T("drafts.wizard.separate", apiclient.Sanitize(store.Path())))
			w.resume = ""
			w.separate = commandLine(profileCommand(g, profile), "draft", "show", "--file", shellWord(store.Path()))
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
	if !store.ReadOnly {
		_ = store.Prune() // age limits apply even when no new backup is made
		w.decide(ctx, store)
	}
	d, err := store.Load(ctx)
	var ue *draft.UnreadableError
	switch {
	case errors.As(err, &ue) && ue.MovedTo != "":
		w.warn(i18n.T("drafts.wizard.moved_aside", ue.MovedTo))
		w.after = append(w.after, i18n.T("commands.error.line", apiclient.Sanitize(i18n.Text(ue))))
	case errors.As(err, &ue):
		w.warn(i18n.T("drafts.wizard.left_in_place"))
		w.after = append(w.after, i18n.T("commands.error.line", apiclient.Sanitize(i18n.Text(ue))))
	case errors.Is(err, draft.ErrKeyUnavailable):
		if w.keep == keepClear {
			// Writing a new draft in clear would replace the encrypted one.
			w.keepNone(i18n.T("drafts.why.no_keyring_to_open"), "")
		} else {
			w.after = append(w.after, i18n.T("drafts.wizard.not_opened", apiclient.Sanitize(store.Path()), keyringWhy(err)))
		}
	case err == nil:
		// With --new or --from the draft is only backed up, never drawn.
		if terr := apiclient.CheckText(d.Submission); terr != nil && !g.Drafts.New && g.Drafts.From == "" {
			return nil, matching(apiclient.ErrInvalidRecord, i18n.Errorf("drafts.wizard.unsafe_draft", profile, unsafeText(terr)))
		}
		w.opts.Found = &d
		w.reseal(ctx, store, &d)
	case !errors.Is(err, draft.ErrNoDraft):
		return nil, err
	}
	if w.keep != keepNone {
		w.opts.Store = store
	}
	w.findPending(ctx, store, g.Sandbox)
	if err := w.readRecord(ctx, f, g); err != nil {
		return nil, err
	}
	switch {
	case w.opts.Found != nil && (g.Drafts.New || g.Drafts.From != ""):
		if w.opts.Store != nil {
			path, err := store.Backup()
			if err != nil {
				return nil, err
			}
			w.noteShort(i18n.T("drafts.wizard.backed_up", apiclient.Sanitize(path)),
				i18n.T("drafts.wizard.backed_up_short", apiclient.Sanitize(path)))
		}
		w.opts.Found = nil
	case g.Drafts.Resume && w.opts.Found == nil && w.opts.Pending == nil:
		w.after = append(w.after, i18n.T("drafts.wizard.nothing_to_resume", profile))
	case g.Drafts.Resume:
		w.opts.Resume = true
	}
	ready = true
	return w, nil
}

// readRecord applies --from: the record to open at the review.
func (w *wizardDrafts) readRecord(ctx context.Context, f *Factory, g *GlobalOptions) error {
	if g.Drafts.From == "" {
		return nil
	}
	sub, ignored, err := readRecordFile(ctx, f, g.Drafts.From)
	if err != nil {
		return err
	}
	w.initial, w.opts.StartAtReview = sub, true
	if len(ignored) > 0 {
		w.warn(i18n.T("drafts.wizard.left_out", g.Drafts.From, strings.Join(ignored, "; ")))
	}
	return nil
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
	return nil, nil, i18n.Errorf("drafts.wizard.no_separate")
}

// readRecordFile reads a record for --from. Keys the API does not know and
// values that are not strings are left out (the review shows what remains,
// with every rule it breaks); a file that is not one JSON object, or whose
// values hold escape sequences or other control characters, is refused.
func readRecordFile(ctx context.Context, f *Factory, path string) (apiclient.Submission, []string, error) {
	file := path
	if file == "-" {
		file = "./-" // the wizard's input is the terminal: "-" is a file's name here
	}
	sub, err := decodeRecordFrom(ctx, f, file)
	if errors.Is(err, ErrUsage) {
		return sub, nil, i18n.Errorf("drafts.wizard.from", err)
	}
	var ve *apiclient.ValidationError
	if err != nil && !errors.As(err, &ve) {
		return sub, nil, i18n.Errorf("drafts.wizard.from_file", path, err)
	}
	if terr := apiclient.CheckText(sub); terr != nil {
		return sub, nil, matching(apiclient.ErrInvalidRecord, i18n.Errorf("drafts.wizard.unsafe_file", path, unsafeText(terr)))
	}
	return sub, leftOut(ve), nil
}

// leftOut says, briefly, what of a record file the wizard left out: the keys
// that are not fields of the API in one list ("nickname, colour (not fields
// of the migration API)"), each other problem on its own.
func leftOut(ve *apiclient.ValidationError) []string {
	if ve == nil {
		return nil
	}
	var unknown, other []string
	for _, p := range ve.Problems {
		if _, known := apiclient.Spec(p.Field); !known && p.Code == apiclient.CodeInvalidParameter {
			// A key the API does not know; its message may end with a
			// suggestion, kept: "(did you mean "fullName"?)".
			k := apiclient.Sanitize(p.Field)
			if i := strings.LastIndex(p.Message, " ("); i >= 0 && strings.HasSuffix(p.Message, ")") {
				k += apiclient.Sanitize(p.Message[i:])
			}
			unknown = append(unknown, k)
			continue
		}
		other = append(other, apiclient.Sanitize(i18n.Text(p)))
	}
	switch len(unknown) {
	case 0:
	case 1:
		other = append([]string{i18n.T("drafts.wizard.not_field", unknown[0])}, other...)
	default:
		other = append([]string{i18n.T("drafts.wizard.not_fields", strings.Join(unknown, ", "))}, other...)
	}
	return other
}

// unsafeText says which fields of a record hold text that would act on the
// terminal: the form would draw it, or clean it and so change what is sent
// without a word, so such a record is refused before the wizard starts. It
// is an i18n.Msg, said in the language of the error it goes in.
func unsafeText(err error) i18n.Message {
	var ve *apiclient.ValidationError
	if !errors.As(err, &ve) {
		return i18n.Msg("drafts.wizard.unsafe_unknown")
	}
	parts := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		parts[i] = p.Field + " " + p.Message
	}
	return i18n.Msg("drafts.wizard.unsafe_fields", strings.Join(parts, "; "))
}

// report tells, on stderr once the terminal is released, where the record
// went: a record that no draft holds comes first, plainly, with the offer
// to keep it in a file; then the notes of the run; then where the draft is.
func (w *wizardDrafts) report(ctx context.Context, f *Factory, out ui.Outcome) {
	if out.Unsaved {
		why := w.why
		if out.DraftErr != nil {
			why = apiclient.Sanitize(i18n.Text(out.DraftErr))
		}
		w.offerExport(ctx, f, out.Submission, why)
	}
	for _, line := range w.after {
		fmt.Fprintln(f.IO.ErrOut, line)
	}
	if out.Unsaved {
		return
	}
	if note := w.plainNote(); note != "" {
		fmt.Fprintln(f.IO.ErrOut, note)
	}
	switch {
	case out.DraftSaved && w.resume == "":
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.kept_separate", w.opts.Profile, w.separate))
	case out.DraftSaved:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.kept", w.opts.Profile, w.resume))
	}
}

// plainNote says that the draft left on disk is unencrypted; "" when drafts
// are encrypted or no draft file remains (after a submission, say). Why
// there is no keyring is for `auth status` to tell.
func (w *wizardDrafts) plainNote() string {
	if w.plainPath == "" || w.keep != keepClear {
		return ""
	}
	if _, err := os.Lstat(w.plainPath); err != nil {
		return ""
	}
	return i18n.T("drafts.exit.unencrypted", apiclient.Sanitize(w.plainPath))
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
		c += " --api-url " + shellWord(g.APIURL)
	}
	return c
}

// profileCommand is argos-migrate with --profile when a bare run might not
// pick the same profile.
func profileCommand(g *GlobalOptions, profile string) string {
	if g.Profile != "" || profile != settings.DefaultProfile {
		return "argos-migrate --profile " + shellWord(profile)
	}
	return "argos-migrate"
}
