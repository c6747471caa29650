package cmd

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/gofrs/flock"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// importInput is the input of a send: a file the import reads again (the
// preflight, the send and the results each read it from its start).
type importInput struct {
	Path string // the file to read
	// Identity names the import for its journal: the file's absolute
	// path, or for standard input "stdin" and the SHA-256 of its bytes.
	Identity string
	Stdin    bool
	cleanup  func()
}

// prepareInput makes the input readable more than once. A file is used as
// it is. Standard input (or a pipe named by its path) is copied first to a temporary file, 0600 in the
// state folder (it holds the same personal data as the export), removed
// when the import ends; its journal is named after its bytes, since it has
// no path.
func prepareInput(opts *ImportOptions, in io.Reader) (*importInput, error) {
	f := opts.Factory
	if !opts.streamed() {
		id, err := batch.InputIdentity(opts.File)
		if err != nil {
			return nil, err
		}
		return &importInput{Path: opts.File, Identity: id, cleanup: func() {}}, nil
	}
	state, err := settings.StateDir(f.Getenv)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(state, batch.ImportsDir)
	if err := settings.PrivateDir(dir); err != nil {
		return nil, err
	}
	removeStaleStdinCopies(dir)
	tmp, err := os.CreateTemp(dir, stdinCopyPattern)
	if err != nil {
		return nil, i18n.Err("import.err.copy_stdin", err)
	}
	// The copy is locked while this import uses it, so that a later
	// import can tell a copy a killed run left (personal data) from one
	// in use, and remove only the first.
	lock := flock.New(tmp.Name(), flock.SetFlag(settings.LockFlag))
	_, _ = lock.TryLock()
	remove := func() { tmp.Close(); _ = lock.Unlock(); os.Remove(tmp.Name()) }
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		remove()
		return nil, i18n.Err("import.err.copy_stdin", err)
	}
	h := sha256.New()
	if _, err := io.Copy(tmp, io.TeeReader(in, h)); err != nil {
		remove()
		return nil, i18n.Err("import.err.copy_stdin", err)
	}
	if err := tmp.Close(); err != nil {
		remove()
		return nil, i18n.Err("import.err.copy_stdin", err)
	}
	if !opts.JSON || f.IO.ErrTTY {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("import.send.stdin_copied", apiclient.Sanitize(tmp.Name())))
	}
	return &importInput{Path: tmp.Name(), Identity: "stdin " + hex.EncodeToString(h.Sum(nil)), Stdin: true, cleanup: remove}, nil
}

// open opens the input for its first reading.
func (in *importInput) open() (*os.File, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, usageError(i18n.Err("batch.io.open_input", apiclient.OpenError(in.Path, err)))
	}
	return f, nil
}

// stdinCopyPattern names the copies of standard input in the imports folder.
const stdinCopyPattern = ".stdin-*"

// removeStaleStdinCopies removes the copies of standard input that runs
// killed before their end left in dir: a copy no import holds locked and
// untouched for a minute (a copy being written is newer; once written, its
// import locks it at once).
func removeStaleStdinCopies(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, stdinCopyPattern))
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || time.Since(fi.ModTime()) < time.Minute {
			continue
		}
		lock := flock.New(m, flock.SetFlag(settings.ReadLockFlag))
		if ok, err := lock.TryLock(); err == nil && ok {
			_ = lock.Unlock()
			_ = os.Remove(m)
		}
	}
}
