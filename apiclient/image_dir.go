package apiclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// ListImageDir reads dir for a file picker: its sub-folders and its files
// named .jpg, .jpeg or .png (in any case), with their sizes; a link is
// followed to say what it points at. Hidden entries are left out. Only
// the files listed are looked at beyond their names. The picker runs it in
// a command, never while drawing.
func ListImageDir(dir string) (ImageDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ImageDir{}, fmt.Errorf("reading the folder %s: %w", Sanitize(dir), err)
	}
	des, err := os.ReadDir(abs)
	if err != nil && len(des) == 0 {
		return ImageDir{Path: abs}, fmt.Errorf("reading the folder %s: %s", Sanitize(abs), fileErrorWords(err))
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
