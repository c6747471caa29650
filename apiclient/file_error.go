package apiclient

import (
	"errors"
	"io/fs"
	"path/filepath"

	"argos-migrate/apiclient/i18n"
)

// FileError is a file named on the command line (a record file, --from)
// that could not be opened, said in words instead of Go's ("stat x.json:
// no such file or directory"): a missing file is named with the folder it
// was looked for in, since a relative name is read from wherever the
// command ran. It wraps the operating system's error (errors.Is(err,
// fs.ErrNotExist) holds).
type FileError struct {
	Path string // as the operator gave it
	Err  error
}

// OpenError is err, from opening or stat-ing path, as a *FileError.
func OpenError(path string, err error) error { return &FileError{Path: path, Err: err} }

// Error says it in English.
func (e *FileError) Error() string { return e.words().in(i18n.EN) }

// Localize says it in the run's language.
func (e *FileError) Localize() string { return e.words().String() }

// Unwrap is the operating system's error.
func (e *FileError) Unwrap() error { return e.Err }

func (e *FileError) words() text {
	name := Sanitize(e.Path)
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		dir, err := filepath.Abs(filepath.Dir(e.Path))
		if err != nil {
			dir = filepath.Dir(e.Path)
		}
		return say("files.open.not_exist", name, Sanitize(dir))
	case errors.Is(e.Err, fs.ErrPermission):
		return say("files.open.permission", name)
	}
	why := e.Err
	var pe *fs.PathError
	if errors.As(why, &pe) {
		why = pe.Err // the path is named already
	}
	return say("files.open.failed", name, Sanitize(why.Error()))
}
