package draft

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// ErrLocked: another argos-migrate holds the draft of this profile.
var ErrLocked = i18n.Errorf("drafts.store.locked")

// LockedError says who holds a draft's lock.
type LockedError struct {
	Path string
	PID  int // 0 when unknown
}

// Error names the other process when it can, in English.
func (e *LockedError) Error() string { return e.in(i18n.EN) }

// Localize says it in the run's language.
func (e *LockedError) Localize() string { return e.in(i18n.Language()) }

func (e *LockedError) in(l i18n.Lang) string {
	if e.PID > 0 {
		return i18n.In(l, "drafts.store.locked_by", i18n.In(l, "drafts.store.locked"), strconv.Itoa(e.PID))
	}
	return i18n.In(l, "drafts.store.locked")
}

// Unwrap makes it match ErrDraftLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is a held lock on one draft; Unlock releases it. The lock is
// advisory (flock on Unix, LockFileEx on Windows, through gofrs/flock) and
// dies with its process, so a crashed wizard never leaves a draft locked.
type Lock struct {
	fl *flock.Flock
}

// lockFlags open a lock file read-write, created if missing, and never
// through a link: a link planted at the lock's path must not make the
// wizard create or truncate what it points at.
func newFlock(path string) (*flock.Flock, error) {
	if err := settings.CheckPath(path); err != nil {
		return nil, err
	}
	return flock.New(path, flock.SetFlag(settings.LockFlag), flock.SetPermissions(0o600)), nil
}

// Lock takes the draft's lock without waiting: a *LockedError when another
// wizard holds it.
func (s *Store) Lock() (*Lock, error) {
	if err := settings.PrivateDir(s.Dir); err != nil {
		return nil, err
	}
	path := filepath.Join(s.Dir, s.name()+lockExt)
	fl, err := newFlock(path)
	if err != nil {
		return nil, i18n.Errorf("drafts.store.lock", err)
	}
	ok, err := fl.TryLock()
	switch {
	case err != nil:
		if cerr := settings.CheckPath(path); cerr != nil {
			err = cerr // a link swapped in after the check
		}
		return nil, i18n.Errorf("drafts.store.locking", err)
	case !ok:
		return nil, &LockedError{Path: path, PID: readPID(path)}
	}
	// Who holds it, for the next wizard's message; best effort (Windows
	// does not let another handle write a locked file).
	if f, err := settings.OpenPrivate(path, os.O_WRONLY|os.O_TRUNC); err == nil {
		_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		f.Close()
	}
	return &Lock{fl: fl}, nil
}

// Unlock releases the lock. The lock file stays: removing it would race
// with a wizard that has just opened it.
func (l *Lock) Unlock() error {
	if l == nil || l.fl == nil {
		return nil
	}
	err := l.fl.Unlock()
	l.fl = nil
	return err
}

// readPID reads the holder's process id from the lock file; 0 when it
// cannot.
func readPID(path string) int {
	data, err := settings.ReadPrivate(path, 32)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return 0
	}
	return pid
}

// SeparateName is the name of the n-th separate draft of a profile (n ≥ 2),
// for a second wizard that does not want to wait for the first.
func SeparateName(profile string, n int) string {
	return profile + "~" + strconv.Itoa(n)
}

// keyLockWait bounds the wait for another wizard that is making the
// profile's draft key (a keyring write: milliseconds, or an unlock prompt).
const keyLockWait = 30 * time.Second

// keyLockRetry is how often the key lock is tried again while another
// wizard holds it.
const keyLockRetry = 25 * time.Millisecond

// lockKeyCreation holds the profile-wide lock under which a missing draft
// key is made, waiting for another wizard that holds it.
func (s *Store) lockKeyCreation(ctx context.Context) (unlock func(), err error) {
	if err := settings.PrivateDir(s.Dir); err != nil {
		return nil, err
	}
	fl, err := newFlock(filepath.Join(s.Dir, s.Profile+".draftkey.lock"))
	if err != nil {
		return nil, i18n.Errorf("drafts.store.key_lock", err)
	}
	ctx, cancel := context.WithTimeout(ctx, keyLockWait)
	defer cancel()
	ok, err := fl.TryLockContext(ctx, keyLockRetry)
	if !ok || err != nil {
		return nil, i18n.Errorf("drafts.store.key_lock_wait", err)
	}
	return func() { _ = fl.Unlock() }, nil
}
