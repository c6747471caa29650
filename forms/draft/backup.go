package draft

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient/i18n"
)

// Backups and drafts moved aside hold personal data and nothing else ever
// removes them, so each store keeps the newest KeepBackups of each kind and
// deletes any older than BackupMaxAge.
const (
	KeepBackups  = 5
	BackupMaxAge = 30 * 24 * time.Hour
)

// asideStamp is the time in the name of a file set aside.
const asideStamp = "20060102T150405Z"

// BackupFile is a draft set aside: a backup (start empty, --new, --from) or
// an unreadable draft moved aside.
type BackupFile struct {
	Path       string
	Unreadable bool
	At         time.Time // when it was set aside, from its name
	seq        int       // -N after the time, for files set aside in one second
}

func (s *Store) backupPrefix() string     { return s.name() + ".draft.backup-" }
func (s *Store) unreadablePrefix() string { return s.name() + draftExt + ".unreadable-" }

// Backup renames the draft to <name>.draft.backup-<time>.json so that a new
// record can be started without losing it; it returns the new path ("" and
// no error when there was no draft). Backups beyond the newest KeepBackups,
// or older than BackupMaxAge, are deleted.
func (s *Store) Backup() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return "", i18n.Errorf("drafts.store.backing_up", ErrReadOnly)
	}
	to, err := s.setAside(s.Path(), filepath.Join(s.Dir, s.backupPrefix()), ".json")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return "", i18n.Errorf("drafts.store.backing_up", err)
	}
	s.lastSaved = time.Time{}
	_ = s.pruneLocked()
	return to, nil
}

// moveAside renames an unreadable file next to itself with a timestamp.
func (s *Store) moveAside(path string, reason error) error {
	e := &UnreadableError{Path: path, Reason: reason}
	to, err := s.setAside(path, path+".unreadable-", "")
	if err != nil {
		e.MoveErr = err
		return e
	}
	e.MovedTo = to
	if path == s.Path() {
		_ = s.pruneLocked()
	}
	return e
}

// setAside renames path to prefix+<time>[-N]+suffix, never over a file.
func (s *Store) setAside(path, prefix, suffix string) (string, error) {
	stamp := s.now().UTC().Format(asideStamp)
	for i := 0; i < 100; i++ {
		to := prefix + stamp + suffix
		if i > 0 {
			to = prefix + stamp + "-" + strconv.Itoa(i) + suffix
		}
		if _, err := os.Lstat(to); err == nil {
			continue
		}
		if err := os.Rename(path, to); err != nil {
			return "", err
		}
		return to, nil
	}
	return "", i18n.Errorf("drafts.store.too_many_aside")
}

// Backups lists this store's backups and drafts moved aside, newest first.
func (s *Store) Backups() ([]BackupFile, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, i18n.Errorf("drafts.store.listing_backups", err)
	}
	var out []BackupFile
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, ok := s.parseAside(e.Name())
		if ok {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b BackupFile) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		return b.seq - a.seq
	})
	return out, nil
}

// parseAside reads a file name of this store's backups or moved-aside
// drafts.
func (s *Store) parseAside(name string) (BackupFile, bool) {
	b := BackupFile{Path: filepath.Join(s.Dir, name)}
	rest, ok := strings.CutPrefix(name, s.backupPrefix())
	if ok {
		if rest, ok = strings.CutSuffix(rest, ".json"); !ok {
			return b, false
		}
	} else if rest, ok = strings.CutPrefix(name, s.unreadablePrefix()); ok {
		b.Unreadable = true
	} else {
		return b, false
	}
	stamp, seq, hasSeq := strings.Cut(rest, "-")
	at, err := time.Parse(asideStamp, stamp)
	if err != nil {
		return b, false
	}
	b.At = at
	if hasSeq {
		if b.seq, err = strconv.Atoi(seq); err != nil {
			return b, false
		}
	}
	return b, true
}

// Prune deletes this store's backups and moved-aside drafts beyond the
// newest KeepBackups of each kind, and any older than BackupMaxAge.
func (s *Store) Prune() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return nil // another wizard prunes
	}
	return s.pruneLocked()
}

func (s *Store) pruneLocked() error {
	files, err := s.Backups()
	if err != nil {
		return err
	}
	cutoff := s.now().Add(-BackupMaxAge)
	kept := map[bool]int{}
	var errs []error
	for _, f := range files {
		if kept[f.Unreadable] < KeepBackups && !f.At.Before(cutoff) {
			kept[f.Unreadable]++
			continue
		}
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return i18n.Errorf("drafts.store.pruning", err)
	}
	return nil
}
