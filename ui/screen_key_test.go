package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
)

// keySession plays the caller's side of KeyFuncs as ui/cmd does it: a key
// and an encryption setting that change while the wizard runs, a keyring
// (go-keyring's mock unless a test gives another), and a real client per
// submit against a sandbox on loopback.
type keySession struct {
	tb        testing.TB
	url       string
	store     keyring.Store
	mu        sync.Mutex
	key       string
	source    string
	encrypted bool
}

func newKeySession(tb testing.TB, url string, store keyring.Store) *keySession {
	tb.Helper()
	if store == nil {
		gokeyring.MockInit()
		store = &keyring.Keyring{}
	}
	return &keySession{tb: tb, url: url, store: store}
}

func (s *keySession) client(key string) (*apiclient.Client, error) {
	s.mu.Lock()
	enc := s.encrypted
	s.mu.Unlock()
	return apiclient.New(apiclient.Options{BaseURL: s.url, APIKey: key, Timeout: 5 * time.Second, Encrypted: enc})
}

func (s *keySession) submit(ctx context.Context, rec apiclient.Submission) (string, error) {
	s.mu.Lock()
	key := s.key
	s.mu.Unlock()
	c, err := s.client(key)
	if err != nil {
		return "", err
	}
	return c.Submit(ctx, rec)
}

func (s *keySession) target() Target {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := Target{URL: s.url, Profile: "acme", KeySource: s.source, Encrypted: s.encrypted}
	if s.key != "" {
		t.MaskedKey = s.key[:4] + "••••"
	}
	return t
}

func (s *keySession) use(key, source string) Target {
	s.mu.Lock()
	s.key, s.source = key, source
	s.mu.Unlock()
	return s.target()
}

func (s *keySession) funcs() KeyFuncs {
	return KeyFuncs{
		Check: func(ctx context.Context, key string) error {
			c, err := s.client(key)
			if err != nil {
				return err
			}
			return c.CheckKey(ctx)
		},
		Store: func(ctx context.Context, key string) (Target, error) {
			if err := s.store.Set(ctx, "acme", key); err != nil {
				return Target{}, err
			}
			return s.use(key, "keyring"), nil
		},
		UseForSession: func(_ context.Context, key string) (Target, error) {
			return s.use(key, "this session"), nil
		},
		SetEncrypted: func(_ context.Context, on bool) (Target, error) {
			s.mu.Lock()
			s.encrypted = on
			s.mu.Unlock()
			return s.target(), nil
		},
	}
}

// deps wires the wizard to the session, asking for a key when it has none.
func (s *keySession) deps(initial apiclient.Submission) Deps {
	return Deps{Submit: s.submit, Initial: initial, Target: s.target(), Keys: s.funcs(), NeedKey: s.key == ""}
}

// noKeyShown fails when the screen holds the key, or a long piece of it.
func noKeyShown(tb testing.TB, scr, key string) {
	tb.Helper()
	if strings.Contains(scr, key) || strings.Contains(scr, key[len(key)/2:]) {
		tb.Fatalf("the key is on the screen:\n%s", scr)
	}
}

func storedKey(tb testing.TB) (string, error) {
	tb.Helper()
	return gokeyring.Get(keyring.Service, "acme")
}

func TestKeyScreenMasksChecksAndStoresTheKey(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	s := newKeySession(t, sb.URL, nil)
	h := startWizard(t, s.deps(apiclient.Submission{}), 80, 24)
	h.waitFor(`API key for profile "acme"`, "no key yet", "enter check the key")

	h.typeText(sandbox.Key)
	scr := h.waitFor(strings.Repeat("•", len(sandbox.Key)))
	noKeyShown(t, scr, sandbox.Key)

	h.press("enter")
	// The key is stored with the URL it was checked against: both shown.
	scr = h.waitFor("✓ The API accepted the key.", `› Store it in the OS keyring for "acme" with `+hostOf(sb.URL), "Use it for this session only")
	noKeyShown(t, scr, sandbox.Key)
	if strings.Contains(scr, "sends to") {
		t.Errorf("a URL change is announced where there is none:\n%s", scr)
	}
	if _, err := storedKey(t); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("the key was stored before the agent chose to: %v", err)
	}

	h.press("enter")
	scr = h.waitFor("┃ Admin account", "key sand••••", "(keyring)")
	noKeyShown(t, scr, sandbox.Key)
	if got, err := storedKey(t); err != nil || got != sandbox.Key {
		t.Fatalf("keyring holds %q (%v), want the typed key", got, err)
	}
}

func TestKeyScreenRefusedKeyIsTypedAgain(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	s := newKeySession(t, sb.URL, nil)
	h := startWizard(t, s.deps(apiclient.Submission{}), 80, 24)
	h.waitFor("API key for profile")
	h.typeText("wrong-key-0123456789")
	h.press("enter")
	scr := h.waitFor("✗ The API key was refused: the API key is wrong or revoked", "type it again", "paste or type the key")
	noKeyShown(t, scr, "wrong-key-0123456789")
	if _, err := storedKey(t); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("a refused key reached the keyring: %v", err)
	}
	// The input was emptied: the right key now goes through.
	h.typeText(sandbox.Key)
	h.press("enter")
	h.waitFor("✓ The API accepted the key.")
}

func TestKeyScreenWithoutKeyringOffersThisSessionOnly(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	rec := apitest.Sample()

	t.Run("known at start", func(t *testing.T) {
		s := newKeySession(t, sb.URL, nil)
		gokeyring.MockInitWithError(errors.New("no D-Bus session bus"))
		_, kerr := s.store.Get(context.Background(), "acme")
		d := s.deps(rec)
		d.Keys.KeyringErr = kerr
		h := startWizard(t, d, 80, 24)
		h.waitFor("API key for profile", "No OS keyring is available")
		h.typeText(sandbox.Key)
		h.press("enter")
		scr := h.waitFor("cannot be stored", "› Use it for this session only")
		if strings.Contains(scr, "Store it in the OS keyring") || strings.Contains(scr, "↑/↓") {
			t.Fatalf("without a keyring the screen offers storing in it:\n%s", scr)
		}
		h.press("enter")
		h.waitFor("┃ Admin account", "(this session)")
		h.press("ctrl+r")
		h.waitFor("✓ Ready")
		h.press("s")
		h.waitFor("Submission created")
		if n := len(sb.Records()); n != 1 {
			t.Fatalf("sandbox has %d records, want 1", n)
		}
	})

	t.Run("found when storing", func(t *testing.T) {
		s := newKeySession(t, sb.URL, nil)
		gokeyring.MockInitWithError(errors.New("no D-Bus session bus"))
		h := startWizard(t, s.deps(rec), 80, 24)
		h.waitFor("API key for profile")
		h.typeText(sandbox.Key)
		h.press("enter")
		h.waitFor("› Store it in the OS keyring")
		h.press("enter")
		scr := h.waitFor("The key was not stored: no OS keyring answered", "› Use it for this session only")
		if strings.Contains(scr, "Store it in the OS keyring") {
			t.Fatalf("once no keyring answered the screen still offers storing in it:\n%s", scr)
		}
		h.press("enter")
		h.waitFor("┃ Admin account", "(this session)")
	})
}

// gatedBackend is a keyring that answers only once released, like one
// waiting behind an unlock prompt.
type gatedBackend struct {
	release chan struct{}
	mu      sync.Mutex
	keys    map[string]string
}

func (b *gatedBackend) Get(_, user string) (string, error) {
	<-b.release
	b.mu.Lock()
	defer b.mu.Unlock()
	if k, ok := b.keys[user]; ok {
		return k, nil
	}
	return "", gokeyring.ErrNotFound
}

func (b *gatedBackend) Set(_, user, secret string) error {
	<-b.release
	b.mu.Lock()
	defer b.mu.Unlock()
	b.keys[user] = secret
	return nil
}

func (b *gatedBackend) Delete(_, user string) error { <-b.release; return nil }

func TestKeyScreenSaysWhenTheKeyringIsSlow(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	backend := &gatedBackend{release: make(chan struct{}), keys: map[string]string{}}
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(backend.release) }) })
	// The keyring's own notice (after NoticeAfter) drives the message; 50ms
	// stands in for the real second.
	s := newKeySession(t, sb.URL, &keyring.Keyring{Backend: backend, NoticeAfter: 50 * time.Millisecond})
	h := startWizard(t, s.deps(apiclient.Submission{}), 80, 24)
	h.waitFor("API key for profile")
	h.typeText(sandbox.Key)
	h.press("enter")
	h.waitFor("› Store it in the OS keyring")
	h.press("enter")
	h.waitFor("Storing the key in the OS keyring", "Waiting for the keyring to unlock")
	once.Do(func() { close(backend.release) })
	h.waitFor("┃ Admin account", "(keyring)")
	backend.mu.Lock()
	defer backend.mu.Unlock()
	if backend.keys["acme"] != sandbox.Key {
		t.Fatal("the key did not reach the keyring")
	}
}

func TestRefusedKeyIsReplacedAndTheRecordSubmitted(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	s := newKeySession(t, sb.URL, nil)
	if err := s.store.Set(context.Background(), "acme", "revoked-0123456789"); err != nil {
		t.Fatal(err)
	}
	s.use("revoked-0123456789", "keyring")
	rec := apitest.Sample()
	h := startWizard(t, s.deps(rec), 100, 30)
	h.waitFor("┃ Admin account", "key revo••••")
	h.press("ctrl+r")
	h.waitFor("✓ Ready")
	h.press("s")
	h.waitFor("The API key was refused", "Press k to enter another API key", "k replace the key", "The record was not created")

	h.press("k")
	h.waitFor(`Replace the API key of profile "acme"`, "revo••••", "your record is kept", "esc back")
	// esc goes back to the error, k comes again.
	h.press("esc")
	h.waitFor("The API key was refused")
	h.press("k")
	h.waitFor("Replace the API key")
	h.typeText(sandbox.Key)
	h.press("enter")
	h.waitFor("✓ The API accepted the key.")
	h.press("enter")
	scr := h.waitFor("✓ Ready", "key sand••••", "홍길동", rec.Admin, rec.Email)
	noKeyShown(t, scr, sandbox.Key)
	if got, err := storedKey(t); err != nil || got != sandbox.Key {
		t.Fatalf("keyring holds %q (%v), want the new key in place of the old", got, err)
	}
	h.press("s")
	h.waitFor("Submission created")
	recs := sb.Records()
	if len(recs) != 1 || recs[0].Submission != rec {
		t.Fatalf("sandbox records = %+v, want exactly the record typed before the 403", recs)
	}
	h.press("q")
	if out := h.final().outcome(); out.Submission != rec || len(out.IDs) != 1 {
		t.Fatalf("outcome = %+v", out)
	}
}

func TestInvalidProjectOffersAnotherKey(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	s := newKeySession(t, sb.URL, nil)
	s.use(sandbox.Key, "environment")
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminProject
	h := startWizard(t, s.deps(rec), 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r", "s")
	h.waitFor("does not belong to a valid project", "k replace the key")
	h.press("k")
	h.waitFor("Replace the API key", "(environment)")
}

func TestEncryptionMismatchIsSwitchedAndSubmitted(t *testing.T) {
	tests := []struct {
		name             string
		project, started bool
		want             []string
	}{
		{"turn on", true, false, []string{"secure data transmission turned on", "e turn encryption on", "Press e to turn encryption on"}},
		{"turn off", false, true, []string{"secure data transmission turned off", "e turn encryption off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, err := sandbox.Start(0, sandbox.Options{Now: fixedNow, Encrypted: tt.project})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = sb.Close() })
			s := newKeySession(t, sb.URL, nil)
			s.use(sandbox.Key, "keyring")
			s.encrypted = tt.started
			rec := apitest.Sample()
			h := startWizard(t, s.deps(rec), 100, 30)
			h.waitFor("┃ Admin account")
			h.press("ctrl+r", "s")
			scr := h.waitFor(append([]string{"The encryption setting does not match the project", "The record was not created"}, tt.want...)...)
			if strings.Contains(scr, "f fix") {
				t.Fatalf("a body the server could not read is blamed on a field:\n%s", scr)
			}
			h.press("e")
			scr = h.waitFor("✓ Ready", "홍길동")
			if got := strings.Contains(strings.SplitN(scr, "\n", 2)[0], "encrypted"); got != tt.project {
				t.Fatalf("header shows encrypted = %v, want %v:\n%s", got, tt.project, scr)
			}
			h.press("s")
			h.waitFor("Submission created")
			if recs := sb.Records(); len(recs) != 1 || recs[0].Submission != rec {
				t.Fatalf("sandbox records = %+v, want the record", recs)
			}
		})
	}
}

func TestKeyCheckCanBeStoppedAndLateAnswersAreDropped(t *testing.T) {
	check := func(ctx context.Context, _ string) error {
		<-ctx.Done()
		return fmt.Errorf("%w: %w", apiclient.ErrKeyUnchecked, ctx.Err())
	}
	d := Deps{Submit: failSubmit, Target: Target{URL: "http://127.0.0.1:1", Profile: "acme"}, NeedKey: true,
		Keys: KeyFuncs{Check: check, UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil }}}
	h := startWizard(t, d, 80, 24)
	h.waitFor("API key for profile")
	h.typeText("some-key-0123456789")
	h.press("enter")
	h.waitFor("Checking the key with 127.0.0.1:1", "esc stop")
	h.press("esc")
	h.waitFor("Stopped checking. Nothing was stored.", "paste or type the key")

	// Straight on the model: an answer to an earlier attempt changes nothing.
	m := newModel(context.Background(), d)
	m.key.seq, m.key.phase = 2, keyChecking
	m.Update(keyCheckedMsg{seq: 1})
	if m.key.phase != keyChecking {
		t.Fatalf("an older answer was used: phase %v", m.key.phase)
	}
	m.Update(keyCheckedMsg{seq: 2})
	if m.key.phase != keyChoosing {
		t.Fatalf("the current answer was dropped: phase %v", m.key.phase)
	}
	// Esc there goes back to typing.
	m.Update(keyMsg("esc"))
	if m.key.phase != keyTyping {
		t.Fatalf("esc on the choice: phase %v, want typing", m.key.phase)
	}
}

func TestKeyScreenIsOnlyForAMissingKey(t *testing.T) {
	// With a key, or without the funcs to take one, the wizard opens on the form.
	for _, d := range []Deps{
		{Submit: failSubmit, Keys: (&keySession{}).funcs()},
		{Submit: failSubmit, NeedKey: true},
	} {
		if m := newModel(context.Background(), d); m.screen != screenForm {
			t.Errorf("NeedKey %v, key funcs %v: opens on %v", d.NeedKey, d.Keys.Check != nil, m.screen)
		}
	}
}

// A key checked against one server, for a profile that sends to another,
// is stored with the server that checked it, and the screen says the
// profile's URL changes before the agent chooses.
func TestKeyScreenSaysTheProfileURLChanges(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	s := newKeySession(t, sb.URL, nil)
	d := s.deps(apiclient.Submission{})
	d.Keys.ProfileURL = apiclient.DefaultBaseURL
	h := startWizard(t, d, 100, 30)
	h.waitFor(`API key for profile "acme"`)
	h.typeText(sandbox.Key)
	h.press("enter")
	h.waitFor(`! Profile "acme" sends to `+hostOf(apiclient.DefaultBaseURL)+` now. Storing the key makes it send to`,
		hostOf(sb.URL)+", the server that checked the key", `› Store it in the OS keyring for "acme" with `+hostOf(sb.URL))
}
