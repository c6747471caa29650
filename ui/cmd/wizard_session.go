package cmd

import (
	"context"
	"errors"
	"sync"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/ui"
)

// keySourceSession is where a key typed into the wizard and not stored
// comes from.
const keySourceSession = ui.KeySourceSession

// wizardSession is the wizard's link to the target: the key and the
// encryption setting can change while it runs (a key typed on the first
// screen, a refused key replaced, encryption switched), so every submit
// builds its client from the target as it is then. The ui calls these
// funcs from tea.Cmds, one at a time; the lock keeps them honest anyway.
type wizardSession struct {
	f *Factory
	g *GlobalOptions

	mu     sync.Mutex
	t      *Target
	client *apiclient.Client // for t as it is; nil after a change
}

// submit sends one record with the current key and setting.
func (s *wizardSession) submit(ctx context.Context, rec apiclient.Submission) (string, error) {
	c, err := s.currentClient()
	if err != nil {
		return "", err
	}
	return c.Submit(ctx, rec)
}

// lookup asks, with the current key, which submissions exist for an email.
func (s *wizardSession) lookup(ctx context.Context, email string) ([]apiclient.FoundSubmission, error) {
	c, err := s.currentClient()
	if err != nil {
		return nil, err
	}
	return c.FindByEmail(ctx, email)
}

// currentClient is the API client for the target as it is now.
func (s *wizardSession) currentClient() (*apiclient.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil {
		if s.t.Key == "" {
			return nil, s.t.MissingKeyError()
		}
		c, err := s.t.Client(s.f, s.g)
		if err != nil {
			return nil, err
		}
		s.client = c
	}
	return s.client, nil
}

// snapshot is a copy of the target, to use without the lock.
func (s *wizardSession) snapshot() Target {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.t
}

// check refuses text that is no key, then asks the API about it.
func (s *wizardSession) check(ctx context.Context, key string) error {
	if err := apiclient.CheckKeyText(key); err != nil {
		return err
	}
	t := s.snapshot()
	return t.CheckKey(ctx, s.f, s.g, key)
}

// store keeps key in the OS keyring for the profile (replacing any) and uses
// it from now on.
func (s *wizardSession) store(ctx context.Context, key string) (ui.Target, error) {
	t := s.snapshot()
	if _, err := t.StoreKey(ctx, s.f, key); err != nil {
		return ui.Target{}, err
	}
	return s.use(key, KeySourceKeyring), nil
}

// useForSession uses key from now on without storing it.
func (s *wizardSession) useForSession(_ context.Context, key string) (ui.Target, error) {
	if err := apiclient.CheckKeyText(key); err != nil {
		return ui.Target{}, err
	}
	return s.use(key, keySourceSession), nil
}

func (s *wizardSession) use(key, source string) ui.Target {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.t.Key, s.t.KeySource, s.t.KeyErr = key, source, nil
	s.client = nil
	return uiTarget(s.t)
}

// setEncrypted switches the encryption option for the rest of the run; the
// profile's setting on disk is left alone.
func (s *wizardSession) setEncrypted(_ context.Context, on bool) (ui.Target, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.t.Encrypted = on
	s.client = nil
	return uiTarget(s.t), nil
}

// keyFuncs are the wizard's funcs over this session.
func (s *wizardSession) keyFuncs() ui.KeyFuncs {
	k := ui.KeyFuncs{
		Check: s.check, Store: s.store, UseForSession: s.useForSession, SetEncrypted: s.setEncrypted,
	}
	if s.t.Sandbox {
		// The sandbox has one key, which is no secret and has no place in
		// the keyring; encryption can still be switched to try it.
		k.Check, k.Store, k.UseForSession = nil, nil, nil
	}
	if !errors.Is(s.t.KeyErr, keyring.ErrKeyNotFound) {
		k.KeyringErr = s.t.KeyErr
	}
	// The key screen shows where a stored key will send: the URL it is
	// checked against, which becomes the profile's.
	k.ProfileURL, _ = ProfileURL(s.f, s.t.Profile)
	return k
}

// uiTarget is what the wizard's header shows of t.
func uiTarget(t *Target) ui.Target {
	ut := ui.Target{URL: t.URL, Sandbox: t.Sandbox, Profile: t.Profile,
		KeySource: t.KeySource, Encrypted: t.Encrypted}
	if t.Key != "" {
		ut.MaskedKey = apiclient.MaskKey(t.Key)
	}
	return ut
}
