package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
)

// errLink: the path the tool writes is a symbolic link.
var errLink = errors.New("it is a symbolic link; the tool does not write through links")

// openPrivate opens a file the tool writes (the journal, its lock, the
// results file) without following a symbolic link, creating it 0600, and
// makes an existing one 0600 too. It refuses anything but a regular file.
func openPrivate(path string, flag int) (*os.File, error) {
	if noFollow == 0 {
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("opening %s: %w", path, errLink)
		}
	}
	f, err := os.OpenFile(path, flag|noFollow, 0o600)
	if err != nil {
		if isLoop(err) {
			return nil, fmt.Errorf("opening %s: %w", path, errLink)
		}
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("opening %s: it is not a regular file", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, fmt.Errorf("restricting %s: %w", path, err)
		}
	}
	return f, nil
}
