package keyring

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

func TestNoSessionBusIsNoKeyringAtOnce(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Secret Service and its bus are Linux's")
	}
	if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus")); err == nil {
		msg := "a session bus runs at /run/user/<uid>/bus here: a missing bus cannot be played"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	// A dbus-launch that would leave a mark if anything ran it.
	bin := t.TempDir()
	mark := filepath.Join(t.TempDir(), "launched")
	script := "#!/bin/sh\ntouch " + mark + "\necho DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent\n"
	if err := os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())

	k := &Keyring{Bus: SessionBus, Timeout: 20 * time.Second}
	start := time.Now()
	_, err := k.Get(context.Background(), "acme")
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "no D-Bus session bus") {
		t.Fatalf("Get = %v, want no OS keyring: no D-Bus session bus", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v to say there is no keyring", took)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Fatal("dbus-launch was run")
	}

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "autolaunch:")
	if err := SessionBus(); err == nil {
		t.Fatal(`"autolaunch:" was taken as a bus address`)
	}

	// A bus that runs at $XDG_RUNTIME_DIR/bus is named for godbus, which
	// otherwise would only look under /run/user.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	run := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", run)
	stop := listenUnix(t, filepath.Join(run, "bus"))
	defer stop()
	if err := SessionBus(); err != nil {
		t.Fatalf("SessionBus with a bus at $XDG_RUNTIME_DIR/bus: %v", err)
	}
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != "unix:path="+filepath.Join(run, "bus") {
		t.Fatalf("DBUS_SESSION_BUS_ADDRESS = %q", got)
	}
}

func TestALockedKeyringIsLockedNotMissing(t *testing.T) {
	gokeyring.MockInitWithError(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
	defer gokeyring.MockInit()
	_, err := (&Keyring{}).Get(context.Background(), "acme")
	if !errors.Is(err, ErrLocked) || errors.Is(err, ErrNoKeyring) {
		t.Fatalf("err = %v, want ErrLocked and not ErrNoKeyring", err)
	}
	if !strings.Contains(err.Error(), "the OS keyring is locked") || Summary(err) != "the OS keyring is locked" {
		t.Errorf("message %q / summary %q", err, Summary(err))
	}
	var ke *Error
	if !errors.As(err, &ke) || !strings.HasPrefix(ke.Explain(), UnlockAdvice()) {
		t.Errorf("Explain = %q, want the unlock advice", ke.Explain())
	}
}

func TestAfterOneTimeoutTheKeyringIsNotWaitedOnAgain(t *testing.T) {
	slow := &slowBackend{release: make(chan struct{})}
	defer close(slow.release)
	var notices atomic.Int32
	k := &Keyring{Backend: slow, Timeout: 100 * time.Millisecond, NoticeAfter: 10 * time.Millisecond,
		OnWait: func(string) { notices.Add(1) }}
	if _, err := k.Get(context.Background(), "a"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("first Get = %v, want ErrTimeout", err)
	}
	for _, call := range []func() error{
		func() error { _, err := k.Get(context.Background(), "b"); return err },
		func() error { return k.Set(context.Background(), "b", "k-123456789") },
		func() error { return k.Delete(context.Background(), "b") },
	} {
		if err := call(); !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "earlier in this run") {
			t.Fatalf("later call = %v, want an immediate ErrTimeout", err)
		}
	}
	if n := slow.calls.Load(); n != 1 {
		t.Fatalf("the keyring was asked %d times, want once", n)
	}
	if n := notices.Load(); n != 1 {
		t.Fatalf("%d waiting notices, want one", n)
	}
}

// listenUnix makes a socket at path, as a running bus would.
func listenUnix(t *testing.T, path string) func() {
	t.Helper()
	l, err := net.Listen("unix", path)
	if err != nil {
		if os.Getenv("CI") == "true" && runtime.GOOS != "windows" {
			t.Fatalf("no unix socket here: %v", err)
		}
		t.Skipf("no unix socket here: %v", err)
	}
	return func() { l.Close() }
}
