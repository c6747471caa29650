package apiclient

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// imageNameEndings are the file names a picker offers: the image call takes
// jpg, jpeg and png files. A name only narrows the list: CheckImageFile
// tells the type by the file's bytes.
var imageNameEndings = []string{".jpg", ".jpeg", ".png"}

// HasImageName reports whether a file's name ends in .jpg, .jpeg or .png,
// in any case ("SCAN.JPG" too).
func HasImageName(name string) bool {
	lower := strings.ToLower(name)
	return slices.ContainsFunc(imageNameEndings, func(ext string) bool { return strings.HasSuffix(lower, ext) })
}

// maxDirEntries bounds what one folder listing holds: a folder of a
// hundred thousand scans is narrowed by typing, not scrolled.
const maxDirEntries = 5000

// ImageDirEntry is one entry of a folder as a file picker offers it.
type ImageDirEntry struct {
	Name string // as on disk: Sanitize it to draw it
	Path string
	Dir  bool  // a folder (or a link to one) to open
	Size int64 // bytes, for a file
}

// Large reports whether the entry is a file above the size ARGOS
// recommends, the rule of ImageFile.Large.
func (e ImageDirEntry) Large() bool { return !e.Dir && largeImage(e.Size) }

// ImageDir is a folder as a file picker offers it: its sub-folders and the
// files named as images, folders first, each group by name.
type ImageDir struct {
	Path    string // absolute
	Entries []ImageDirEntry
	// Others counts what is left out: files not named .jpg, .jpeg or
	// .png, hidden entries (a leading dot), and what is past the limit.
	Others int
	// Cut says the folder held more than the listing keeps.
	Cut bool
}

// dirError is a folder a file picker could not list. It says so in either
// language (In; Error is English), the system's reason in the same words
// as a file's (does not exist, permission denied), and wraps it.
type dirError struct {
	Path string
	Err  error
}

func (e *dirError) words() text {
	why := fileErrorWords(e.Err)
	if errors.Is(e.Err, fs.ErrNotExist) {
		why = say("images.dir.not_exist")
	}
	return say("images.dir.unreadable", Sanitize(e.Path), why)
}

// Error is the message in English.
func (e *dirError) Error() string { return e.words().in(i18n.EN) }

// In is the message in language l.
func (e *dirError) In(l i18n.Lang) string { return e.words().in(l) }

// Unwrap returns the system's error.
func (e *dirError) Unwrap() error { return e.Err }

// ListImageDir reads dir for a file picker: its sub-folders and its files
// named .jpg, .jpeg or .png (in any case), with their sizes; a link is
// followed to say what it points at. Hidden entries are left out. Only
// the files listed are looked at beyond their names. The picker runs it in
// a command, never while drawing.
func ListImageDir(dir string) (ImageDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ImageDir{}, &dirError{Path: dir, Err: err}
	}
	des, err := os.ReadDir(abs)
	if err != nil && len(des) == 0 {
		return ImageDir{Path: abs}, &dirError{Path: abs, Err: err}
	}
	out := ImageDir{Path: abs}
	for _, de := range des {
		name := de.Name()
		isDir := de.IsDir()
		if strings.HasPrefix(name, ".") || (!isDir && de.Type()&fs.ModeSymlink == 0 && !HasImageName(name)) {
			out.Others++
			continue
		}
		if len(out.Entries) == maxDirEntries {
			out.Others++
			out.Cut = true
			continue
		}
		e := ImageDirEntry{Name: name, Path: filepath.Join(abs, name), Dir: isDir}
		if !isDir {
			st, err := os.Stat(e.Path) // follows a link
			switch {
			case errors.Is(err, fs.ErrNotExist):
				out.Others++ // a link to nothing
				continue
			case err == nil && st.IsDir():
				e.Dir = true
			case err == nil:
				e.Size = st.Size()
			}
			if !e.Dir && !HasImageName(name) {
				out.Others++
				continue
			}
		}
		out.Entries = append(out.Entries, e)
	}
	slices.SortStableFunc(out.Entries, func(a, b ImageDirEntry) int {
		switch {
		case a.Dir != b.Dir && a.Dir:
			return -1
		case a.Dir != b.Dir:
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, nil
}
