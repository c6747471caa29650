package cmd

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
)

func TestResolveTargetLookupOrder(t *testing.T) {
	te := newTestEnv(t, nil, "")
	ctx := context.Background()
	if err := gokeyring.Set(keyring.Service, "acme", "ring-0123456789"); err != nil {
		t.Fatal(err)
	}
	if err := rememberProfile(te.f, "acme", func(p *settings.Profile) { p.APIURL = "https://acme.example.com" }); err != nil {
		t.Fatal(err)
	}
	resolve := func() *Target {
		t.Helper()
		tg, err := ResolveTargetContext(ctx, te.f, te.g)
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}

	tg := resolve() // default profile: nothing stored
	if tg.Profile != "default" || tg.Key != "" || !errors.Is(tg.KeyErr, keyring.ErrKeyNotFound) || tg.URL != apiclient.DefaultBaseURL {
		t.Fatalf("default: %+v", tg)
	}

	te.env[EnvProfile] = "acme"
	tg = resolve()
	if tg.Key != "ring-0123456789" || tg.KeySource != KeySourceKeyring || tg.URL != "https://acme.example.com" || tg.URLSource != "profile" {
		t.Fatalf("acme from the environment: %+v", tg)
	}

	te.env[EnvAPIURL] = "https://env.example.com"
	te.env[EnvAPIKey] = "env-0123456789"
	tg = resolve()
	if tg.Key != "env-0123456789" || tg.KeySource != KeySourceEnv || tg.URL != "https://env.example.com" {
		t.Fatalf("environment overrides: %+v", tg)
	}

	te.g.APIURL = "https://flag.example.com"
	te.g.Profile = "other"
	tg = resolve()
	if tg.Profile != "other" || tg.URL != "https://flag.example.com" || tg.URLSource != "--api-url" {
		t.Fatalf("flags: %+v", tg)
	}
}

func TestSubmitWithoutKeySaysAuthLogin(t *testing.T) {
	te := newTestEnv(t, nil, "")
	opts := &SubmitOptions{Factory: te.f, Globals: te.g, File: "../../testdata/sample-record.json"}
	err := submitRun(context.Background(), opts)
	var nk *NoKeyError
	if !errors.Is(err, apiclient.ErrNoKey) || !errors.As(err, &nk) || !strings.Contains(nk.Explain(), "`argos-migrate auth login` to store a key") {
		t.Fatalf("err = %v, want ErrNoKey with the auth login hint", err)
	}
	te.g.Profile = "acme"
	if err := submitRun(context.Background(), opts); !errors.As(err, &nk) || !strings.Contains(nk.Explain(), "auth login --profile acme`") {
		t.Fatalf("err = %v, want the hint to name the profile", err)
	}

	gokeyring.MockInitWithError(errors.New("dbus: no session bus"))
	defer gokeyring.MockInit()
	err = submitRun(context.Background(), opts)
	if !errors.Is(err, apiclient.ErrNoKey) || !errors.Is(err, keyring.ErrNoKeyring) || !strings.Contains(err.Error(), "no OS keyring answered") ||
		!errors.As(err, &nk) || !strings.Contains(nk.Explain(), "Secret Service") || !strings.Contains(nk.Explain(), "ARGOS_API_KEY") {
		t.Fatalf("err = %v, want ErrNoKey and ErrNoKeyring with the ways forward", err)
	}
}

// blockingStore never answers until released, like a keyring behind an
// unlock prompt nobody answers.
type blockingStore struct{ release chan struct{} }

func (b blockingStore) Get(string, string) (string, error) { <-b.release; return "", nil }
func (b blockingStore) Set(string, string, string) error   { <-b.release; return nil }
func (b blockingStore) Delete(string, string) error        { <-b.release; return nil }

func TestResolveTargetKeyringTimeoutNotice(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	te := newTestEnv(t, nil, "")
	k := NewKeyring(te.f.IO)
	k.Backend, k.Timeout, k.NoticeAfter, k.Bus = blockingStore{release}, 200*time.Millisecond, 20*time.Millisecond, nil
	te.f.Keyring = func() keyring.Store { return k }
	start := time.Now()
	tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(tg.KeyErr, keyring.ErrTimeout) {
		t.Fatalf("KeyErr = %v, want a timeout", tg.KeyErr)
	}
	if got := te.errOut.String(); got != "Waiting for the OS keyring to unlock…\n" {
		t.Fatalf("stderr = %q, want the waiting notice once", got)
	}
	if err := tg.MissingKeyError(); !errors.Is(err, apiclient.ErrNoKey) || !errors.Is(err, keyring.ErrTimeout) {
		t.Fatalf("MissingKeyError = %v", err)
	}
}

// countingStore records calls, to check that --sandbox and ARGOS_API_KEY
// never touch the keyring.
type countingStore struct{ calls atomic.Int32 }

func (c *countingStore) Get(context.Context, string) (string, error) {
	c.calls.Add(1)
	return "", nil
}
func (c *countingStore) Set(context.Context, string, string) error { c.calls.Add(1); return nil }
func (c *countingStore) Delete(context.Context, string) error      { c.calls.Add(1); return nil }

func TestResolveTargetSkipsKeyringWhenNotNeeded(t *testing.T) {
	store := &countingStore{}
	te := newTestEnv(t, store, "")
	te.env[EnvAPIKey] = "env-0123456789"
	if _, err := ResolveTargetContext(context.Background(), te.f, te.g); err != nil {
		t.Fatal(err)
	}
	te.g.Sandbox = true
	tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	tg.Close()
	if n := store.calls.Load(); n != 0 {
		t.Fatalf("keyring called %d times", n)
	}
}

func TestMaskKey(t *testing.T) {
	for key, want := range map[string]string{
		"": "(none)", "short": "••••", "12345678": "••••", "abcdefghi": "abcd••••",
		"\x1b[2Jabcdefgh": "␛[2J••••",
	} {
		if got := apiclient.MaskKey(key); got != want {
			t.Errorf("apiclient.MaskKey(%q) = %q, want %q", key, got, want)
		}
	}
}
