//go:build unix

package settings

import (
	"io/fs"
	"os"
	"strconv"
	"syscall"

	"argos-migrate/apiclient/i18n"
)

// openNoFollow makes open fail on a link at the last part of the path, and
// not wait on a FIFO (which OpenPrivate then refuses as not a regular file).
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isLink: on Unix, ModeSymlink says it all.
func isLink(fs.FileInfo) bool { return false }

// restrictDir makes dir mode 0700 through a handle opened without following
// a link, so that a link swapped in after the check is not followed either,
// and refuses a folder that belongs to another user.
func restrictDir(dir string) error {
	d, err := os.OpenFile(dir, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_DIRECTORY, 0)
	if err != nil {
		if fi, lerr := os.Lstat(dir); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return &PathError{Path: dir, Kind: ErrLink}
		}
		return i18n.Errorf("settings.file.opening", dir, err)
	}
	defer d.Close()
	fi, err := d.Stat()
	if err != nil {
		return i18n.Errorf("settings.file.checking", dir, err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return &PathError{Path: dir, Kind: ErrNotPrivate, Err: i18n.Errorf("settings.path.owner", strconv.FormatUint(uint64(st.Uid), 10))}
	}
	if fi.Mode().Perm() == 0o700 {
		return nil
	}
	if err := d.Chmod(0o700); err != nil {
		return &PathError{Path: dir, Kind: ErrNotPrivate, Err: err}
	}
	return nil
}

// LockFlag opens a lock file (for gofrs/flock, which opens it itself):
// read-write, created if missing, never through a link.
const LockFlag = os.O_RDWR | os.O_CREATE | openNoFollow

// ReadLockFlag opens an existing lock file only to test it (a reader
// asking whether a writer runs), never through a link.
const ReadLockFlag = os.O_RDONLY | openNoFollow
