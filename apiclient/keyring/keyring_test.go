package keyring

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

func TestKeyringRoundTripOverMock(t *testing.T) {
	gokeyring.MockInit()
	k := &Keyring{}
	ctx := context.Background()
	if _, err := k.Get(ctx, "acme"); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("Get before Set: %v, want ErrKeyNotFound", err)
	}
	if err := k.Set(ctx, "acme", "k-acme-123456"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set(ctx, "other", "k-other-98765"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(ctx, "acme"); err != nil || got != "k-acme-123456" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	// Stored under our service name, with the profile as the user.
	if got, err := gokeyring.Get(Service, "other"); err != nil || got != "k-other-98765" {
		t.Fatalf("raw gokeyring.Get = %q, %v", got, err)
	}
	if err := k.Delete(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(ctx, "acme"); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("second Delete: %v, want ErrKeyNotFound", err)
	}
	if err := k.Set(ctx, "acme", ""); err == nil {
		t.Fatal("Set with an empty key succeeded")
	}
}

func TestKeyringNoKeyringMessage(t *testing.T) {
	cause := errors.New(`exec: "dbus-launch": executable file not found in $PATH`)
	gokeyring.MockInitWithError(cause)
	k := &Keyring{}
	for name, call := range map[string]func() error{
		"get":    func() error { _, err := k.Get(context.Background(), "acme"); return err },
		"set":    func() error { return k.Set(context.Background(), "acme", "k-123456789") },
		"delete": func() error { return k.Delete(context.Background(), "acme") },
	} {
		err := call()
		if !errors.Is(err, ErrNoKeyring) || !errors.Is(err, cause) {
			t.Fatalf("%s: %v, want ErrNoKeyring wrapping the cause", name, err)
		}
		if errors.Is(err, ErrKeyNotFound) || errors.Is(err, ErrTimeout) {
			t.Fatalf("%s: %v matches the wrong kind", name, err)
		}
		// The message says what failed; the advice is Explain's alone,
		// so a front end printing both says it once.
		msg := err.Error()
		for _, want := range []string{"no OS keyring", "dbus-launch"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message %q lacks %q", name, msg, want)
			}
		}
		for _, advice := range []string{"Secret Service", "ARGOS_API_KEY"} {
			if strings.Contains(msg, advice) {
				t.Errorf("%s: message %q gives advice (%q): that is Explain's", name, msg, advice)
			}
		}
		var ke *Error
		if !errors.As(err, &ke) {
			t.Fatalf("%s: %T is not a *Error", name, err)
		}
		hint := ke.Explain()
		for _, want := range []string{"Secret Service", "ARGOS_API_KEY", "never stores the key in a plain file"} {
			if !strings.Contains(hint, want) {
				t.Errorf("%s: Explain %q lacks %q", name, hint, want)
			}
		}
	}
	gokeyring.MockInit()
}

func TestKeyringSanitizesTheCause(t *testing.T) {
	gokeyring.MockInitWithError(errors.New("bus said \x1b[2Jhello"))
	defer gokeyring.MockInit()
	_, err := (&Keyring{}).Get(context.Background(), "p")
	if strings.ContainsRune(err.Error(), 0x1b) {
		t.Fatalf("escape sequence reached the message: %q", err)
	}
}

// slowBackend answers after release is closed, like a keyring waiting
// behind an unlock prompt.
type slowBackend struct {
	release chan struct{}
	calls   atomic.Int32
}

func (s *slowBackend) wait() { s.calls.Add(1); <-s.release }
func (s *slowBackend) Get(string, string) (string, error) {
	s.wait()
	return "late-key-123456", nil
}
func (s *slowBackend) Set(string, string, string) error { s.wait(); return nil }
func (s *slowBackend) Delete(string, string) error      { s.wait(); return nil }

func TestKeyringTimeout(t *testing.T) {
	slow := &slowBackend{release: make(chan struct{})}
	defer close(slow.release)
	var notices atomic.Int32
	var op atomic.Value
	k := &Keyring{Backend: slow, Timeout: 150 * time.Millisecond, NoticeAfter: 20 * time.Millisecond,
		OnWait: func(o string) { notices.Add(1); op.Store(o) }}
	start := time.Now()
	_, err := k.Get(context.Background(), "acme")
	took := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if took < 150*time.Millisecond || took > 2*time.Second {
		t.Errorf("gave up after %v, want about the 150ms timeout", took)
	}
	if n := notices.Load(); n != 1 {
		t.Errorf("notice called %d times, want once", n)
	}
	if op.Load() != "reading" {
		t.Errorf("notice op = %v, want reading", op.Load())
	}
	if !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("message %q", err)
	}
	var ke *Error
	if !errors.As(err, &ke) || !strings.Contains(ke.Explain(), "Unlock") {
		t.Errorf("Explain of %v should say to unlock the keyring", err)
	}
}

func TestKeyringFastCallGivesNoNotice(t *testing.T) {
	gokeyring.MockInit()
	var notices atomic.Int32
	k := &Keyring{NoticeAfter: 50 * time.Millisecond, OnWait: func(string) { notices.Add(1) }}
	if err := k.Set(context.Background(), "p", "k-123456789"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(80 * time.Millisecond)
	if n := notices.Load(); n != 0 {
		t.Fatalf("notice called %d times for a fast call", n)
	}
}

func TestKeyringContextNoticeAndCancel(t *testing.T) {
	slow := &slowBackend{release: make(chan struct{})}
	defer close(slow.release)
	var fromOpts, fromCtx atomic.Int32
	k := &Keyring{Backend: slow, Timeout: time.Minute, NoticeAfter: 10 * time.Millisecond,
		OnWait: func(string) { fromOpts.Add(1) }}
	ctx, cancel := context.WithCancel(context.Background())
	ctx = WithNotice(ctx, func(string) { fromCtx.Add(1); cancel() })
	err := k.Set(ctx, "p", "k-123456789")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if fromCtx.Load() != 1 || fromOpts.Load() != 0 {
		t.Fatalf("notices: context %d, options %d; want the context's only", fromCtx.Load(), fromOpts.Load())
	}
}
