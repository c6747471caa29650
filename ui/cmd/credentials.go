package cmd

import (
	"context"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// CheckKey asks the API at t.URL whether it accepts key, creating nothing
// (see apiclient.Client.CheckKey). The wizard calls it before StoreKey.
func (t *Target) CheckKey(ctx context.Context, f *Factory, g *GlobalOptions, key string) error {
	c, err := t.clientWithKey(f, g, key)
	if err != nil {
		return i18n.Errorf("commands.key.checking", err)
	}
	return c.CheckKey(ctx)
}

// StoreKey stores key in the OS keyring for the target's profile (replacing
// any key there, as after a 403) and, with it, the API URL the key was
// checked against (t.URL) as the profile's: a key checked with a local
// server and kept for a profile that sends to production would send the
// next plain run LIVE with it. It makes the target use the new key, and
// returns the profile's URL before when storing changed it ("" otherwise).
// The wizard, accessible mode and `auth login` all store keys this way.
func (t *Target) StoreKey(ctx context.Context, f *Factory, key string) (was string, err error) {
	if err := apiclient.CheckKeyText(key); err != nil {
		return "", usageError(err)
	}
	url, err := profileURLFor(t.URL)
	if err != nil {
		return "", usageError(err)
	}
	before, err := ProfileURL(f, t.Profile)
	if err != nil {
		return "", err
	}
	if err := f.Keyring().Set(ctx, t.Profile, key); err != nil {
		return "", err
	}
	if err := rememberProfile(f, t.Profile, func(p *settings.Profile) { p.APIURL = url }); err != nil {
		return "", i18n.Errorf("commands.key.url_not_saved", err)
	}
	t.Key, t.KeySource, t.KeyErr = key, KeySourceKeyring, nil
	if after := orProduction(url); after != before {
		return before, nil
	}
	return "", nil
}

// ProfileURL is the API URL a plain run of profile sends to: the one saved
// for it, or production.
func ProfileURL(f *Factory, profile string) (string, error) {
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return "", err
	}
	return orProduction(cfg.Profiles[profile].APIURL), nil
}

// profileURLFor is how a profile's settings hold url: "" for production
// (the profile then follows the default), else the parsed base URL.
func profileURLFor(url string) (string, error) {
	base, err := apiclient.ParseBaseURL(url)
	if err != nil {
		return "", err
	}
	if s := base.String(); s != apiclient.DefaultBaseURL {
		return s, nil
	}
	return "", nil
}

func orProduction(url string) string {
	if url == "" {
		return apiclient.DefaultBaseURL
	}
	return url
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
