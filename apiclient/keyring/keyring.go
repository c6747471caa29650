// Package keyring keeps one API key per profile in the OS keyring (macOS
// Keychain, Windows Credential Manager, the Secret Service on Linux) through
// go-keyring, with every call bounded by a timeout. It never falls back to a
// file.
package keyring

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"

	gokeyring "github.com/zalando/go-keyring"
)

// Service is the service name API keys are stored under in the OS
// keyring; the account (user) is the profile name.
const Service = "argos-migrate"

// DefaultTimeout bounds one keyring call. An unlock prompt needs a
// person to type a password: gh learned that 3 s is too short for that.
const DefaultTimeout = 30 * time.Second

// DefaultNotice is how long a keyring call may take before the caller
// is told, so it can say that it is waiting for the keyring to unlock.
const DefaultNotice = time.Second

// Keyring failures, for errors.Is.
var (
	// ErrNoKeyring: there is no OS keyring to ask (no D-Bus session bus or
	// no Secret Service on Linux, an unsupported platform).
	ErrNoKeyring = i18n.Errorf("keyring.kind.no_keyring")
	// ErrLocked: the keyring is there but locked, and was not unlocked (the
	// unlock prompt was dismissed, or could not be shown). It is not
	// ErrNoKeyring: unlocked, it would answer.
	ErrLocked = i18n.Errorf("keyring.kind.locked")
	// ErrKeyNotFound: the keyring answered and holds no key for the profile.
	ErrKeyNotFound = i18n.Errorf("keyring.kind.not_found")
	// ErrTimeout: the keyring did not answer in time.
	ErrTimeout = i18n.Errorf("keyring.kind.timeout")
)

// Store keeps one API key per profile. The wizard and the auth commands
// use it; tests swap in a fake or go-keyring's mock.
type Store interface {
	// Get returns the key stored for profile, or an error matching
	// ErrKeyNotFound, ErrNoKeyring or ErrTimeout.
	Get(ctx context.Context, profile string) (string, error)
	// Set stores (or replaces) the key for profile.
	Set(ctx context.Context, profile, key string) error
	// Delete removes the key for profile; ErrKeyNotFound if there was none.
	Delete(ctx context.Context, profile string) error
}

// Backend is the call shape of go-keyring (service, user, secret).
type Backend interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// Keyring is a Store over the OS keyring through go-keyring, with every
// call bounded by a timeout. It never falls back to a file.
type Keyring struct {
	Service     string        // default Service
	Backend     Backend       // default: go-keyring's OS provider (or its mock after gokeyring.MockInit)
	Timeout     time.Duration // default DefaultTimeout
	NoticeAfter time.Duration // default DefaultNotice
	// OnWait is called at most once per call, from another goroutine, when
	// the keyring has not answered after NoticeAfter. A notice carried by
	// the context (WithNotice) takes precedence.
	OnWait func(op string)
	// Bus, when set, is asked before every call whether there is a keyring
	// to talk to; its error (matching ErrNoKeyring) is returned at once.
	// The program sets SessionBus, so that go-keyring never has godbus
	// start a bus of its own (dbus-launch).
	Bus func() error

	// stuck is set once a call has timed out: the keyring is waiting for
	// someone to unlock it, and later calls of the run fail at once rather
	// than wait again.
	stuck atomic.Bool
}

// osKeyring calls go-keyring's package functions, so gokeyring.MockInit in a
// test replaces the OS keyring here too.
type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return gokeyring.Get(service, user) }
func (osKeyring) Set(service, user, s string) error        { return gokeyring.Set(service, user, s) }
func (osKeyring) Delete(service, user string) error        { return gokeyring.Delete(service, user) }

type noticeKey struct{}

// WithNotice returns a context whose keyring calls report a slow
// keyring to fn instead of the Keyring's OnWait: the wizard uses it to send a
// message to its program rather than write on the terminal.
func WithNotice(ctx context.Context, fn func(op string)) context.Context {
	return context.WithValue(ctx, noticeKey{}, fn)
}

// Get returns the key stored for profile.
func (k *Keyring) Get(ctx context.Context, profile string) (string, error) {
	var key string
	err := k.do(ctx, opReading, profile, func(b Backend, svc string) error {
		var err error
		key, err = b.Get(svc, profile)
		return err
	})
	return key, err
}

// Set stores or replaces the key for profile.
func (k *Keyring) Set(ctx context.Context, profile, key string) error {
	if key == "" {
		return i18n.Errorf("keyring.error.empty_key")
	}
	return k.do(ctx, opStoring, profile, func(b Backend, svc string) error {
		return b.Set(svc, profile, key)
	})
}

// Delete removes the key stored for profile.
func (k *Keyring) Delete(ctx context.Context, profile string) error {
	return k.do(ctx, opRemoving, profile, func(b Backend, svc string) error {
		return b.Delete(svc, profile)
	})
}

// do runs one backend call in a goroutine so that a keyring stuck behind an
// unlock prompt cannot hang the program; after the timeout the call is
// abandoned (a late Set may still land, which the message says).
func (k *Keyring) do(ctx context.Context, op, profile string, call func(Backend, string) error) error {
	b, svc := k.Backend, k.Service
	if b == nil {
		b = osKeyring{}
	}
	if svc == "" {
		svc = Service
	}
	timeout, noticeAfter := k.Timeout, k.NoticeAfter
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if noticeAfter <= 0 {
		noticeAfter = DefaultNotice
	}
	notice := k.OnWait
	if fn, ok := ctx.Value(noticeKey{}).(func(string)); ok {
		notice = fn
	}

	if k.Bus != nil {
		if err := k.Bus(); err != nil {
			return &Error{Op: op, Profile: profile, Kind: ErrNoKeyring, Err: err}
		}
	}
	if k.stuck.Load() {
		return &Error{Op: op, Profile: profile, Kind: ErrTimeout, Err: errStuck}
	}

	done := make(chan error, 1)
	go func() { done <- call(b, svc) }()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	var wait <-chan time.Time
	if notice != nil {
		t := time.NewTimer(noticeAfter)
		defer t.Stop()
		wait = t.C
	}
	var once sync.Once
	for {
		select {
		case err := <-done:
			return classify(op, profile, err)
		case <-wait:
			once.Do(func() { notice(op) })
			wait = nil
		case <-deadline.C:
			k.stuck.Store(true)
			return &Error{Op: op, Profile: profile, Kind: ErrTimeout,
				Err: i18n.Errorf("keyring.error.no_answer_within", timeout.String())}
		case <-ctx.Done():
			return i18n.Errorf(failedID(op), profile, ctx.Err())
		}
	}
}

// errStuck: an earlier call of this run timed out.
var errStuck = i18n.Errorf("keyring.error.stuck")

// classify turns a backend error into a *Error of a known kind.
func classify(op, profile string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gokeyring.ErrNotFound):
		return &Error{Op: op, Profile: profile, Kind: ErrKeyNotFound}
	case errors.Is(err, gokeyring.ErrSetDataTooBig):
		return i18n.Errorf(failedID(op), profile, err)
	case saysLocked(err):
		return &Error{Op: op, Profile: profile, Kind: ErrLocked, Err: err}
	}
	return &Error{Op: op, Profile: profile, Kind: ErrNoKeyring, Err: err}
}

// saysLocked reads a backend's own words for a keyring that stayed locked:
// go-keyring's Secret Service "failed to unlock correct collection" (the
// unlock prompt was dismissed or could not be shown), a dismissed prompt,
// macOS's "User interaction is not allowed" (a locked keychain with no one
// to ask).
func saysLocked(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, w := range []string{"unlock", "locked", "dismissed", "interaction is not allowed"} {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// failedID is the message of a call that failed by itself (stopped, or
// refused by go-keyring), by the call's Op.
func failedID(op string) string {
	switch op {
	case opStoring:
		return "keyring.error.storing_failed"
	case opRemoving:
		return "keyring.error.removing_failed"
	}
	return "keyring.error.reading_failed"
}

// The calls, as Error.Op names them.
const (
	opReading  = "reading"
	opStoring  = "storing"
	opRemoving = "removing"
)

// Error is a failed keyring call: Kind is ErrNoKeyring, ErrLocked,
// ErrKeyNotFound or ErrTimeout.
type Error struct {
	Op      string // "reading", "storing", "removing"
	Profile string
	Kind    error
	Err     error // the keyring's own error, if any
}

// Error says what failed, in English; Explain, printed once beside it,
// says what to do.
func (e *Error) Error() string { return e.in(i18n.EN) }

// Localize says what failed in the run's language.
func (e *Error) Localize() string { return e.in(i18n.Language()) }

func (e *Error) in(l i18n.Lang) string {
	if e.Kind == ErrKeyNotFound {
		return i18n.In(l, "keyring.error.not_found", e.Profile)
	}
	cause := "<nil>"
	if e.Err != nil {
		cause = i18n.ErrorIn(l, e.Err)
	}
	id := "keyring.error.reading"
	switch e.Op {
	case opStoring:
		id = "keyring.error.storing"
	case opRemoving:
		id = "keyring.error.removing"
	}
	return i18n.In(l, id, e.Profile, SummaryIn(l, e), apiclient.Sanitize(cause))
}

// Summary is the one wording, in a few words, of what a keyring failure
// means, for every place that shows it (auth status, the wizard's notices
// and key screen, its exit message, the draft messages), in the run's
// language: "the OS keyring is locked", "the OS keyring did not answer",
// "no OS keyring", "no key stored"; "" when err is no keyring failure.
func Summary(err error) string { return SummaryIn(i18n.Language(), err) }

// SummaryIn is Summary in language l: English for an error's own words.
func SummaryIn(l i18n.Lang, err error) string {
	switch {
	case errors.Is(err, ErrLocked):
		return i18n.In(l, "keyring.summary.locked")
	case errors.Is(err, ErrTimeout):
		return i18n.In(l, "keyring.summary.timeout")
	case errors.Is(err, ErrNoKeyring):
		return i18n.In(l, "keyring.summary.no_keyring")
	case errors.Is(err, ErrKeyNotFound):
		return i18n.In(l, "keyring.summary.not_found")
	}
	return ""
}

// UnlockAdvice is the one next step for a locked keyring or one that did
// not answer, everywhere it is said, in the run's language.
func UnlockAdvice() string { return i18n.T("keyring.explain.unlock") }

// Unwrap returns the kind and the keyring's own error.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// Explain says in plain words, in the run's language, what to do next.
func (e *Error) Explain() string {
	switch e.Kind {
	case ErrKeyNotFound:
		return i18n.T("keyring.explain.not_found", e.Profile)
	case ErrTimeout, ErrLocked:
		return i18n.T("keyring.explain.unlock_or_env")
	}
	return i18n.T("keyring.explain.no_keyring")
}
