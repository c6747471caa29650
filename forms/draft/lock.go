package draft

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient/settings"
)

// ErrLocked: another argos-migrate holds the draft of this profile.
var ErrLocked = errors.New("the draft is in use by another argos-migrate")

// LockedError says who holds a draft's lock.
type LockedError struct {
	Path string
	PID  int // 0 when unknown
}

// Error names the other process when it can.
func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%v (process %d)", ErrLocked, e.PID)
	}
	return ErrLocked.Error()
}

// Unwrap makes it match ErrDraftLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is a held lock on one draft; Unlock releases it. The lock is
// advisory (flock on Unix) and dies with its process, so a crashed wizard
// never leaves a draft locked.
type Lock struct {
	f    *os.File
	path string
}

// Lock takes the draft's lock without waiting: a *LockedError when another
// wizard holds it.
func (s *Store) Lock() (*Lock, error) {
	if err := settings.PrivateDir(s.Dir); err != nil {
		return nil, err
	}
	path := filepath.Join(s.Dir, s.name()+lockExt)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the draft lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		pid := readPID(f)
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("locking the draft: %w", err)
	}
	// Who holds it, for the next wizard's message; best effort.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f, path: path}, nil
}

// Unlock releases the lock. The lock file stays: removing it would race
// with a wizard that has just opened it.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
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

// lockKeyCreation holds the profile-wide lock under which a missing draft
// key is made, waiting for another wizard that holds it.
func (s *Store) lockKeyCreation(ctx context.Context) (unlock func(), err error) {
	if err := settings.PrivateDir(s.Dir); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(s.Dir, s.Profile+".draftkey.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the draft key lock: %w", err)
	}
	deadline := time.Now().Add(keyLockWait)
	for {
		err := lockFile(f)
		if err == nil {
			return func() { _ = unlockFile(f); f.Close() }, nil
		}
		if !errors.Is(err, errWouldBlock) || time.Now().After(deadline) || ctx.Err() != nil {
			f.Close()
			return nil, fmt.Errorf("waiting for another argos-migrate to make the draft key: %w", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
