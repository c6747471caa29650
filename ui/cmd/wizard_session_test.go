package cmd

import (
	"context"
	"errors"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
)

// sessionAt is a wizard session for the default profile, with no key, at a
// sandbox started with opts.
func sessionAt(t *testing.T, opts sandbox.Options) (*wizardSession, *testEnv, *sandbox.Running) {
	t.Helper()
	sb, err := sandbox.Start(0, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	te := newTestEnv(t, nil, "")
	te.g.APIURL = sb.URL
	tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Key != "" || !errors.Is(tg.KeyErr, keyring.ErrKeyNotFound) {
		t.Fatalf("target starts with key source %q, err %v; want none", tg.KeySource, tg.KeyErr)
	}
	return &wizardSession{f: te.f, g: te.g, t: tg}, te, sb
}

func TestWizardSessionWithoutKeyAsksThenStores(t *testing.T) {
	s, _, sb := sessionAt(t, sandbox.Options{})
	ctx := context.Background()
	k := s.keyFuncs()
	if k.KeyringErr != nil {
		t.Fatalf("a keyring that holds no key is not a failure: %v", k.KeyringErr)
	}
	if _, err := s.submit(ctx, apitest.Sample()); !errors.Is(err, apiclient.ErrNoKey) {
		t.Fatalf("submit without a key: %v, want ErrNoKey", err)
	}
	if err := k.Check(ctx, "wrong-key-0123"); !errors.Is(err, apiclient.ErrKeyRefused) {
		t.Fatalf("check of a wrong key: %v, want ErrKeyRefused", err)
	}
	if err := k.Check(ctx, "two words"); err == nil || errors.Is(err, apiclient.ErrKeyRefused) {
		t.Fatalf("check of text with a space: %v, want a text error without asking the API", err)
	}
	if err := k.Check(ctx, sandbox.Key); err != nil {
		t.Fatalf("check of the sandbox key: %v", err)
	}
	ut, err := k.Store(ctx, sandbox.Key)
	if err != nil {
		t.Fatal(err)
	}
	if ut.MaskedKey != apiclient.MaskKey(sandbox.Key) || ut.KeySource != "keyring" || ut.Profile != "default" {
		t.Fatalf("header after storing: %+v", ut)
	}
	if got, err := gokeyring.Get(keyring.Service, "default"); err != nil || got != sandbox.Key {
		t.Fatalf("keyring holds %q, %v; want the sandbox key", got, err)
	}
	if _, err := s.submit(ctx, apitest.Sample()); err != nil {
		t.Fatalf("submit with the stored key: %v", err)
	}
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("sandbox has %d records, want 1", n)
	}
}

func TestWizardSessionKeyForThisSessionOnly(t *testing.T) {
	s, _, _ := sessionAt(t, sandbox.Options{})
	ctx := context.Background()
	ut, err := s.keyFuncs().UseForSession(ctx, sandbox.Key)
	if err != nil || ut.KeySource != "this session" || ut.MaskedKey == "" {
		t.Fatalf("header %+v, err %v", ut, err)
	}
	if _, err := gokeyring.Get(keyring.Service, "default"); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("a session-only key reached the keyring: %v", err)
	}
	if _, err := s.submit(ctx, apitest.Sample()); err != nil {
		t.Fatalf("submit with the session key: %v", err)
	}
}

func TestWizardSessionSwitchesEncryption(t *testing.T) {
	s, _, sb := sessionAt(t, sandbox.Options{Encrypted: true})
	ctx := context.Background()
	k := s.keyFuncs()
	if _, err := k.UseForSession(ctx, sandbox.Key); err != nil {
		t.Fatal(err)
	}
	_, err := s.submit(ctx, apitest.Sample())
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Encryption != apiclient.EncryptionTurnOn {
		t.Fatalf("plain submit to an encrypted project: %v, want a turn-on hint", err)
	}
	ut, err := k.SetEncrypted(ctx, true)
	if err != nil || !ut.Encrypted {
		t.Fatalf("header %+v, err %v; want encrypted", ut, err)
	}
	if _, err := s.submit(ctx, apitest.Sample()); err != nil {
		t.Fatalf("encrypted submit: %v", err)
	}
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("sandbox has %d records, want 1", n)
	}
}

func TestWizardSessionReportsAMissingKeyring(t *testing.T) {
	te := newTestEnv(t, nil, "")
	gokeyring.MockInitWithError(errors.New("no D-Bus session bus"))
	te.g.APIURL = "http://127.0.0.1:1"
	tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	k := (&wizardSession{f: te.f, g: te.g, t: tg}).keyFuncs()
	if !errors.Is(k.KeyringErr, keyring.ErrNoKeyring) {
		t.Fatalf("KeyringErr = %v, want ErrNoKeyring", k.KeyringErr)
	}
}

func TestWizardSessionOnTheSandboxAsksForNoKey(t *testing.T) {
	te := newTestEnv(t, nil, "")
	te.g.Sandbox = true
	tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	k := (&wizardSession{f: te.f, g: te.g, t: tg}).keyFuncs()
	if k.Check != nil || k.Store != nil || k.SetEncrypted == nil {
		t.Fatal("the sandbox offers a key screen, or no encryption switch")
	}
	if ut := uiTarget(tg); ut.MaskedKey == "" || ut.KeySource != "sandbox" || !ut.Sandbox {
		t.Fatalf("sandbox header: %+v", ut)
	}
}
