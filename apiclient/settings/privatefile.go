package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// PrivateFile writes files that only their owner may read (settings, drafts)
// so that a reader sees the old content or the new, never a mix: a temp file
// in the same folder, mode 0600, flushed, renamed over the old one, then the
// folder flushed so the rename survives a power loss.
type PrivateFile struct {
	// Rename is os.Rename; tests inject a crash between write and rename.
	Rename func(oldpath, newpath string) error
}

// Write replaces path with data, creating its folder owner-only.
func (w PrivateFile) Write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := PrivateDir(dir); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*"+filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("flushing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	rename := w.Rename
	if rename == nil {
		rename = os.Rename
	}
	if err := rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return SyncDir(dir)
}

// PrivateDir makes a folder only its owner can enter, and tightens one that
// something else made with looser permissions.
func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("restricting %s: %w", dir, err)
		}
	}
	return nil
}

// SyncDir flushes a folder so a rename inside it survives a power loss.
// Windows cannot open a folder for syncing; there the rename is all we get.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("flushing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("flushing %s: %w", dir, err)
	}
	return nil
}
