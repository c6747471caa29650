package draft

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
)

// Draft file names inside the state folder: <name>.draft.json for the draft,
// <name>.last.json for the last success, <name>.lock for the lock.
const (
	draftExt = ".draft.json"
	lastExt  = ".last.json"
	lockExt  = ".lock"
)

// Draft store failures, for errors.Is.
var (
	// ErrNoDraft: there is no draft for this profile.
	ErrNoDraft = i18n.Errorf("drafts.store.no_draft")
	// ErrPlainRefused: no keyring, and plain drafts were refused
	// (--no-plain-drafts); nothing was written.
	ErrPlainRefused = i18n.Errorf("drafts.store.plain_refused")
	// ErrKeyUnavailable: the draft key could not be had although a keyring
	// may be there (it did not answer in time, stayed locked, holds a
	// damaged entry), or the file on disk is encrypted. Nothing was written:
	// the previous file is left as it was, never replaced by clear text.
	ErrKeyUnavailable = i18n.Errorf("drafts.store.key_unavailable")
	// ErrReadOnly: the store was opened read-only (another wizard holds the
	// draft); nothing is written, moved or deleted.
	ErrReadOnly = i18n.Errorf("drafts.store.read_only")
)

// maxFileBytes bounds a draft file read; a real one is a few KiB.
const maxFileBytes = 4 << 20

// Store keeps one draft per profile in a folder only the owner can
// enter, each file readable by the owner only, written atomically, and
// encrypted with AES-256-GCM under a key kept in the OS keyring. It is safe
// for concurrent use; a save older than the last one written is dropped.
type Store struct {
	Dir     string // the state folder (StateDir)
	Profile string // whose draft, and whose draft key
	// Name is the file name stem; "" means the profile. A second wizard on a
	// locked profile uses a separate name (see SeparateName).
	Name string
	// Keys hands out the draft key; nil stores drafts unencrypted (say so).
	Keys Keys
	// RefusePlain makes Save fail with ErrPlainRefused instead of writing a
	// draft in clear when there is no keyring. (Any other key failure never
	// writes in clear: see ErrKeyUnavailable.)
	RefusePlain bool
	// ReadOnly opens the draft without writing, moving or deleting any
	// file: another wizard holds the lock and may be writing it.
	ReadOnly bool
	Now      func() time.Time // default time.Now

	mu        sync.Mutex
	key       []byte // the draft key once read; kept so a final save on exit needs no keyring
	plainWhy  error  // why the last save was not encrypted; nil when it was
	lastSaved time.Time
	rename    func(oldpath, newpath string) error // os.Rename; tests inject a crash
}

func (s *Store) name() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Profile
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Path is the draft file's path.
func (s *Store) Path() string { return filepath.Join(s.Dir, s.name()+draftExt) }

func (s *Store) lastPath() string { return filepath.Join(s.Dir, s.name()+lastExt) }

// CheckDir makes the state folder owner-only, or says why it cannot be
// used: it is a link (never followed, never re-permissioned), not a folder,
// or cannot be made private. A wizard then keeps no draft.
func (s *Store) CheckDir() error { return settings.PrivateDir(s.Dir) }

// plainReason says why drafts are being stored unencrypted, or nil when the
// last save was encrypted (or none happened yet).
func (s *Store) plainReason() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.plainWhy
}

// Prepare reads (or makes) the draft key now, so that no later save waits
// on the keyring, and says how drafts will be stored: nil when encrypted; an
// error matching keyring.ErrNoKeyring when there is no keyring and drafts
// will be stored unencrypted; one matching ErrPlainRefused when RefusePlain
// forbids that; one matching ErrKeyUnavailable when a keyring failed in
// another way (saves will try it again, and fail rather than write in clear).
func (s *Store) Prepare(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.keyLocked(ctx, true)
	switch {
	case err == nil:
		s.plainWhy = nil
		return nil
	case !plainAllowed(err):
		return i18n.Errorf("drafts.store.because", ErrKeyUnavailable, err)
	case s.RefusePlain:
		return i18n.Errorf("drafts.store.because", ErrPlainRefused, err)
	}
	s.plainWhy = err
	return err
}

// Save writes d as the profile's draft, replacing the previous one
// atomically. Version, Profile and (if zero) SavedAt are filled in.
func (s *Store) Save(ctx context.Context, d Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return i18n.Errorf("drafts.store.saving", ErrReadOnly)
	}
	if d.SavedAt.IsZero() {
		d.SavedAt = s.now()
	}
	if d.SavedAt.Before(s.lastSaved) {
		return nil // a newer state is already on disk
	}
	d.Version, d.Profile = Version, s.Profile
	if err := s.writeLocked(ctx, s.Path(), kindDraft, d); err != nil {
		return i18n.Errorf("drafts.store.saving", err)
	}
	s.lastSaved = d.SavedAt
	return nil
}

// SaveSuccess keeps the small record of the last success (see
// LastSuccess), encrypted like a draft.
func (s *Store) SaveSuccess(ctx context.Context, l LastSuccess) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return i18n.Errorf("drafts.store.saving_success", ErrReadOnly)
	}
	if err := s.writeLocked(ctx, s.lastPath(), kindLast, l); err != nil {
		return i18n.Errorf("drafts.store.saving_success", err)
	}
	return nil
}

// writeLocked encodes v in an envelope (encrypted when a key can be had)
// and writes it atomically. s.mu is held.
func (s *Store) writeLocked(ctx context.Context, path, kind string, v any) error {
	payload, err := json.Marshal(v)
	if err != nil {
		return i18n.Errorf("drafts.store.encoding", err)
	}
	env := envelope{Format: draftFormat, Version: Version}
	key, kerr := s.keyLocked(ctx, true)
	switch {
	case kerr == nil:
		nonce, ct, err := seal(key, payload, aad(kind, s.Profile, Version))
		if err != nil {
			return err
		}
		env.Encrypted, env.Alg, env.Nonce, env.Data = true, "AES-256-GCM", nonce, ct
		s.plainWhy = nil
	case !plainAllowed(kerr):
		return i18n.Errorf("drafts.store.not_written", ErrKeyUnavailable, kerr)
	case s.RefusePlain:
		return i18n.Errorf("drafts.store.because", ErrPlainRefused, kerr)
	case encryptedOnDisk(path):
		return i18n.Errorf("drafts.store.encrypted_on_disk", ErrKeyUnavailable, kerr)
	default:
		env.Payload, env.Why = payload, kerr.Error()
		s.plainWhy = kerr
	}
	data, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		return i18n.Errorf("drafts.store.encoding", err)
	}
	return settings.PrivateFile{Rename: s.rename}.Write(path, append(data, '\n'))
}

// errNoKeys: the store was built without a key source.
var errNoKeys = i18n.Errorf("drafts.store.no_keys", keyring.ErrNoKeyring)

// plainAllowed says whether a key failure lets a draft be written in clear:
// only when there is no keyring at all. A keyring that is slow, locked or
// holds a damaged entry is there: writing in clear would quietly downgrade
// drafts that were encrypted until now.
func plainAllowed(err error) bool {
	return errors.Is(err, keyring.ErrNoKeyring)
}

// encryptedOnDisk reports whether path holds an encrypted envelope.
func encryptedOnDisk(path string) bool {
	data, err := settings.ReadPrivate(path, maxFileBytes)
	if err != nil {
		return false
	}
	env, ok, err := isEnvelope(data)
	return err == nil && ok && env.Encrypted
}

// keyLocked returns the draft key, cached after the first success.
func (s *Store) keyLocked(ctx context.Context, create bool) ([]byte, error) {
	if s.key != nil {
		return s.key, nil
	}
	if s.Keys == nil {
		return nil, errNoKeys
	}
	if create {
		// The live and the sandbox drafts of a profile (and a separate
		// draft) share its key but not their draft locks: without this, two
		// wizards starting together could each make a key, and the one
		// stored first would leave its draft unreadable.
		unlock, err := s.lockKeyCreation(ctx)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	key, err := s.Keys.DraftKey(ctx, s.Profile, create)
	if err != nil {
		return nil, err
	}
	s.key = key
	return key, nil
}

// UnreadableError is a draft that could not be read (corrupt, wrong
// key, newer format). It has been moved aside to MovedTo, not deleted.
type UnreadableError struct {
	Path    string
	MovedTo string // "" if even the move failed (then MoveErr says why)
	Reason  error
	MoveErr error
}

// Error names where the draft went, so the agent can find it, in English.
func (e *UnreadableError) Error() string { return e.in(i18n.EN) }

// Localize says it in the run's language.
func (e *UnreadableError) Localize() string { return e.in(i18n.Language()) }

func (e *UnreadableError) in(l i18n.Lang) string {
	text := func(err error) string {
		if err == nil {
			return "<nil>"
		}
		if l == i18n.EN {
			return err.Error()
		}
		return i18n.Text(err)
	}
	if errors.Is(e.MoveErr, ErrReadOnly) {
		return i18n.In(l, "drafts.store.unreadable_open", e.Path, text(e.Reason))
	}
	if e.MovedTo == "" {
		return i18n.In(l, "drafts.store.unreadable_stuck", e.Path, text(e.Reason), text(e.MoveErr))
	}
	return i18n.In(l, "drafts.store.unreadable_moved", text(e.Reason), e.MovedTo)
}

// Unwrap returns the reason it could not be read.
func (e *UnreadableError) Unwrap() error { return e.Reason }

// Load reads the profile's draft: ErrNoDraft when there is none; an error
// matching ErrKeyUnavailable, the file left in place, when it is encrypted
// and the keyring gives no key now (no keyring, slow, locked); an
// *UnreadableDraftError (after moving the file aside) when it cannot be read
// (corrupt, wrong or deleted key, newer format). Version 0 files are read and
// upgraded in memory.
func (s *Store) Load(ctx context.Context) (Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d Draft
	err := s.readLocked(ctx, s.Path(), kindDraft, &d)
	if errors.Is(err, fs.ErrNotExist) {
		return Draft{}, ErrNoDraft
	}
	if errors.Is(err, ErrKeyUnavailable) {
		return Draft{}, i18n.Errorf("drafts.store.left_in_place", s.Path(), err)
	}
	if err != nil && s.ReadOnly {
		return Draft{}, &UnreadableError{Path: s.Path(), Reason: err, MoveErr: ErrReadOnly}
	}
	if err != nil {
		return Draft{}, s.moveAside(s.Path(), err)
	}
	return d, nil
}

// Reseal writes a draft that was found stored in clear (Draft.Plain: saved
// by a session without an OS keyring) again, encrypted. It never writes in
// clear: without a draft key it fails with ErrKeyUnavailable and the file
// stays as it was.
func (s *Store) Reseal(ctx context.Context, d Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return i18n.Errorf("drafts.store.encrypting", ErrReadOnly)
	}
	if _, err := s.keyLocked(ctx, true); err != nil {
		return i18n.Errorf("drafts.store.encrypting", i18n.Errorf("drafts.store.because", ErrKeyUnavailable, err))
	}
	d.Version, d.Profile, d.Plain = Version, s.Profile, false
	if err := s.writeLocked(ctx, s.Path(), kindDraft, d); err != nil {
		return i18n.Errorf("drafts.store.encrypting", err)
	}
	return nil
}

// LoadFile reads a draft file of this profile at any path (a backup, a
// file moved aside, a separate draft), with the profile's key. Unlike Load
// it never moves the file: an unreadable one is just an error.
func (s *Store) LoadFile(ctx context.Context, path string) (Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d Draft
	if err := s.readLocked(ctx, path, kindDraft, &d); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return Draft{}, apiclient.OpenError(path, err) // names the file and its folder, in the run's language
		}
		return Draft{}, i18n.Errorf("drafts.store.reading", path, err)
	}
	return d, nil
}

// LastSuccess reads the record of the last success; ErrNoDraft when none.
// An unreadable one is simply ignored: it holds nothing that cannot be lost.
func (s *Store) LastSuccess(ctx context.Context) (LastSuccess, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var l LastSuccess
	if err := s.readLocked(ctx, s.lastPath(), kindLast, &l); err != nil {
		return LastSuccess{}, ErrNoDraft
	}
	return l, nil
}

func (s *Store) readLocked(ctx context.Context, path, kind string, v any) error {
	data, err := settings.ReadPrivate(path, maxFileBytes)
	if err != nil {
		return err
	}
	env, ok, err := isEnvelope(data)
	switch {
	case err != nil:
		return err
	case !ok && kind == kindDraft:
		d, err := upgradeV0(data)
		if err == nil && d.Submission.IsZero() {
			err = errNoRecord
		}
		if err == nil {
			d.Plain = true
			*(v.(*Draft)) = d
		}
		return err
	case !ok:
		return i18n.Errorf("drafts.store.not_versioned")
	}
	payload := []byte(env.Payload)
	if env.Encrypted {
		key, err := s.keyLocked(ctx, false)
		switch {
		case err != nil && !errors.Is(err, keyring.ErrKeyNotFound):
			return i18n.Errorf("drafts.store.encrypted_no_key", ErrKeyUnavailable, err)
		case err != nil:
			return i18n.Errorf("drafts.store.key_gone", err)
		}
		for _, ad := range aadsFor(env, path, kind, s.Profile) {
			if payload, err = open(key, env.Nonce, env.Data, ad); err == nil {
				break
			}
		}
		if err != nil {
			return err
		}
	}
	if err := json.Unmarshal(payload, v); err != nil {
		return i18n.Errorf("drafts.store.content", err)
	}
	if d, ok := v.(*Draft); ok {
		if d.Submission.IsZero() {
			return errNoRecord
		}
		d.Plain = !env.Encrypted
	}
	return nil
}

// errNoRecord: the file parses but holds no record (`null`, `{}`, a payload
// of null). The wizard never saves an empty record, so such a file is not a
// draft to offer for resuming.
var errNoRecord = i18n.Errorf("drafts.store.no_record")

// Cleared is what follows a created record: the draft is discarded and the
// small record of the success kept. Only a failed discard is an error: the
// record of the success is a convenience, and when it cannot be kept (no key
// for it, drafts refused in clear) it is simply not kept, without a word that
// would read as if the draft were still there.
func (s *Store) Cleared(ctx context.Context, l LastSuccess) error {
	if err := s.Discard(); err != nil {
		return err
	}
	_ = s.SaveSuccess(ctx, l)
	return nil
}

// Discard removes the draft (the agent asked for it, or the record was
// created); no draft is no error. A save still in flight from before is
// dropped rather than bringing the draft back.
func (s *Store) Discard() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return i18n.Errorf("drafts.store.discarding", ErrReadOnly)
	}
	s.lastSaved = s.now()
	settings.RemoveStaleTemps(s.Path()) // a killed save's copy of the draft
	if err := os.Remove(s.Path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return i18n.Errorf("drafts.store.discarding", err)
	}
	return settings.SyncDir(s.Dir)
}
