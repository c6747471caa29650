//go:build unix

package settings

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// links plants, at path, a link of each kind a probe would try: to a file
// that exists (which must not be truncated or changed), and a dangling one
// (whose target must not be created).
func links(t *testing.T) map[string]func(path string) (check func(t *testing.T)) {
	return map[string]func(string) func(*testing.T){
		"to a file": func(path string) func(*testing.T) {
			target := filepath.Join(t.TempDir(), "victim")
			if err := os.WriteFile(target, []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
			return func(t *testing.T) {
				got, err := os.ReadFile(target)
				if err != nil || string(got) != "precious" {
					t.Errorf("the link's target changed: %q, %v", got, err)
				}
				if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o644 {
					t.Errorf("the link's target mode changed to %v", fi.Mode().Perm())
				}
			}
		},
		"dangling": func(path string) func(*testing.T) {
			target := filepath.Join(t.TempDir(), "not-there")
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
			return func(t *testing.T) {
				if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("the dangling link's target was created: %v", err)
				}
			}
		},
	}
}

func TestEveryWriteRefusesALink(t *testing.T) {
	writers := map[string]func(path string) error{
		"OpenPrivate lock": func(p string) error {
			f, err := OpenPrivate(p, os.O_RDWR|os.O_CREATE)
			if err == nil {
				f.Close()
			}
			return err
		},
		"OpenPrivate append": func(p string) error {
			f, err := OpenPrivate(p, os.O_WRONLY|os.O_CREATE|os.O_APPEND)
			if err == nil {
				f.Close()
			}
			return err
		},
		"OpenPrivate new": func(p string) error {
			f, err := OpenPrivate(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
			if err == nil {
				f.Close()
			}
			return err
		},
		"OpenPrivate truncate": func(p string) error {
			f, err := OpenPrivate(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
			if err == nil {
				f.Close()
			}
			return err
		},
		"PrivateFile.Write": func(p string) error { return PrivateFile{}.Write(p, []byte("new")) },
		"Config.Save":       func(p string) error { return (&Config{Profiles: map[string]Profile{}}).Save(p) },
		"ReadPrivate":       func(p string) error { _, err := ReadPrivate(p, 1<<20); return err },
	}
	for wname, write := range writers {
		for lname, plant := range links(t) {
			t.Run(wname+"/"+lname, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "file.json")
				check := plant(path)
				err := write(path)
				if !errors.Is(err, ErrLink) {
					t.Fatalf("err = %v, want ErrLink", err)
				}
				if fi, lerr := os.Lstat(path); lerr != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link itself was replaced: %v", lerr)
				}
				check(t)
			})
		}
	}
}

func TestOpenPrivateRefusesAFIFOWithoutWaiting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no FIFO here: %v", err)
		}
		t.Skipf("no FIFO here: %v", err)
	}
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY | os.O_CREATE, os.O_RDWR | os.O_CREATE} {
		// A blocked open would hang the test: the test's own timeout is the
		// failure.
		if f, err := OpenPrivate(path, flag); !errors.Is(err, ErrNotRegular) {
			if f != nil {
				f.Close()
			}
			t.Errorf("flag %#x: err = %v, want ErrNotRegular", flag, err)
		}
	}
}

func TestOpenPrivateCreatesOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	f, err := OpenPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := OpenPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL); !errors.Is(err, os.ErrExist) {
		t.Fatalf("O_EXCL over an existing file: %v", err)
	}
}

func TestPrivateDirNeverChmodsALinkTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "argos-migrate")
	if err := os.Symlink(target, dir); err != nil {
		t.Fatal(err)
	}
	if err := PrivateDir(dir); !errors.Is(err, ErrLink) {
		t.Fatalf("PrivateDir = %v, want ErrLink", err)
	}
	if err := (PrivateFile{}).Write(filepath.Join(dir, "config.json"), []byte("{}")); !errors.Is(err, ErrLink) {
		t.Fatalf("Write into a linked folder = %v, want ErrLink", err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o755 {
		t.Fatalf("the link's target folder became %v", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(target); len(entries) != 0 {
		t.Fatalf("files were written into the link's target: %v", entries)
	}
	// A dangling link where the folder belongs is not made into a folder.
	dangling := filepath.Join(t.TempDir(), "argos-migrate")
	missing := filepath.Join(t.TempDir(), "missing")
	if err := os.Symlink(missing, dangling); err != nil {
		t.Fatal(err)
	}
	if err := PrivateDir(dangling); !errors.Is(err, ErrLink) {
		t.Fatalf("PrivateDir over a dangling link = %v, want ErrLink", err)
	}
	if _, err := os.Lstat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the dangling link's target was made: %v", err)
	}
}

func TestPrivateDirTightensItsOwnFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "argos-migrate")
	if err := PrivateDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Fatalf("new folder mode %v", fi.Mode().Perm())
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := PrivateDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Fatalf("loose folder left at %v", fi.Mode().Perm())
	}
}

// Replace, for files too large to hold in memory: the new file is whole
// and owner-only; a failed write leaves the old file and no temp file; a
// link at the path is replaced by the file, its target untouched; the
// user's folder keeps its mode.
func TestReplaceWritesWholeOwnerOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "export.results.csv")
	write := func(text string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
	}
	if err := Replace(path, write("old")); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	err := Replace(path, func(w io.Writer) error {
		if err := write("half of the new")(w); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Replace = %v, want the write's error", err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "old" {
		t.Errorf("after a failed write: %q, %v; want the old file", got, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Errorf("the user's folder was made %v", fi.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".export.results.csv.*.tmp")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
	for name, plant := range links(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export.rejects.csv")
			check := plant(path)
			err := Replace(path, write("new"))
			if !errors.Is(err, ErrLink) {
				t.Errorf("Replace over a link = %v, want ErrLink", err)
			}
			if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link was replaced: %v (%v)", fi.Mode(), err)
			}
			check(t)
		})
	}
	// A FIFO or a device at path (--rejects /dev/null, meant as "none")
	// is not a file to replace: renaming over /dev/null as root would
	// leave a regular file where the device was.
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, os.DevNull, t.TempDir()} {
		if err := Replace(p, write("new")); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Replace(%s) = %v, want ErrNotRegular", p, err)
		}
	}
	if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Errorf("%s is no longer a device: %v, %v", os.DevNull, fi, err)
	}
}
