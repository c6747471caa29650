package cmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

// draftEnv is a test environment whose state folder is a temp dir.
func draftEnv(t *testing.T) *testEnv {
	t.Helper()
	te := newTestEnv(t, nil, "")
	te.env["XDG_STATE_HOME"] = t.TempDir()
	return te
}

// saveDraft puts a draft of rec on disk for the default profile.
func saveDraft(t *testing.T, te *testEnv, rec apiclient.Submission, o draft.Outcome) *draft.Store {
	t.Helper()
	s, err := openDraftStore(te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(context.Background(), draft.Draft{Submission: rec, APIURL: "http://127.0.0.1:1", Outcome: o}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDraftShowMasksTheIdentityNumber(t *testing.T) {
	te := draftEnv(t)
	rec := apitest.Sample()
	saveDraft(t, te, rec, draft.Outcome{Kind: draft.OutcomeRejected, Code: "invalid_admin", Field: "admin", Message: "server answered 400 invalid_admin: Invalid admin."})
	if err := draftShowRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	out := te.out.String()
	for _, want := range []string{`Draft of profile "default"`, "rejected: invalid_admin (admin)", "Invalid admin.", "홍길동", "identityNumber   ••••••-•••••••"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, rec.IdentityNumber) {
		t.Fatalf("show printed the identity number:\n%s", out)
	}
}

// export prints what submit --file reads, and submitting it creates the
// record; neither touches the draft.
func TestDraftExportFeedsSubmitAndSubmitLeavesTheDraft(t *testing.T) {
	te := draftEnv(t)
	rec := apitest.Sample()
	s := saveDraft(t, te, rec, draft.Outcome{})
	before, _ := os.ReadFile(s.Path())
	if err := draftExportRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	got, err := apiclient.DecodeSubmission(bytes.NewReader(te.out.Bytes()))
	if err != nil || got != rec {
		t.Fatalf("export = %+v, %v; want the record", got, err)
	}
	file := filepath.Join(t.TempDir(), "record.json")
	if err := os.WriteFile(file, te.out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := apitest.Sandbox(t, sandbox.Options{})
	te.out.Reset()
	te.env[EnvAPIKey] = sandbox.Key
	te.g.APIURL = sb.URL
	if err := submitRun(context.Background(), &SubmitOptions{Factory: te.f, Globals: te.g, File: file}); err != nil {
		t.Fatal(err)
	}
	if recs := sb.Records(); len(recs) != 1 || recs[0].Submission != rec {
		t.Fatalf("sandbox records %+v", recs)
	}
	after, err := os.ReadFile(s.Path())
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("submit --file changed the draft (%v)", err)
	}
}

func TestDraftDiscardAndPath(t *testing.T) {
	te := draftEnv(t)
	s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
	if err := draftPathRun(&DraftPathOptions{Factory: te.f, Globals: te.g}); err != nil || strings.TrimSpace(te.out.String()) != s.Path() {
		t.Fatalf("path printed %q (%v), want %s", te.out, err, s.Path())
	}
	// Refused while a wizard holds the draft.
	lock, err := s.Lock()
	if err != nil {
		t.Fatal(err)
	}
	if err := draftDiscardRun(context.Background(), &DraftDiscardOptions{Factory: te.f, Globals: te.g}); !errors.Is(err, draft.ErrLocked) {
		t.Fatalf("discard under a lock = %v, want ErrLocked", err)
	}
	_ = lock.Unlock()
	if err := draftDiscardRun(context.Background(), &DraftDiscardOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path()); !os.IsNotExist(err) {
		t.Fatalf("draft still there: %v", err)
	}
	if !strings.Contains(te.errOut.String(), "Discarded the draft from") {
		t.Errorf("stderr = %q", te.errOut)
	}
}

func TestPrepareDraftsWhenLocked(t *testing.T) {
	te := draftEnv(t)
	s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
	lock, err := s.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	ctx := context.Background()
	var asked *draft.LockedError
	choose := func(c lockChoice) chooseLockFunc {
		return func(le *draft.LockedError) (lockChoice, error) { asked = le; return c, nil }
	}

	ro, err := prepareDrafts(ctx, te.f, te.g, "default", choose(lockReadOnly))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.release()
	if asked == nil || asked.PID != os.Getpid() || ro.opts.Store != nil || ro.opts.Found == nil || !strings.Contains(strings.Join(ro.opts.Notices, "\n"), "Read-only") {
		t.Fatalf("read-only: asked %v, opts %+v", asked, ro.opts)
	}

	sep, err := prepareDrafts(ctx, te.f, te.g, "default", choose(lockSeparate))
	if err != nil {
		t.Fatal(err)
	}
	defer sep.release()
	store, ok := sep.opts.Store.(*draft.Store)
	if !ok || !strings.HasSuffix(store.Path(), "default~2.draft.json") || sep.opts.Found != nil {
		t.Fatalf("separate: %+v", sep.opts)
	}
	sep.report(ctx, te.f, ui.Outcome{DraftSaved: true})
	if want := "`argos-migrate draft show --file " + store.Path() + "` shows it"; !strings.Contains(te.errOut.String(), want) {
		t.Fatalf("separate draft: told %q, want %q", te.errOut, want)
	}

	if _, err := prepareDrafts(ctx, te.f, te.g, "default", choose(lockQuit)); !errors.Is(err, ErrCancelled) {
		t.Fatalf("quit: %v", err)
	}
}

func TestPrepareDraftsFlags(t *testing.T) {
	ctx := context.Background()
	never := func(*draft.LockedError) (lockChoice, error) { panic("asked about a lock") }

	t.Run("new keeps a backup", func(t *testing.T) {
		te := draftEnv(t)
		s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
		te.g.Drafts.New = true
		w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if err != nil {
			t.Fatal(err)
		}
		defer w.release()
		backups, _ := filepath.Glob(filepath.Join(s.Dir, "default.draft.backup-*.json"))
		if w.opts.Found != nil || len(backups) != 1 || !strings.Contains(strings.Join(w.opts.Notices, "\n"), backups[0]) {
			t.Fatalf("found %v, backups %v, notices %q", w.opts.Found, backups, w.opts.Notices)
		}
		// Its short form, for the wizard's later screens: the words the
		// catalog wrote for it, not the sentence cut short.
		note := w.opts.Notices[len(w.opts.Notices)-1]
		if short := w.opts.ShortNotices[note]; short != "Previous draft kept: "+backups[0] {
			t.Fatalf("short form of %q: %q", note, short)
		}
	})
	t.Run("from a file with unknown keys", func(t *testing.T) {
		te := draftEnv(t)
		file := filepath.Join(t.TempDir(), "ticket.json")
		_ = os.WriteFile(file, []byte(`{"email":"m@sample.com","nickname":"x","birthDate":"2002/11/08"}`), 0o600)
		te.g.Drafts.From = file
		w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if err != nil {
			t.Fatal(err)
		}
		defer w.release()
		if !w.opts.StartAtReview || w.initial.Email != "m@sample.com" || w.initial.BirthDate != "2002/11/08" ||
			!strings.Contains(strings.Join(w.opts.Notices, "\n"), "nickname") {
			t.Fatalf("opts %+v initial %+v", w.opts, w.initial)
		}
	})
	t.Run("resume without a draft says so", func(t *testing.T) {
		te := draftEnv(t)
		te.g.Drafts.Resume = true
		w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if err != nil {
			t.Fatal(err)
		}
		defer w.release()
		if w.opts.Resume || len(w.after) == 0 || !strings.Contains(w.after[0], "no draft to resume") {
			t.Fatalf("opts %+v after %q", w.opts, w.after)
		}
	})
	t.Run("an unreadable draft is moved aside and named", func(t *testing.T) {
		te := draftEnv(t)
		s, _ := openDraftStore(te.f, te.g)
		_ = os.MkdirAll(s.Dir, 0o700)
		_ = os.WriteFile(s.Path(), []byte("garbage"), 0o600)
		w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if err != nil {
			t.Fatal(err)
		}
		defer w.release()
		moved, _ := filepath.Glob(s.Path() + ".unreadable-*")
		if len(moved) != 1 || !strings.Contains(strings.Join(w.opts.Notices, "\n"), moved[0]) {
			t.Fatalf("moved %v, notices %q", moved, w.opts.Notices)
		}
	})
	t.Run("from a file holding escape codes is refused", func(t *testing.T) {
		te := draftEnv(t)
		file := filepath.Join(t.TempDir(), "ticket.json")
		_ = os.WriteFile(file, []byte(`{"email":"m@sample.com","fullName":"Kim\u001b[2J","birthDate":"\u001b]0;pwned\u0007"}`), 0o600)
		te.g.Drafts.From = file
		_, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if !errors.Is(err, apiclient.ErrInvalidRecord) || !strings.Contains(err.Error(), "fullName contains a control character (U+001B)") ||
			!strings.Contains(err.Error(), "birthDate") || strings.ContainsRune(err.Error(), 0x1b) {
			t.Fatalf("err = %q, want the two fields named, without the escape itself", err)
		}
	})
	t.Run("a draft holding escape codes is refused, kept, and --new backs it up", func(t *testing.T) {
		te := draftEnv(t)
		rec := apitest.Sample()
		rec.CF1 = "\x1b]0;pwned\a"
		s := saveDraft(t, te, rec, draft.Outcome{})
		_, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if !errors.Is(err, apiclient.ErrInvalidRecord) || !strings.Contains(err.Error(), "cf1 contains a control character") ||
			!strings.Contains(err.Error(), "draft show") {
			t.Fatalf("err = %v", err)
		}
		if d, err := s.Load(ctx); err != nil || d.Submission != rec {
			t.Fatalf("the draft was not kept as it was: %v", err)
		}
		te.g.Drafts.New = true
		w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
		if err != nil {
			t.Fatal(err)
		}
		defer w.release()
		if w.opts.Found != nil || !strings.Contains(strings.Join(w.opts.Notices, "\n"), "backup") {
			t.Fatalf("--new: found %v, notices %q", w.opts.Found, w.opts.Notices)
		}
	})
	t.Run("resume with new is a usage error", func(t *testing.T) {
		if err := (DraftFlags{Resume: true, New: true}).check(); !errors.Is(err, ErrUsage) {
			t.Fatal(err)
		}
	})
}

// A hand-edited draft whose outcome and values hold escape codes is shown as
// text by draft show and draft discard.
func TestDraftCommandsShowEscapesAsText(t *testing.T) {
	te := draftEnv(t)
	rec := apitest.Sample()
	rec.CF1 = "\x1b[2Jcleared"
	saveDraft(t, te, rec, draft.Outcome{Kind: draft.OutcomeRejected, Code: "\x1b]0;pwned\a", Field: "\x1b[2J",
		Message: "\x1b]0;pwned\a"})
	if err := draftShowRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	out := te.out.String()
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, '\a') {
		t.Fatalf("draft show printed a raw escape:\n%q", out)
	}
	for _, want := range []string{"rejected: ␛]0;pwned␇ (␛[2J)", "␛[2Jcleared"} {
		if !strings.Contains(out, want) {
			t.Errorf("draft show lacks %q:\n%s", want, out)
		}
	}
	root := NewCmdRoot(te.f, nil)
	root.SetArgs([]string{"draft", "discard"})
	root.SetOut(te.errOut)
	root.SetErr(te.errOut)
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if s := te.errOut.String(); strings.ContainsRune(s, 0x1b) || !strings.Contains(s, "␛]0;pwned␇") {
		t.Fatalf("draft discard: %q", s)
	}
}

// A keyring that stops answering leaves the encrypted draft as it was: not
// opened, not moved aside, not replaced by clear text, and the wizard says
// drafts are not being saved rather than "no OS keyring".
func TestPrepareDraftsWhenTheKeyringDoesNotAnswer(t *testing.T) {
	te := draftEnv(t)
	s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
	before, _ := os.ReadFile(s.Path())
	release := make(chan struct{})
	defer close(release)
	te.f.Keyring = func() keyring.Store {
		return &keyring.Keyring{Backend: blockingStore{release}, Timeout: 50 * time.Millisecond}
	}
	ctx := context.Background()
	never := func(*draft.LockedError) (lockChoice, error) { panic("asked about a lock") }
	w, err := prepareDrafts(ctx, te.f, te.g, "default", never)
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	all := strings.Join(append(w.opts.Notices, w.after...), "\n")
	// Decided before the first field: no draft in this run, and why.
	if w.keep != keepNone || w.opts.Store != nil || w.opts.Found != nil || !strings.Contains(w.opts.Notices[0], "did not answer: unlock your keyring") ||
		strings.Contains(all, "unencrypted") || strings.Contains(all, "no OS keyring") {
		t.Fatalf("keep %v store %v found %v, told:\n%s", w.keep, w.opts.Store, w.opts.Found, all)
	}
	if after, err := os.ReadFile(s.Path()); err != nil || !bytes.Equal(before, after) {
		t.Fatalf("the encrypted draft changed or moved (%v)", err)
	}
}

// noKeyringStore is a machine without any OS keyring.
type noKeyringStore struct{}

func (noKeyringStore) Get(context.Context, string) (string, error) { return "", errNoKeyring }
func (noKeyringStore) Set(context.Context, string, string) error   { return errNoKeyring }
func (noKeyringStore) Delete(context.Context, string) error        { return errNoKeyring }

var errNoKeyring = &keyring.Error{Op: "reading", Kind: keyring.ErrNoKeyring, Err: errors.New("no D-Bus session")}

// The privacy warning stays first when --from keeps the previous draft as
// a backup and says where.
func TestPrepareDraftsKeepsTheWarningFirst(t *testing.T) {
	te := newTestEnv(t, noKeyringStore{}, "")
	te.env["XDG_STATE_HOME"] = t.TempDir()
	saveDraft(t, te, apitest.Sample(), draft.Outcome{})
	file := filepath.Join(t.TempDir(), "ticket.json")
	_ = os.WriteFile(file, []byte(`{"email":"m@sample.com","nickname":"x"}`), 0o600)
	te.g.Drafts.From = file
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", func(*draft.LockedError) (lockChoice, error) { panic("lock") })
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	n := w.opts.Notices
	if !w.opts.Unencrypted || len(n) != 2 || !strings.Contains(n[0], "nickname") || !strings.Contains(n[1], "kept as") {
		t.Fatalf("unencrypted %v, notices %q, want the unencrypted badge, the left-out keys, then the backup", w.opts.Unencrypted, n)
	}
}

func TestPlainDraftsWarningWording(t *testing.T) {
	te := newTestEnv(t, noKeyringStore{}, "")
	te.env["XDG_STATE_HOME"] = t.TempDir()
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", func(*draft.LockedError) (lockChoice, error) { panic("lock") })
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	want := "! Drafts are saved unencrypted (no OS keyring); --no-plain-drafts keeps none."
	if !w.opts.Unencrypted || len(w.opts.Notices) != 0 {
		t.Fatalf("unencrypted %v, notices %q: want the wizard's badge and no notice", w.opts.Unencrypted, w.opts.Notices)
	}
	if n := w.notices(); len(n) != 1 || n[0] != want {
		t.Fatalf("accessible mode's notices %q, want %q", n, want)
	}
	if len(w.after) != 0 || w.plainNote() != "" {
		t.Fatalf("told on exit %q and %q, want nothing while no draft file exists", w.after, w.plainNote())
	}
}

// The exit line about unencrypted drafts comes only when a draft file is
// left, and it is short: why there is no keyring is for `auth status`.
func TestPlainDraftLineOnlyWhenADraftRemains(t *testing.T) {
	lines := strings.SplitAfter(answerFile(t), "\n")
	for name, tc := range map[string]struct {
		answers string
		want    bool
	}{
		"after a submission":   {answers: answerFile(t)},
		"after the input ends": {answers: strings.Join(lines[:3], ""), want: true},
	} {
		t.Run(name, func(t *testing.T) {
			te := newTestEnv(t, noKeyringStore{}, tc.answers)
			te.env["XDG_STATE_HOME"] = t.TempDir()
			te.g.Sandbox, te.g.Accessible = true, true
			_ = WizardRun(context.Background(), te.f, te.g)
			store, err := openDraftStore(te.f, te.g)
			if err != nil {
				t.Fatal(err)
			}
			stderr := te.errOut.String()
			line := "The draft is saved unencrypted in " + store.Path() + " (no OS keyring; `argos-migrate auth status` says why)."
			if got := strings.Contains(stderr, line); got != tc.want {
				t.Errorf("the exit line %q is there: %v, want %v:\n%s", line, got, tc.want, stderr)
			}
			if _, err := os.Stat(store.Path()); (err == nil) != tc.want {
				t.Errorf("draft file there: %v, want %v", err == nil, tc.want)
			}
			if strings.Contains(stderr, "D-Bus") || strings.Contains(stderr, "draft key") {
				t.Errorf("stderr tells the keyring's internals:\n%s", stderr)
			}
		})
	}
}

// The hint on exit is the command that opens this very draft: a --sandbox
// run's draft is not the one a plain run opens.
func TestResumeHintIsTheExactCommand(t *testing.T) {
	never := func(*draft.LockedError) (lockChoice, error) { panic("lock") }
	for _, c := range []struct {
		sandbox bool
		profile string
		apiURL  string
		want    string
	}{
		{false, "", "", "run `argos-migrate` to resume it"},
		{true, "", "", "run `argos-migrate --sandbox` to resume it"},
		{true, "acme", "", "run `argos-migrate --sandbox --profile acme` to resume it"},
		{false, "acme", "https://staging.example.com/api?x=1", "run `argos-migrate --profile acme --api-url 'https://staging.example.com/api?x=1'` to resume it"},
	} {
		te := draftEnv(t)
		te.g.Sandbox, te.g.Profile, te.g.APIURL = c.sandbox, c.profile, c.apiURL
		w, err := prepareDrafts(context.Background(), te.f, te.g, SelectedProfile(te.f, te.g), never)
		if err != nil {
			t.Fatal(err)
		}
		w.report(context.Background(), te.f, ui.Outcome{DraftSaved: true})
		w.release()
		if got := te.errOut.String(); !strings.Contains(got, c.want) {
			t.Errorf("sandbox %v profile %q: told %q, want %q", c.sandbox, c.profile, got, c.want)
		}
	}
}

// draft show lists the backups and drafts moved aside, and reads one with
// --file; export --file gives its record for submit --file.
func TestDraftShowListsAndReadsBackups(t *testing.T) {
	te := draftEnv(t)
	rec := apitest.Sample()
	s := saveDraft(t, te, rec, draft.Outcome{Kind: draft.OutcomeRejected, Code: "invalid_admin", Field: "admin"})
	backup, err := s.Backup()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opts := &DraftShowOptions{Factory: te.f, Globals: te.g}
	// No draft is one answer, backups or not: show lists them, and still
	// fails as export and a show with nothing kept do (exit 1).
	err = draftShowRun(ctx, opts)
	if !errors.Is(err, draft.ErrNoDraft) || ExitCodeOf(err) != ExitFailed || !strings.HasPrefix(err.Error(), "no draft for profile") {
		t.Fatalf("show without a draft but with a backup: %v (exit %d), want no draft, exit 1", err, ExitCodeOf(err))
	}
	if out := te.out.String(); !strings.Contains(out, backup) || !strings.Contains(out, "backup") {
		t.Fatalf("show does not list the backup:\n%s", out)
	}
	te.out.Reset()
	exportErr := draftExportRun(ctx, opts)
	if exportErr == nil || exportErr.Error() != err.Error() || ExitCodeOf(exportErr) != ExitFailed || te.out.Len() != 0 {
		t.Fatalf("export without a draft: %v (exit %d), stdout %q; want show's answer %v", exportErr, ExitCodeOf(exportErr), te.out.String(), err)
	}
	te.out.Reset()
	opts.File = backup
	if err := draftShowRun(ctx, opts); err != nil {
		t.Fatal(err)
	}
	out := te.out.String()
	for _, want := range []string{"File:         " + backup, "rejected: invalid_admin (admin)", "홍길동", "••••••-•••••••"} {
		if !strings.Contains(out, want) {
			t.Errorf("show --file lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, rec.IdentityNumber) {
		t.Fatalf("show --file printed the identity number:\n%s", out)
	}
	te.out.Reset()
	if err := draftExportRun(ctx, opts); err != nil {
		t.Fatal(err)
	}
	if got, err := apiclient.DecodeSubmission(bytes.NewReader(te.out.Bytes())); err != nil || got != rec {
		t.Fatalf("export --file = %+v, %v", got, err)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Fatalf("reading the backup moved it: %v", err)
	}
	// The cobra commands take the flag.
	te.out.Reset()
	c := NewCmdDraftShow(te.f, te.g, nil)
	c.SetArgs([]string{"--file", backup})
	c.SetContext(ctx)
	if err := c.Execute(); err != nil || !strings.Contains(te.out.String(), "홍길동") {
		t.Fatalf("draft show --file: %v\n%s", err, te.out)
	}
}

// A --sandbox run keeps its draft apart: `draft show` without the flag
// points at it rather than only saying there is none, and the reverse.
func TestDraftShowPointsAtTheOtherKindOfDraft(t *testing.T) {
	for _, sandboxDraft := range []bool{true, false} {
		te := draftEnv(t)
		te.g.Sandbox = sandboxDraft
		saveDraft(t, te, apitest.Sample(), draft.Outcome{})
		te.g.Sandbox = !sandboxDraft
		err := draftShowRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g})
		want := "a draft of live runs (without --sandbox) exists: run `argos-migrate draft show`"
		if sandboxDraft {
			want = "a sandbox draft exists: run `argos-migrate draft show --sandbox`"
		}
		if !errors.Is(err, draft.ErrNoDraft) || !strings.Contains(err.Error(), want) {
			t.Errorf("sandbox draft %v: err = %v, want ErrNoDraft with %q", sandboxDraft, err, want)
		}
	}
	te := draftEnv(t)
	err := draftShowRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g})
	if !errors.Is(err, draft.ErrNoDraft) || strings.Contains(err.Error(), "exists") {
		t.Errorf("no draft at all: err = %v, want ErrNoDraft without a hint", err)
	}
}

// show and export change no file: an unreadable draft is reported by its
// path and left where it is.
func TestDraftShowLeavesAnUnreadableDraftInPlace(t *testing.T) {
	te := draftEnv(t)
	s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
	junk := []byte("{not a draft")
	if err := os.WriteFile(s.Path(), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func(context.Context, *DraftShowOptions) error{"show": draftShowRun, "export": draftExportRun} {
		err := run(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g})
		if err == nil || !strings.Contains(err.Error(), "unreadable") || !strings.Contains(err.Error(), s.Path()) {
			t.Errorf("%s: err = %v, want it unreadable and named by its path", name, err)
		}
		if got, err := os.ReadFile(s.Path()); err != nil || !bytes.Equal(got, junk) {
			t.Fatalf("%s moved or changed the draft (%v)", name, err)
		}
		if b, _ := s.Backups(); len(b) != 0 {
			t.Fatalf("%s left %d file(s) aside: %+v", name, len(b), b)
		}
	}
}

// A --sandbox run's draft went to the built-in sandbox, whose port died
// with that run: show names it, the draft and its backups alike, and shows
// a live draft's URL as it was.
func TestDraftShowNamesTheBuiltInSandbox(t *testing.T) {
	for _, sandbox := range []bool{true, false} {
		te := draftEnv(t)
		te.g.Sandbox = sandbox
		s := saveDraft(t, te, apitest.Sample(), draft.Outcome{})
		backup, err := s.Backup()
		if err != nil {
			t.Fatal(err)
		}
		saveDraft(t, te, apitest.Sample(), draft.Outcome{})
		for _, file := range []string{"", backup} {
			te.out.Reset()
			if err := draftShowRun(context.Background(), &DraftShowOptions{Factory: te.f, Globals: te.g, File: file}); err != nil {
				t.Fatal(err)
			}
			out := te.out.String()
			builtIn := strings.Contains(out, "API:          the built-in sandbox (--sandbox)")
			if builtIn != sandbox || strings.Contains(out, "127.0.0.1:1") == sandbox {
				t.Errorf("sandbox %v, file %q: the API line is wrong:\n%s", sandbox, file, out)
			}
		}
	}
}
