package settings

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient/i18n"
)

// Every file argos-migrate writes (settings, drafts and their backups, lock
// files, exported records, the batch import's journal, rejects and results,
// the sandbox's request log) goes through this file: owner-only, and never
// through a link. A link planted where one of these files belongs (a
// dangling one included) would otherwise make the tool create, truncate or
// chmod whatever it points at.

// Why a path was refused, for errors.Is.
var (
	// ErrLink: the path (or the folder) is a symbolic link or another kind
	// of link; argos-migrate never writes through one.
	ErrLink = i18n.Errorf("settings.kind.link")
	// ErrNotRegular: the path exists and is not a regular file (a folder, a
	// FIFO, a device, a socket).
	ErrNotRegular = i18n.Errorf("settings.kind.not_regular")
	// ErrNotPrivate: a folder that cannot be made owner-only (it belongs to
	// another user, or its mode cannot be changed).
	ErrNotPrivate = i18n.Errorf("settings.kind.not_private")
)

// PathError says which path was refused and why; errors.Is matches ErrLink,
// ErrNotRegular or ErrNotPrivate, and the underlying error when there is one.
type PathError struct {
	Path string
	Kind error
	Err  error // the system's error, if any
}

// errNotFolder: a path where a folder belongs is something else.
var errNotFolder = i18n.Errorf("settings.kind.not_folder")

// Error reads "/x/y.lock is a symbolic link: argos-migrate never writes
// through a link (remove the link)", in English.
func (e *PathError) Error() string { return e.in(i18n.EN) }

// Localize says it in the run's language.
func (e *PathError) Localize() string { return e.in(i18n.Language()) }

func (e *PathError) in(l i18n.Lang) string {
	id := "settings.path.not_regular"
	switch {
	case errors.Is(e.Kind, ErrLink):
		return i18n.In(l, "settings.path.link", e.Path)
	case errors.Is(e.Kind, ErrNotPrivate):
		id = "settings.path.not_private"
	case errors.Is(e.Kind, errNotFolder):
		id = "settings.path.not_folder"
	}
	s := i18n.In(l, id, e.Path)
	if e.Err == nil {
		return s
	}
	return i18n.In(l, "settings.path.because", s, i18n.ErrorIn(l, e.Err))
}

// Unwrap returns the kind and the system's error.
func (e *PathError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// CheckPath refuses a path that is a link (even a dangling one) or exists
// and is not a regular file. A path that does not exist is fine.
func CheckPath(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return i18n.Errorf("settings.file.checking", path, err)
	case fi.Mode()&fs.ModeSymlink != 0 || isLink(fi):
		return &PathError{Path: path, Kind: ErrLink}
	case !fi.Mode().IsRegular():
		return &PathError{Path: path, Kind: ErrNotRegular}
	}
	return nil
}

// OpenPrivate opens path with flag (os.O_RDWR|os.O_CREATE for a lock file,
// os.O_WRONLY|os.O_CREATE|os.O_APPEND for a journal or a log,
// os.O_WRONLY|os.O_CREATE|os.O_EXCL for a new export), creating it with mode
// 0600. It never follows a link at path and never opens anything but a
// regular file: those are refused with a *PathError. Its folder must exist
// (PrivateDir makes one).
func OpenPrivate(path string, flag int) (*os.File, error) {
	if err := CheckPath(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, flag|openNoFollow, 0o600)
	if err != nil {
		// A link swapped in after the check fails here (ELOOP).
		if cerr := CheckPath(path); cerr != nil {
			return nil, cerr
		}
		return nil, i18n.Errorf("settings.file.opening", path, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &PathError{Path: path, Kind: ErrNotRegular}
	}
	if err == nil && flag&(os.O_WRONLY|os.O_RDWR) != 0 && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		// A file of the tool's found with a looser mode (copied in, or
		// written by an older version) is made owner-only before it is
		// written to again.
		if cerr := f.Chmod(0o600); cerr != nil {
			err = i18n.Errorf("settings.file.restricting", path, cerr)
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadPrivate reads a file the tool wrote (a draft, a backup, a lock file's
// note), never through a link and never anything but a regular file (a FIFO
// would block the read forever); at most limit bytes, else an error.
func ReadPrivate(path string, limit int64) ([]byte, error) {
	f, err := OpenPrivate(path, os.O_RDONLY)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, i18n.Errorf("settings.file.reading", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, i18n.Errorf("settings.file.reading", path, err)
	}
	if int64(len(data)) > limit {
		return nil, i18n.Errorf("settings.file.too_large", path, strconv.FormatInt(limit, 10))
	}
	return data, nil
}

// PrivateFile writes files that only their owner may read (settings, drafts)
// so that a reader sees the old content or the new, never a mix: a temp file
// in the same folder, mode 0600, flushed, renamed over the old one, then the
// folder flushed so the rename survives a power loss. A link at the path, or
// a folder that is a link, is refused rather than replaced or followed.
type PrivateFile struct {
	// Rename is os.Rename; tests inject a crash between write and rename.
	Rename func(oldpath, newpath string) error
}

// Write replaces path with data, creating its folder owner-only. A temp
// file of path's that a killed run left (tempPattern) is removed first
// (RemoveStaleTemps): it may hold a draft.
func (w PrivateFile) Write(path string, data []byte) error {
	if err := PrivateDir(filepath.Dir(path)); err != nil {
		return err
	}
	if err := CheckPath(path); err != nil {
		return err
	}
	RemoveStaleTemps(path)
	step, err := replace(path, tempPattern(path), w.Rename, func(f io.Writer) error {
		_, err := f.Write(data)
		return err
	})
	if err != nil && step != "" {
		return i18n.Errorf(step, path, err)
	}
	return err
}

// Replace replaces path with what write writes, as PrivateFile.Write does
// (a temp file beside it, mode 0600, flushed, renamed over path, the folder
// flushed: a reader sees the old file or the new, never a part), for
// personal data too large to hold in memory: an import's results and
// rejects files. Their folder is the user's own and is left as it is.
// Only a regular file is replaced: a link, a FIFO, a device (/dev/null, a
// plain mistake for "no rejects file") or a folder at path is refused with
// a *PathError, checked before writing and again before the rename. The
// temp file is named
// ".NAME.*.tmp" after path, so that what a killed run left can be found
// (batch.RemoveLeftovers). Errors are the system's: the caller says which
// file it was writing.
func Replace(path string, write func(io.Writer) error) error {
	if err := CheckPath(path); err != nil {
		return err
	}
	checked := func(oldpath, newpath string) error {
		if err := CheckPath(newpath); err != nil { // swapped in while writing
			return err
		}
		return os.Rename(oldpath, newpath)
	}
	_, err := replace(path, tempPattern(path), checked, func(f io.Writer) error {
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	return err
}

// tempPattern is the os.CreateTemp pattern of the temp files that replace
// path (PrivateFile.Write, Replace): ".NAME.*.tmp" beside it, hidden, and
// named after it so that what a killed run left can be told from anything
// else in the folder and removed.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// staleTempAge is how old a temp file of tempPattern must be for
// RemoveStaleTemps to take it for a killed run's: a write takes well
// under a second, so one this old is no other run's in progress.
const staleTempAge = time.Minute

// RemoveStaleTemps removes the temp files a killed run left while
// replacing path (0600 copies of what it held: a draft, settings):
// regular files of tempPattern(path), and of the pattern earlier versions
// used (".tmp-*" and path's extension), last modified staleTempAge or more
// ago. Whatever it cannot remove is left: the next write tries again.
// PrivateFile.Write calls it before each write; call it where path is
// removed (a draft discarded).
func RemoveStaleTemps(path string) {
	now := time.Now()
	dir := filepath.Dir(path)
	for _, pattern := range []string{tempPattern(path), ".tmp-*" + filepath.Ext(path)} {
		before, after, _ := strings.Cut(pattern, "*")
		matches, _ := filepath.Glob(filepath.Join(globEscape(dir), globEscape(before)+"*"+globEscape(after)))
		for _, m := range matches {
			if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) >= staleTempAge {
				_ = os.Remove(m)
			}
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	if runtime.GOOS == "windows" {
		return s // no escapes there: \ is the separator
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// replace writes path through a temp file in its folder named by pattern
// (CreateTemp opens with O_EXCL: it never follows a link either), renamed
// over path with rename (os.Rename when nil). A failure comes with the
// catalog id of the step that failed, "" when the error says it already.
func replace(path, pattern string, rename func(oldpath, newpath string) error, write func(io.Writer) error) (step string, err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "settings.file.writing", err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return "settings.file.writing", err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return "settings.file.writing", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "settings.file.flushing", err
	}
	if err := tmp.Close(); err != nil {
		return "settings.file.writing", err
	}
	if rename == nil {
		rename = os.Rename
	}
	// A rename replaces a link at path instead of writing through it;
	// Write refuses one first anyway, so that a link a person made on
	// purpose is not silently turned into a file.
	if err := rename(tmp.Name(), path); err != nil {
		return "settings.file.replacing", err
	}
	return "", SyncDir(dir)
}

// PrivateDir makes a folder only its owner can enter, and tightens one that
// something else made with looser permissions. A folder that is a link is
// refused (ErrLink), never re-permissioned: the mode would change on
// whatever it points at. So is one that belongs to another user or whose
// mode cannot be changed (ErrNotPrivate). The folders above it are made as
// needed and left as they are.
func PrivateDir(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			return i18n.Errorf("settings.file.creating", filepath.Dir(dir), err)
		}
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return i18n.Errorf("settings.file.creating", dir, err)
		}
		fi, err = os.Lstat(dir)
	}
	switch {
	case err != nil:
		return i18n.Errorf("settings.file.checking", dir, err)
	case fi.Mode()&fs.ModeSymlink != 0 || isLink(fi):
		return &PathError{Path: dir, Kind: ErrLink}
	case !fi.IsDir():
		return &PathError{Path: dir, Kind: errNotFolder}
	}
	return restrictDir(dir)
}

// SyncDir flushes a folder so a rename inside it survives a power loss.
// Windows cannot open a folder for syncing; there the rename is all we get.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return i18n.Errorf("settings.file.flushing", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return i18n.Errorf("settings.file.flushing", dir, err)
	}
	return nil
}
