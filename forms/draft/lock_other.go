//go:build !unix

package draft

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held")

// lockFile is a no-op where flock is missing (Windows): two wizards on one
// profile are not detected there; the atomic write still keeps each save
// whole. A LockFileEx version is future work.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }

var _ = errWouldBlock
