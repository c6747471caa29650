package cmd

import (
	"context"
	"errors"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
	"argos-migrate/ui"
)

// Environment variables the program reads.
const (
	EnvAPIKey  = "ARGOS_API_KEY"
	EnvAPIURL  = "ARGOS_API_URL"
	EnvProfile = "ARGOS_PROFILE"
)

// Where a Target's key came from: the wizard's codes (ui.KeySource*), so
// that its header says them without a second vocabulary to translate.
const (
	KeySourceSandbox = ui.KeySourceSandbox
	KeySourceEnv     = ui.KeySourceEnvironment
	KeySourceKeyring = ui.KeySourceKeyring
)

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	Sandbox bool
	APIURL  string
	Profile string // --profile; "" means $ARGOS_PROFILE, then "default"
	Timeout time.Duration
	// Encrypted turns on the project's "secure data transmission" option for
	// this run (--encrypted); a stored profile setting may turn it on too.
	Encrypted bool
	// Accessible runs the wizard as plain line prompts (--accessible).
	Accessible bool
	// Wizard-only flags about drafts (see wizard_draft.go).
	Drafts DraftFlags
	// Row opens row Row of an import of Drafts.From in the wizard, to fix
	// it (--row, see import_fix.go). RowGiven: --row was on the command
	// line, whatever its value (--row 0 is refused, not ignored).
	Row      int
	RowGiven bool
	// Lang and ASCII are --lang and --ascii. main reads them from the
	// arguments before the command tree is built (SetUpLanguage): these
	// only hold what cobra parsed.
	Lang  string
	ASCII bool
}

// Target is where requests go and with which key: resolved once per run.
type Target struct {
	URL       string
	URLSource string // "--api-url", "environment (ARGOS_API_URL)", "profile", "default", "sandbox"
	Key       string
	KeySource string // KeySourceEnv, KeySourceKeyring, KeySourceSandbox, or "" with no key
	// KeyErr says why the keyring gave no key (not stored, no keyring,
	// timeout); nil when a key was found or the keyring was not asked.
	KeyErr    error
	Profile   string
	Encrypted bool // bodies are sealed with the key: --encrypted or the profile's setting
	// EncryptedByFlag: Encrypted comes from --encrypted (else, when on,
	// from the profile's setting), for messages that name why.
	EncryptedByFlag bool
	Sandbox         bool
	close           func()
}

// SandboxJournalAPI is the API an import to the built-in sandbox keeps
// its journal under: its port changes on every run, and a stopped practice
// import must go on when the same command runs again, as a real one does.
const SandboxJournalAPI = "sandbox"

// JournalAPI is the API an import's journal is named after: the URL, or
// SandboxJournalAPI for the built-in sandbox.
func (t *Target) JournalAPI() string {
	if t.Sandbox {
		return SandboxJournalAPI
	}
	return t.URL
}

// Close releases an in-process sandbox, if one was started.
func (t *Target) Close() {
	if t.close != nil {
		t.close()
	}
}

// Client builds the API client for this target.
func (t *Target) Client(f *Factory, g *GlobalOptions) (*apiclient.Client, error) {
	return t.clientWithKey(f, g, t.Key)
}

// clientWithKey is the target's client with another key (one being checked).
func (t *Target) clientWithKey(f *Factory, g *GlobalOptions, key string) (*apiclient.Client, error) {
	c, err := apiclient.New(apiclient.Options{
		BaseURL: t.URL, APIKey: key, HTTPClient: f.HTTPClient,
		Timeout: g.Timeout, UserAgent: f.UserAgent(), Encrypted: t.Encrypted,
	})
	if err != nil {
		return nil, i18n.Errorf("commands.target.client", err)
	}
	return c, nil
}

// MissingKeyError is the error to return when a command needs a key and the
// target has none: a *NoKeyError, which matches apiclient.ErrNoKey (exit 2)
// and carries the keyring's failure, if any.
func (t *Target) MissingKeyError() error {
	e := &NoKeyError{Profile: t.Profile}
	if !errors.Is(t.KeyErr, keyring.ErrKeyNotFound) {
		e.Err = t.KeyErr
	}
	return e
}

// NoKeyError says that no API key was found for a profile: none in
// ARGOS_API_KEY and none in the keyring, or the keyring failed (Err).
type NoKeyError struct {
	Profile string
	Err     error // the keyring's failure; nil when it simply holds no key
}

// Error names the profile and the keyring's failure, in English.
func (e *NoKeyError) Error() string { return e.in(i18n.EN) }

// Localize says it in the run's language.
func (e *NoKeyError) Localize() string { return e.in(i18n.Language()) }

func (e *NoKeyError) in(l i18n.Lang) string {
	if e.Err == nil {
		return i18n.In(l, "commands.target.no_key", e.Profile)
	}
	cause := e.Err.Error()
	if l != i18n.EN {
		cause = i18n.Text(e.Err)
	}
	return i18n.In(l, "commands.target.no_key_because", e.Profile, cause)
}

// Unwrap makes it match apiclient.ErrNoKey and the keyring's failure.
func (e *NoKeyError) Unwrap() []error { return []error{apiclient.ErrNoKey, e.Err} }

// Explain gives the next step, in the run's language: `auth login` for
// this profile, or what to do about the keyring.
func (e *NoKeyError) Explain() string {
	var ke *keyring.Error
	if errors.As(e.Err, &ke) {
		return ke.Explain()
	}
	login := "argos-migrate auth login"
	if e.Profile != settings.DefaultProfile {
		login += " --profile " + e.Profile
	}
	return i18n.T("commands.target.login", login, EnvAPIKey)
}

// ResolveTargetContext picks the profile, the API URL and the key.
//
// --sandbox starts an in-process sandbox (played as $ARGOS_SANDBOX_FLAGS
// says) and ignores keys. Otherwise the profile is --profile, then
// $ARGOS_PROFILE, then "default"; the URL is --api-url, then $ARGOS_API_URL,
// then the profile's, then production; the key is $ARGOS_API_KEY (for
// scripts; it overrides), then the OS keyring entry of the profile. A
// missing key is not an error here: the wizard asks for one, submit returns
// MissingKeyError.
func ResolveTargetContext(ctx context.Context, f *Factory, g *GlobalOptions) (*Target, error) {
	return resolveTarget(ctx, f, g, true)
}

// resolveTarget is ResolveTargetContext; without askKeyring the OS keyring
// is left alone (a command that sends nothing, such as submit --dry-run,
// must not wait on it or prompt for its unlock): the key is then
// $ARGOS_API_KEY's or none.
func resolveTarget(ctx context.Context, f *Factory, g *GlobalOptions, askKeyring bool) (*Target, error) {
	if g.Sandbox {
		sb, stop, err := startInProcessSandbox(f, g)
		if err != nil {
			return nil, err
		}
		return &Target{URL: sb.URL, URLSource: "sandbox", Key: sandbox.Key, KeySource: KeySourceSandbox,
			Sandbox: true, Encrypted: g.Encrypted, Profile: SelectedProfile(f, g), close: func() { _ = stop() }}, nil
	}
	profile := SelectedProfile(f, g)
	if err := settings.CheckProfileName(profile); err != nil {
		return nil, usageError(err)
	}
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return nil, err
	}
	p := cfg.Profiles[profile]
	t := &Target{Profile: profile, Encrypted: g.Encrypted || p.Encrypted, EncryptedByFlag: g.Encrypted}
	t.URL, t.URLSource = resolveURL(f, g, p)
	base, err := apiclient.ParseBaseURL(t.URL)
	if err != nil {
		return nil, usageError(err)
	}
	// The form every screen shows, the dry run prints and requests use:
	// an internationalised host in punycode, no trailing slash.
	t.URL = base.String()
	if k := f.Getenv(EnvAPIKey); k != "" {
		// A key with a line break (copied with the end of the line) is a
		// key problem, said now, not a network failure after connecting.
		if err := apiclient.CheckKeyText(k); err != nil {
			return nil, i18n.Errorf("commands.error.joined", EnvAPIKey, err)
		}
		t.Key, t.KeySource = k, KeySourceEnv
		return t, nil
	}
	if !askKeyring {
		return t, nil
	}
	key, err := f.Keyring().Get(ctx, profile)
	switch {
	case err == nil:
		if err := apiclient.CheckKeyText(key); err != nil {
			return nil, i18n.Errorf("commands.target.stored_key", profile, err)
		}
		t.Key, t.KeySource = key, KeySourceKeyring
	case errors.Is(err, context.Canceled):
		return nil, err
	default:
		t.KeyErr = err
	}
	return t, nil
}

// SelectedProfile is --profile, then $ARGOS_PROFILE, then "default".
func SelectedProfile(f *Factory, g *GlobalOptions) string {
	if g.Profile != "" {
		return g.Profile
	}
	if p := f.Getenv(EnvProfile); p != "" {
		return p
	}
	return settings.DefaultProfile
}

// resolveURL is --api-url, then $ARGOS_API_URL, then the profile's URL,
// then production; the second value says which.
func resolveURL(f *Factory, g *GlobalOptions, p settings.Profile) (string, string) {
	switch {
	case g.APIURL != "":
		return g.APIURL, "--api-url"
	case f.Getenv(EnvAPIURL) != "":
		return f.Getenv(EnvAPIURL), "environment (" + EnvAPIURL + ")"
	case p.APIURL != "":
		return p.APIURL, "profile"
	}
	return apiclient.DefaultBaseURL, "default"
}

// keySourceText names where a key came from (Target.KeySource) for a
// sentence, in the run's language.
func keySourceText(source string) string {
	switch source {
	case KeySourceEnv:
		return i18n.T("commands.key_source.env")
	case KeySourceKeyring:
		return i18n.T("commands.key_source.keyring")
	case KeySourceSandbox:
		return i18n.T("commands.key_source.sandbox")
	case keySourceSession:
		return i18n.T("commands.key_source.session")
	}
	return source
}
