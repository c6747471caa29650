package draft

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
)

// draftRecord is a record with personal data worth hiding.
func draftRecord() apiclient.Submission {
	return apiclient.Submission{Admin: "admin@sample.com", Email: "migration@sample.com", FullName: "홍길동",
		BirthDate: "2002-11-08", IdentityNumber: "021108-2222555", KYCStatus: "approved"}
}

// mockStore is a draft store in a temp folder over go-keyring's mock.
func mockStore(tb testing.TB) *Store {
	tb.Helper()
	gokeyring.MockInit()
	return &Store{Dir: filepath.Join(tb.TempDir(), "state", "argos-migrate"), Profile: "default",
		Keys: KeyringKeys{Store: &keyring.Keyring{}}, Now: fixedNow}
}

// noKeyring is a KeyStore whose keyring never answers.
type noKeyring struct{}

func (noKeyring) Get(context.Context, string) (string, error) { return "", errNoOSKeyring }
func (noKeyring) Set(context.Context, string, string) error   { return errNoOSKeyring }
func (noKeyring) Delete(context.Context, string) error        { return errNoOSKeyring }

var errNoOSKeyring = &keyring.Error{Op: "reading", Kind: keyring.ErrNoKeyring, Err: errors.New("no D-Bus session")}

// grepDir reports the files under dir whose bytes contain needle.
func grepDir(tb testing.TB, dir, needle string) []string {
	tb.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && bytes.Contains(data, []byte(needle)) {
			hits = append(hits, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return hits
}

func TestDraftRoundTripEncryptedWithModes(t *testing.T) {
	s := mockStore(t)
	ctx := context.Background()
	d := Draft{Submission: draftRecord(), APIURL: "http://127.0.0.1:1",
		Outcome: Outcome{Kind: OutcomeRejected, Code: "invalid_admin", Field: "admin"}}
	if err := s.Save(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSuccess(ctx, LastSuccess{ID: "sbx1_mg", At: fixedNow(), Email: "migration@sample.com"}); err != nil {
		t.Fatal(err)
	}
	if s.plainReason() != nil {
		t.Fatalf("stored in clear: %v", s.plainReason())
	}
	for path, want := range map[string]fs.FileMode{s.Dir: 0o700, s.Path(): 0o600, s.lastPath(): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode %o, want %o", path, got, want)
		}
	}
	for _, secret := range []string{"021108-2222555", "홍길동", "migration@sample.com", "021108"} {
		if hits := grepDir(t, s.Dir, secret); len(hits) > 0 {
			t.Errorf("%q in clear on disk in %v", secret, hits)
		}
	}
	// A new store (a new process) reads it back with the key from the keyring.
	s2 := &Store{Dir: s.Dir, Profile: "default", Keys: s.Keys}
	got, err := s2.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Submission != d.Submission || got.Profile != "default" || got.Version != Version ||
		!got.SavedAt.Equal(fixedNow()) || got.Outcome != d.Outcome || got.APIURL != d.APIURL {
		t.Fatalf("read back %+v", got)
	}
	if l, err := s2.LastSuccess(ctx); err != nil || l.ID != "sbx1_mg" {
		t.Fatalf("last success %+v, %v", l, err)
	}
}

func TestDraftWithoutKeyringIsPlainAndSaysWhy(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: dir, Profile: "default", Keys: KeyringKeys{Store: noKeyring{}}}
	if err := s.Save(context.Background(), Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	why := s.plainReason()
	if why == nil || !errors.Is(why, keyring.ErrNoKeyring) {
		t.Fatalf("plainReason = %v, want the keyring failure", why)
	}
	data, _ := os.ReadFile(s.Path())
	if !bytes.Contains(data, []byte(`"encrypted": false`)) || !bytes.Contains(data, []byte("no D-Bus session")) {
		t.Fatalf("plain file does not say so:\n%s", data)
	}
	if d, err := s.Load(context.Background()); err != nil || d.Submission != draftRecord() {
		t.Fatalf("Load = %+v, %v", d, err)
	}

	refuse := &Store{Dir: t.TempDir(), Profile: "default", Keys: KeyringKeys{Store: noKeyring{}}, RefusePlain: true}
	err := refuse.Save(context.Background(), Draft{Submission: draftRecord()})
	if !errors.Is(err, ErrPlainRefused) {
		t.Fatalf("Save = %v, want ErrPlainRefused", err)
	}
	if _, err := os.Stat(refuse.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a refused draft was written: %v", err)
	}
}

// A crash between write and rename leaves the old draft whole and no temp
// file behind.
func TestDraftAtomicWriteSurvivesFailedRename(t *testing.T) {
	s := mockStore(t)
	ctx := context.Background()
	first := Draft{Submission: draftRecord()}
	if err := s.Save(ctx, first); err != nil {
		t.Fatal(err)
	}
	s.rename = func(string, string) error { return errors.New("power lost") }
	second := first
	second.Submission.FullName = "김철수"
	if err := s.Save(ctx, second); err == nil || !strings.Contains(err.Error(), "power lost") {
		t.Fatalf("Save = %v, want the rename failure", err)
	}
	s.rename = nil
	got, err := (&Store{Dir: s.Dir, Profile: "default", Keys: s.Keys}).Load(ctx)
	if err != nil || got.Submission.FullName != "홍길동" {
		t.Fatalf("after a failed rename: %+v, %v; want the first draft", got.Submission, err)
	}
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

// A copy of the draft that a save killed before its rename left is
// removed when the draft is discarded: it holds the record.
func TestDiscardRemovesWhatAKilledSaveLeft(t *testing.T) {
	s := mockStore(t)
	if err := s.Save(context.Background(), Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(s.Dir, "."+filepath.Base(s.Path())+".31337.tmp")
	if err := os.WriteFile(left, []byte("a record"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(left, old, old); err != nil {
		t.Fatal(err)
	}
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(left); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the killed save's copy is still there: %v", err)
	}
}

func TestDraftLockIsExclusive(t *testing.T) {
	s := mockStore(t)
	l, err := s.Lock()
	if err != nil {
		t.Fatal(err)
	}
	other := &Store{Dir: s.Dir, Profile: "default"}
	_, err = other.Lock()
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.PID != os.Getpid() {
		t.Fatalf("second Lock = %v, want LockedError naming pid %d", err, os.Getpid())
	}
	sep := &Store{Dir: s.Dir, Profile: "default", Name: SeparateName("default", 2)}
	ls, err := sep.Lock()
	if err != nil {
		t.Fatalf("a separate draft is locked too: %v", err)
	}
	_ = ls.Unlock()
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := other.Lock()
	if err != nil {
		t.Fatalf("Lock after Unlock = %v", err)
	}
	_ = l2.Unlock()
}

func TestUnreadableDraftIsMovedAsideNeverDeleted(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(t *testing.T, s *Store){
		"corrupt": func(t *testing.T, s *Store) {
			_ = os.MkdirAll(s.Dir, 0o700)
			_ = os.WriteFile(s.Path(), []byte(`{"format":"argos-migrate-dr`), 0o600)
		},
		"no record": func(t *testing.T, s *Store) {
			_ = os.MkdirAll(s.Dir, 0o700)
			_ = os.WriteFile(s.Path(), []byte(`{"format":"argos-migrate-draft","version":1,"encrypted":false,"payload":null}`), 0o600)
		},
		"version 0 without a record": func(t *testing.T, s *Store) {
			_ = os.MkdirAll(s.Dir, 0o700)
			_ = os.WriteFile(s.Path(), []byte(`null`), 0o600)
		},
		"newer format": func(t *testing.T, s *Store) {
			_ = os.MkdirAll(s.Dir, 0o700)
			_ = os.WriteFile(s.Path(), []byte(`{"format":"argos-migrate-draft","version":99,"encrypted":false,"payload":{}}`), 0o600)
		},
		"wrong key": func(t *testing.T, s *Store) {
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
			// Another key replaces it in the keyring (a reinstall, say).
			_ = gokeyring.Set(keyring.Service, KeyUser("default"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
		},
		"key gone": func(t *testing.T, s *Store) {
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
			_ = gokeyring.Delete(keyring.Service, KeyUser("default"))
		},
	}
	for name, prepare := range cases {
		t.Run(name, func(t *testing.T) {
			s := mockStore(t)
			prepare(t, s)
			before, _ := os.ReadFile(s.Path())
			fresh := &Store{Dir: s.Dir, Profile: "default", Keys: s.Keys, Now: fixedNow}
			_, err := fresh.Load(ctx)
			var ue *UnreadableError
			if !errors.As(err, &ue) || ue.MovedTo == "" {
				t.Fatalf("Load = %v, want an UnreadableDraftError with a new path", err)
			}
			if !strings.Contains(err.Error(), ue.MovedTo) {
				t.Errorf("message %q does not name %s", err, ue.MovedTo)
			}
			moved, rerr := os.ReadFile(ue.MovedTo)
			if rerr != nil || !bytes.Equal(moved, before) {
				t.Fatalf("moved file differs or is gone: %v", rerr)
			}
			if _, err := fresh.Load(ctx); !errors.Is(err, ErrNoDraft) {
				t.Errorf("second Load = %v, want ErrNoDraft", err)
			}
		})
	}
}

func TestDraftVersion0IsStillRead(t *testing.T) {
	s := mockStore(t)
	data, err := os.ReadFile("testdata/draft-v0.json")
	if err != nil {
		t.Fatal(err)
	}
	_ = os.MkdirAll(s.Dir, 0o700)
	if err := os.WriteFile(s.Path(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := s.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Outcome{Kind: OutcomeRejected, Code: "invalid_admin", Field: "admin", At: d.SavedAt}
	if d.Version != 0 || d.Submission.FullName != "홍길동" || d.Submission.IdentityNumber != "021108-2222555" ||
		d.Outcome != want || d.APIURL != "http://127.0.0.1:8080" {
		t.Fatalf("v0 read as %+v", d)
	}
	if got := d.Headline(d.SavedAt.Add(24 * time.Hour)); got != "the draft from 14:02 yesterday — rejected: invalid_admin (admin)" {
		t.Errorf("Headline = %q", got)
	}
	// The next save upgrades it to the current, encrypted format.
	if err := s.Save(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if hits := grepDir(t, s.Dir, "021108-2222555"); len(hits) > 0 {
		t.Errorf("identity number in clear after the upgrade: %v", hits)
	}
}

func TestOlderSaveDoesNotOverwriteNewer(t *testing.T) {
	s := mockStore(t)
	s.Now = nil
	ctx := context.Background()
	t0 := time.Now()
	newer := Draft{Submission: draftRecord(), SavedAt: t0.Add(time.Second)}
	older := Draft{Submission: apiclient.Submission{Admin: "old@sample.com"}, SavedAt: t0}
	if err := s.Save(ctx, newer); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx, older); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Load(ctx); d.Submission.Admin != "admin@sample.com" {
		t.Fatalf("an older save overwrote a newer one: %+v", d.Submission)
	}
}

func TestOutcomeOf(t *testing.T) {
	at := fixedNow()
	cases := []struct {
		err  error
		want string
	}{
		{&apiclient.APIError{Status: 400, Code: "invalid_admin", Message: "Invalid admin."}, "rejected: invalid_admin (admin)"},
		{&apiclient.APIError{Status: 400, Code: "invalid_format", Field: "birthDate"}, "rejected: invalid_format (birthDate)"},
		{&apiclient.APIError{Status: 403, Message: "Forbidden"}, "rejected: HTTP 403"},
		{&apiclient.APIError{Status: 502}, "outcome unknown: the record may have been created"},
		{&apiclient.TransportError{Op: "sending", Sent: true, Err: errors.New("EOF")}, "outcome unknown: the record may have been created"},
		{&apiclient.TransportError{Op: "sending", Sent: false, Err: errors.New("refused")}, "not sent"},
	}
	for _, c := range cases {
		if got := OutcomeOf(c.err, apiclient.Submission{}, at).Summary(); got != c.want {
			t.Errorf("OutcomeOf(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func BenchmarkDraftSave(b *testing.B) {
	s := mockStore(b)
	d := Draft{Submission: draftRecord()}
	ctx := context.Background()
	for b.Loop() {
		d.SavedAt = time.Time{}
		if err := s.Save(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

// A keyring that is there but gives no key (slow, locked, damaged entry)
// never turns a draft into clear text: the save fails and the file on disk
// stays as it was. Only "no keyring at all" may write in clear, and never
// over a draft that was encrypted.
func TestDraftIsWrittenInClearOnlyWithoutAnyKeyring(t *testing.T) {
	ctx := context.Background()
	timeout := errKeyStore{&keyring.Error{Op: "reading", Kind: keyring.ErrTimeout, Err: errors.New("no answer within 30s")}}
	// go-keyring's own words for a locked Secret Service, read by the
	// keyring layer.
	locked := &keyring.Keyring{Backend: failingBackend{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")}}
	for name, keys := range map[string]keyring.Store{
		"timeout": timeout, "locked": locked, "damaged entry": fixedKeyStore("not a key"),
		"no keyring over an encrypted draft": noKeyring{},
	} {
		t.Run(name, func(t *testing.T) {
			s := mockStore(t)
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(s.Path())
			again := &Store{Dir: s.Dir, Profile: "default", Keys: KeyringKeys{Store: keys}, Now: fixedNow}
			if err := again.Prepare(ctx); err == nil {
				t.Fatal("Prepare = nil")
			} else if name != "no keyring over an encrypted draft" && !errors.Is(err, ErrKeyUnavailable) {
				t.Fatalf("Prepare = %v, want ErrKeyUnavailable", err)
			}
			edited := draftRecord()
			edited.FullName = "김철수"
			err := again.Save(ctx, Draft{Submission: edited, SavedAt: fixedNow().Add(time.Minute)})
			if !errors.Is(err, ErrKeyUnavailable) {
				t.Fatalf("Save = %v, want ErrKeyUnavailable", err)
			}
			after, _ := os.ReadFile(s.Path())
			if !bytes.Equal(before, after) {
				t.Fatalf("the encrypted draft was replaced:\n%s", after)
			}
			if hits := grepDir(t, s.Dir, "021108-2222555"); len(hits) > 0 {
				t.Fatalf("identity number in clear: %v", hits)
			}
		})
	}
	t.Run("timeout with no draft yet", func(t *testing.T) {
		s := &Store{Dir: t.TempDir(), Profile: "default", Keys: KeyringKeys{Store: timeout}}
		if err := s.Save(ctx, Draft{Submission: draftRecord()}); !errors.Is(err, ErrKeyUnavailable) {
			t.Fatalf("Save = %v, want ErrKeyUnavailable", err)
		}
		if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("a draft was written: %v", err)
		}
	})
}

// An encrypted draft opens under any name: kept as a backup, moved aside,
// or copied. Files sealed the version 1 way (bound to the file's name) are
// still read, as the draft and as the backups made from them.
func TestEncryptedDraftOpensAfterARename(t *testing.T) {
	ctx := context.Background()
	s := mockStore(t)
	if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	backup, err := s.Backup()
	if err != nil || backup == "" {
		t.Fatalf("Backup = %q, %v", backup, err)
	}
	if d, err := s.LoadFile(ctx, backup); err != nil || d.Submission != draftRecord() {
		t.Fatalf("the backup does not open: %+v, %v", d.Submission, err)
	}

	// Version 1: sealed with the file's name.
	key, err := s.Keys.DraftKey(ctx, "default", false)
	if err != nil {
		t.Fatal(err)
	}
	v1 := func(t *testing.T, name string) []byte {
		payload, _ := json.Marshal(Draft{Version: 1, Submission: draftRecord(), Profile: "default", SavedAt: fixedNow()})
		nonce, ct, err := seal(key, payload, fmt.Appendf(nil, "%s/v1/%s", draftFormat, name))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(envelope{Format: draftFormat, Version: 1, Encrypted: true, Alg: "AES-256-GCM", Nonce: nonce, Data: ct})
		return data
	}
	for _, path := range []string{
		s.Path(),
		filepath.Join(s.Dir, "default.draft.backup-20250101T000000Z.json"),
		s.Path() + ".unreadable-20250101T000000Z-2",
	} {
		if err := os.WriteFile(path, v1(t, "default.draft.json"), 0o600); err != nil {
			t.Fatal(err)
		}
		if d, err := s.LoadFile(ctx, path); err != nil || d.Submission != draftRecord() {
			t.Errorf("version 1 file %s: %+v, %v", filepath.Base(path), d.Submission, err)
		}
	}
	if d, err := s.Load(ctx); err != nil || d.Submission != draftRecord() {
		t.Fatalf("version 1 draft: %+v, %v", d.Submission, err)
	}
	// Still bound to the profile: another profile's store does not open it
	// even with the same key.
	other := &Store{Dir: s.Dir, Profile: "acme", Keys: fixedKeys(key)}
	if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.LoadFile(ctx, s.Path()); !errors.Is(err, errWrongKey) {
		t.Fatalf("another profile opened the draft: %v", err)
	}
}

// Backups do not pile up: each store keeps the newest five of each kind and
// none older than 30 days, and leaves other stores' files alone.
func TestBackupsArePruned(t *testing.T) {
	ctx := context.Background()
	s := mockStore(t)
	now := fixedNow()
	s.Now = func() time.Time { return now }
	_ = os.MkdirAll(s.Dir, 0o700)
	old := s.Path() + ".unreadable-" + now.Add(-40*24*time.Hour).UTC().Format("20060102T150405Z")
	recent := s.Path() + ".unreadable-" + now.Add(-time.Hour).UTC().Format("20060102T150405Z")
	others := []string{
		filepath.Join(s.Dir, "default@sandbox.draft.backup-20200101T000000Z.json"),
		filepath.Join(s.Dir, "default~2.draft.json.unreadable-20200101T000000Z"),
	}
	for _, p := range append([]string{old, recent}, others...) {
		if err := os.WriteFile(p, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var made []string
	for i := range 7 {
		if err := s.Save(ctx, Draft{Submission: draftRecord(), SavedAt: now}); err != nil {
			t.Fatal(err)
		}
		p, err := s.Backup()
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
		if i != 2 { // two backups in one second are both kept
			now = now.Add(time.Hour)
		}
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var backups, unreadable []string
	for _, b := range list {
		if b.Unreadable {
			unreadable = append(unreadable, b.Path)
		} else {
			backups = append(backups, b.Path)
		}
	}
	slices.Reverse(made)
	if !slices.Equal(backups, made[:5]) {
		t.Errorf("backups kept %q, want the newest five %q", backups, made[:5])
	}
	if !slices.Equal(unreadable, []string{recent}) {
		t.Errorf("moved-aside files kept %q, want only %s (the other is 40 days old)", unreadable, recent)
	}
	for _, p := range append(made[5:], old) {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s still there", p)
		}
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("another store's file was touched: %v", err)
		}
	}
	if d, err := s.LoadFile(ctx, backups[0]); err != nil || d.Submission != draftRecord() {
		t.Fatalf("newest backup: %+v, %v", d, err)
	}
}

func fixedNow() time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC) }

// failingBackend is a go-keyring backend whose every call fails with err.
type failingBackend struct{ err error }

func (b failingBackend) Get(string, string) (string, error) { return "", b.err }
func (b failingBackend) Set(string, string, string) error   { return b.err }
func (b failingBackend) Delete(string, string) error        { return b.err }
