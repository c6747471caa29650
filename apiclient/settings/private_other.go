//go:build !unix

package settings

import (
	"io/fs"
	"os"
)

// openNoFollow: Windows has no such open flag; CheckPath refuses a link (and
// a reparse point) before every open.
const openNoFollow = 0

// isLink reports a Windows reparse point (a junction, a mount point), which
// Lstat does not mark as a symbolic link.
func isLink(fi fs.FileInfo) bool { return fi.Mode()&fs.ModeIrregular != 0 }

// restrictDir: folder modes mean nothing on Windows; %LocalAppData% is the
// user's own.
func restrictDir(string) error { return nil }

// LockFlag opens a lock file (for gofrs/flock, which opens it itself):
// read-write, created if missing; CheckPath refuses a link first.
const LockFlag = os.O_RDWR | os.O_CREATE

// ReadLockFlag opens an existing lock file only to test it; CheckPath
// refuses a link first.
const ReadLockFlag = os.O_RDONLY
