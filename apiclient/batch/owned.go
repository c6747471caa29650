package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// FreeName is where an import writes a file it would name path without
// replacing anything that is not its own: path itself when nothing is
// there or own(path) says what is there is this input's; else the first
// of NAME-2.csv, NAME-3.csv, … beside it that is free or its own. An
// import never removes or replaces another input's rejects or results
// file, nor a file of the user's that happens to have the name.
func FreeName(path string, own func(string) bool) string {
	for n := 1; n < 1000; n++ {
		p := path
		if n > 1 {
			p = numbered(path, n)
		}
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) || (err == nil && own != nil && own(p)) {
			return p
		}
	}
	return numbered(path, 1000)
}

// numbered is path with -N before its extension: a.rejects.csv,
// a.rejects-2.csv.
func numbered(path string, n int) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-" + strconv.Itoa(n) + ext
}

// NumberedOf reports whether p is one of the names FreeName gives path
// when a file there is not its own: path with -N (2 or more) before its
// extension.
func NumberedOf(p, path string) bool {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext) + "-"
	if !strings.HasPrefix(p, stem) || !strings.HasSuffix(p, ext) || len(p) < len(stem)+len(ext) {
		return false
	}
	n, err := strconv.Atoi(p[len(stem) : len(p)-len(ext)])
	return err == nil && n >= 2 && p == numbered(path, n)
}

// SamePath reports whether a and b name one file (both made absolute).
func SamePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
