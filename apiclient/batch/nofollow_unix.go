//go:build unix

package batch

import (
	"errors"
	"syscall"
)

// noFollow makes an open fail on a symbolic link instead of following it
// (a link planted where the tool writes its journal or results cannot send
// those writes elsewhere), and not wait on a FIFO, which openPrivate then
// refuses as no regular file.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isLoop reports the error an open with noFollow gives for a link.
func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
