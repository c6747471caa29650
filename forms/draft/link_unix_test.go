//go:build unix

package draft

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"argos-migrate/apiclient/settings"
)

// plantLink puts a link at path, to a file that must stay as it is or to
// nothing (a dangling link, whose target must not be created), and returns
// the check.
func plantLink(t *testing.T, path string, dangling bool) func() {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "victim")
	if !dangling {
		if err := os.WriteFile(target, []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		got, err := os.ReadFile(target)
		switch {
		case dangling && !errors.Is(err, os.ErrNotExist):
			t.Errorf("the dangling link's target was created (%q, %v)", got, err)
		case !dangling && (err != nil || string(got) != "precious"):
			t.Errorf("the link's target was changed: %q, %v", got, err)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link at %s was replaced: %v", path, err)
		}
	}
}

func TestLocksNeverFollowALink(t *testing.T) {
	for _, dangling := range []bool{false, true} {
		name := map[bool]string{false: "to a file", true: "dangling"}[dangling]
		t.Run("draft lock/"+name, func(t *testing.T) {
			s := mockStore(t)
			check := plantLink(t, filepath.Join(s.Dir, "default.lock"), dangling)
			l, err := s.Lock()
			if !errors.Is(err, settings.ErrLink) {
				_ = l.Unlock()
				t.Fatalf("Lock = %v, want ErrLink", err)
			}
			check()
		})
		t.Run("draft key lock/"+name, func(t *testing.T) {
			s := mockStore(t)
			check := plantLink(t, filepath.Join(s.Dir, "default.draftkey.lock"), dangling)
			err := s.Save(context.Background(), Draft{Submission: draftRecord()})
			if !errors.Is(err, settings.ErrLink) {
				t.Fatalf("Save = %v, want ErrLink from the key lock", err)
			}
			check()
		})
		t.Run("draft file/"+name, func(t *testing.T) {
			s := mockStore(t)
			check := plantLink(t, s.Path(), dangling)
			if err := s.Save(context.Background(), Draft{Submission: draftRecord()}); !errors.Is(err, settings.ErrLink) {
				t.Fatalf("Save = %v, want ErrLink", err)
			}
			check()
		})
		t.Run("last success/"+name, func(t *testing.T) {
			s := mockStore(t)
			check := plantLink(t, s.lastPath(), dangling)
			if err := s.SaveSuccess(context.Background(), LastSuccess{ID: "x"}); !errors.Is(err, settings.ErrLink) {
				t.Fatalf("SaveSuccess = %v, want ErrLink", err)
			}
			check()
		})
	}
}

func TestAStateFolderThatIsALinkIsNeverUsed(t *testing.T) {
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o755); err != nil {
		t.Fatal(err)
	}
	s := mockStore(t)
	if err := os.MkdirAll(filepath.Dir(s.Dir), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, s.Dir); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckDir(); !errors.Is(err, settings.ErrLink) {
		t.Fatalf("CheckDir = %v, want ErrLink", err)
	}
	if l, err := s.Lock(); !errors.Is(err, settings.ErrLink) {
		_ = l.Unlock()
		t.Fatalf("Lock = %v, want ErrLink", err)
	}
	if err := s.Save(context.Background(), Draft{Submission: draftRecord()}); !errors.Is(err, settings.ErrLink) {
		t.Fatalf("Save = %v, want ErrLink", err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o755 {
		t.Fatalf("the link's target folder was re-permissioned to %v", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(target); len(entries) != 0 {
		t.Fatalf("files written through the link: %v", entries)
	}
}

func TestAFIFOAsTheDraftIsRefusedNotWaitedOn(t *testing.T) {
	s := mockStore(t)
	if err := settings.PrivateDir(s.Dir); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(s.Path(), 0o600); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no FIFO: %v", err)
		}
		t.Skipf("no FIFO: %v", err)
	}
	// A blocked read would hang until the test times out.
	if _, err := s.Load(context.Background()); !errors.Is(err, settings.ErrNotRegular) {
		t.Fatalf("Load = %v, want ErrNotRegular", err)
	}
}
