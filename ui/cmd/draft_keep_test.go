package cmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

var noLockQuestion = func(*draft.LockedError) (lockChoice, error) { panic("asked about a lock") }

// folderFiles lists a folder's files with their bytes.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

// A state folder that is a link is never followed nor re-permissioned: the
// wizard starts, without drafts, and says so once before the first field.
func TestAStateFolderThatIsALinkRunsWithoutDrafts(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need privileges on Windows")
	}
	te := draftEnv(t)
	target := t.TempDir()
	if err := os.Chmod(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(te.env["XDG_STATE_HOME"], "argos-migrate")); err != nil {
		t.Fatal(err)
	}
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatalf("the wizard refused to start: %v", err)
	}
	defer w.release()
	if w.keep != keepNone || w.opts.Store != nil || len(w.opts.Notices) != 1 ||
		!strings.Contains(w.opts.Notices[0], "No draft is kept in this run: the state folder") ||
		!strings.Contains(w.opts.Notices[0], "is a symbolic link") {
		t.Fatalf("keep %v, store %v, notices %q", w.keep, w.opts.Store, w.opts.Notices)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o755 {
		t.Fatalf("the link's target was re-permissioned to %v", fi.Mode().Perm())
	}
	if files := folderFiles(t, target); len(files) != 0 {
		t.Fatalf("files written through the link: %v", files)
	}
}

// A state folder the tool cannot make private (another user's) is not
// used either, and the wizard still starts.
func TestAStateFolderThatCannotBeMadePrivateRunsWithoutDrafts(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		msg := "needs root to give a folder to another user"
		if os.Getenv("CI") == "true" && runtime.GOOS != "windows" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	te := draftEnv(t)
	dir := filepath.Join(te.env["XDG_STATE_HOME"], "argos-migrate")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatalf("the wizard refused to start: %v", err)
	}
	defer w.release()
	if w.keep != keepNone || !strings.Contains(w.why, "cannot be made private") || !strings.Contains(w.why, "belongs to user id 65534") {
		t.Fatalf("keep %v, why %q", w.keep, w.why)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Fatalf("another user's folder was re-permissioned to %v", fi.Mode().Perm())
	}
}

// A second wizard that opens a draft read-only moves and rewrites nothing:
// not an unreadable draft, not a draft stored in clear, not the backups.
func TestAReadOnlySessionTouchesNoDraftFile(t *testing.T) {
	for name, plant := range map[string]func(t *testing.T, te *testEnv, s *draft.Store){
		"unreadable": func(t *testing.T, _ *testEnv, s *draft.Store) {
			_ = os.WriteFile(s.Path(), []byte("garbage"), 0o600)
		},
		"stored in clear": func(t *testing.T, te *testEnv, s *draft.Store) {
			plain := &draft.Store{Dir: s.Dir, Profile: "default", Keys: draft.KeyringKeys{Store: noKeyringStore{}}}
			if err := plain.Save(context.Background(), draft.Draft{Submission: apitest.Sample()}); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			te := draftEnv(t)
			s, _ := openDraftStore(te.f, te.g)
			if err := s.CheckDir(); err != nil {
				t.Fatal(err)
			}
			plant(t, te, s)
			lock, err := s.Lock()
			if err != nil {
				t.Fatal(err)
			}
			defer lock.Unlock()
			before := folderFiles(t, s.Dir)
			w, err := prepareDrafts(context.Background(), te.f, te.g, "default",
				func(*draft.LockedError) (lockChoice, error) { return lockReadOnly, nil })
			if err != nil {
				t.Fatal(err)
			}
			defer w.release()
			if after := folderFiles(t, s.Dir); len(after) != len(before) {
				t.Fatalf("files before %d, after %d", len(before), len(after))
			} else {
				for k, v := range before {
					if after[k] != v {
						t.Fatalf("%s was changed by a read-only session", k)
					}
				}
			}
			if w.opts.Store != nil || w.keep != keepNone {
				t.Fatalf("a read-only session can save: %+v", w.opts)
			}
		})
	}
}

// A draft found stored in clear while a keyring is there is said to have
// been, and saved again encrypted.
func TestADraftStoredInClearIsEncryptedWhenAKeyringIsBack(t *testing.T) {
	te := draftEnv(t)
	s, _ := openDraftStore(te.f, te.g)
	rec := apitest.Sample()
	plain := &draft.Store{Dir: s.Dir, Profile: "default", Keys: draft.KeyringKeys{Store: noKeyringStore{}}}
	if err := plain.Save(context.Background(), draft.Draft{Submission: rec}); err != nil {
		t.Fatal(err)
	}
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	if w.opts.Found == nil || w.opts.Found.Submission != rec {
		t.Fatalf("the draft was not offered: %+v", w.opts.Found)
	}
	if !strings.Contains(strings.Join(w.opts.Notices, "\n"), "had been stored unencrypted (no OS keyring then); it is encrypted now") {
		t.Fatalf("notices %q do not say it was stored in clear", w.opts.Notices)
	}
	data, _ := os.ReadFile(s.Path())
	if bytes.Contains(data, []byte(rec.IdentityNumber)) || !bytes.Contains(data, []byte(`"encrypted": true`)) {
		t.Fatalf("the draft is still in clear:\n%s", data)
	}
}

// With an encrypted draft on disk and no keyring in this session, the run
// keeps no draft and says so before the first field; on exit it says so
// first, never "saved unencrypted", and keeps the record in a file.
func TestNoContradictionWhenAnEncryptedDraftMeetsNoKeyring(t *testing.T) {
	te := draftEnv(t)
	saveDraft(t, te, apitest.Sample(), draft.Outcome{}) // encrypted, over the mock keyring
	te.f.Keyring = func() keyring.Store { return noKeyringStore{} }
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	all := strings.Join(w.opts.Notices, "\n")
	if w.keep != keepNone || w.opts.Store != nil || strings.Contains(all, "unencrypted") ||
		!strings.Contains(all, "No draft is kept in this run: the saved draft is encrypted") {
		t.Fatalf("keep %v, notices:\n%s", w.keep, all)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	rec := apitest.Sample()
	rec.FullName = "김철수"
	w.report(context.Background(), te.f, ui.Outcome{Submission: rec, Unsaved: true})
	said := te.errOut.String()
	if !strings.HasPrefix(said, "! The record was NOT kept as a draft: the saved draft is encrypted") ||
		strings.Contains(said, "unencrypted in") || strings.Contains(said, "kept as a draft for profile") {
		t.Fatalf("on exit:\n%s", said)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "argos-migrate-record-default-*.json"))
	if len(files) != 1 {
		t.Fatalf("exported files %v", files)
	}
	fi, _ := os.Stat(files[0])
	b, _ := os.ReadFile(files[0])
	got, err := apiclient.DecodeSubmission(bytes.NewReader(b))
	if err != nil || got != rec || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export %v (%v), mode %v", got, err, fi.Mode().Perm())
	}
	if !strings.Contains(said, "--from "+files[0]) {
		t.Errorf("the exit message does not say how to open it:\n%s", said)
	}
}

// With --no-plain-drafts the record is never written in clear, not even to
// the file on the way out.
func TestNoPlainDraftsNeverExportsInClearWithoutAsking(t *testing.T) {
	te := newTestEnv(t, noKeyringStore{}, "")
	te.env["XDG_STATE_HOME"] = t.TempDir()
	te.g.Drafts.NoPlain = true
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	dir := t.TempDir()
	t.Chdir(dir)
	w.report(context.Background(), te.f, ui.Outcome{Submission: apitest.Sample(), Unsaved: true})
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("written in clear: %v", files)
	}
	if said := te.errOut.String(); !strings.Contains(said, "NOT kept as a draft: there is no OS keyring, and --no-plain-drafts") ||
		!strings.Contains(said, "not written to a file either") {
		t.Fatalf("on exit:\n%s", said)
	}
}

// A locked keyring says "unlock your keyring" before the first field, in
// the keyring's one wording, and the same on exit.
func TestALockedKeyringIsSaidBeforeTheFirstField(t *testing.T) {
	te := draftEnv(t)
	gokeyring.MockInitWithError(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'"))
	defer gokeyring.MockInit()
	w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
	if err != nil {
		t.Fatal(err)
	}
	defer w.release()
	if len(w.opts.Notices) == 0 || w.opts.Notices[0] != "! The OS keyring is locked: unlock your keyring and restart to keep drafts." {
		t.Fatalf("notices %q", w.opts.Notices)
	}
	t.Chdir(t.TempDir())
	w.report(context.Background(), te.f, ui.Outcome{Submission: apitest.Sample(), Unsaved: true})
	if said := te.errOut.String(); !strings.HasPrefix(said, "! The record was NOT kept as a draft: "+keyring.Summary(keyring.ErrLocked)+"; unlock your keyring") {
		t.Fatalf("on exit:\n%s", said)
	}
}

// `draft discard` removes an unreadable draft as asked, saying what it was,
// and refuses a link in its place.
func TestDraftDiscardRemovesAnUnreadableDraft(t *testing.T) {
	te := draftEnv(t)
	s, _ := openDraftStore(te.f, te.g)
	if err := s.CheckDir(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path(), []byte(`{"format":"argos-migrate-dr`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := draftDiscardRun(context.Background(), &DraftDiscardOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(s.Path()); !os.IsNotExist(err) {
		t.Fatalf("the unreadable draft is still there: %v", err)
	}
	if aside, _ := filepath.Glob(s.Path() + ".unreadable-*"); len(aside) != 0 {
		t.Fatalf("moved aside instead of discarded: %v", aside)
	}
	if said := te.errOut.String(); !strings.Contains(said, "Discarded the draft file "+s.Path()) || !strings.Contains(said, "could not be read") {
		t.Fatalf("said %q", said)
	}
	if runtime.GOOS == "windows" {
		return
	}
	victim := filepath.Join(t.TempDir(), "victim")
	_ = os.WriteFile(victim, []byte("precious"), 0o600)
	if err := os.Symlink(victim, s.Path()); err != nil {
		t.Fatal(err)
	}
	if err := draftDiscardRun(context.Background(), &DraftDiscardOptions{Factory: te.f, Globals: te.g}); err == nil {
		t.Fatal("a link in the draft's place was discarded as a draft")
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Fatal("the link's target changed")
	}
}

// After a submission, with drafts kept but no way to keep the record of the
// success, nothing says the draft could not be cleared.
func TestASuccessNeverSaysTheDraftCouldNotBeCleared(t *testing.T) {
	te := newTestEnv(t, noKeyringStore{}, answerFile(t))
	te.env["XDG_STATE_HOME"] = t.TempDir()
	te.g.Sandbox, te.g.Accessible = true, true
	// An encrypted last-success record on disk: it cannot be replaced in
	// clear, and that is no failure to clear the draft.
	s, _ := openDraftStore(te.f, te.g)
	enc := &draft.Store{Dir: s.Dir, Profile: s.Profile, Name: s.Name, Keys: draft.KeyringKeys{Store: &keyring.Keyring{}}}
	gokeyring.MockInit()
	if err := enc.SaveSuccess(context.Background(), draft.LastSuccess{ID: "old"}); err != nil {
		t.Fatal(err)
	}
	if err := WizardRun(context.Background(), te.f, te.g); err != nil {
		t.Fatalf("WizardRun: %v\n%s", err, te.errOut)
	}
	if said := te.errOut.String(); strings.Contains(said, "could not be cleared") {
		t.Fatalf("after a success:\n%s", said)
	}
}

// The sandbox's request log, like every file the tool writes, is never
// opened through a link.
func TestTheSandboxLogIsNeverWrittenThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need privileges on Windows")
	}
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(t.TempDir(), "requests.jsonl")
	if err := os.Symlink(victim, log); err != nil {
		t.Fatal(err)
	}
	if _, stop, err := startSandbox(0, sandbox.Options{}, SandboxBehaviour{Log: log}); err == nil {
		_ = stop()
		t.Fatal("the sandbox logged through a link")
	} else if !errors.Is(err, settings.ErrLink) {
		t.Fatalf("err = %v, want ErrLink", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Fatal("the link's target changed")
	}
}
