package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"argos-migrate/apiclient/settings"
)

// maxKeyLen bounds what is accepted as an API key; real ones are far shorter.
const maxKeyLen = 1024

// CheckKeyText refuses text that cannot be an API key (empty, too long, with
// spaces or control characters inside), without echoing it. The message
// suits a form field; a command marks it as a usage error.
func CheckKeyText(key string) error {
	switch {
	case key == "":
		return errors.New("the API key is empty")
	case len(key) > maxKeyLen:
		return fmt.Errorf("the API key is longer than %d characters", maxKeyLen)
	case strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return errors.New("the API key contains spaces or control characters")
	}
	return nil
}

// CheckKey asks the API at t.URL whether it accepts key, creating nothing
// (see apiclient.Client.CheckKey). The wizard calls it before StoreKey.
func (t *Target) CheckKey(ctx context.Context, f *Factory, g *GlobalOptions, key string) error {
	c, err := t.clientWithKey(f, g, key)
	if err != nil {
		return fmt.Errorf("checking the key: %w", err)
	}
	return c.CheckKey(ctx)
}

// StoreKey stores key in the OS keyring for the target's profile (replacing
// any key there, as after a 403), records the profile in the settings file so
// `auth status` lists it, and makes the target use the new key. The wizard
// uses it for a key it asked for.
func (t *Target) StoreKey(ctx context.Context, f *Factory, key string) error {
	if err := CheckKeyText(key); err != nil {
		return usageError(err)
	}
	if err := f.Keyring().Set(ctx, t.Profile, key); err != nil {
		return err
	}
	if err := rememberProfile(f, t.Profile, nil); err != nil {
		return err
	}
	t.Key, t.KeySource, t.KeyErr = key, KeySourceKeyring, nil
	return nil
}

// rememberProfile adds profile to the settings file, applying edit to its
// settings when edit is not nil; the file is written only when it changes.
func rememberProfile(f *Factory, profile string, edit func(*settings.Profile)) error {
	cfg, path, err := f.LoadConfig()
	if err != nil {
		return err
	}
	p, known := cfg.Profiles[profile]
	before := p
	if edit != nil {
		edit(&p)
	}
	if known && p == before {
		return nil
	}
	cfg.Profiles[profile] = p
	return cfg.Save(path)
}

// forgetProfile removes profile from the settings file if it holds no
// setting of its own.
func forgetProfile(f *Factory, profile string) error {
	cfg, path, err := f.LoadConfig()
	if err != nil {
		return err
	}
	p, known := cfg.Profiles[profile]
	if !known || !p.IsZero() {
		return nil
	}
	delete(cfg.Profiles, profile)
	return cfg.Save(path)
}
