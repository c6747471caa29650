package cmd

import (
	"fmt"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
)

// Environment variables the program reads.
const (
	EnvAPIKey = "ARGOS_API_KEY"
	EnvAPIURL = "ARGOS_API_URL"
)

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	Sandbox bool
	APIURL  string
	Timeout time.Duration
	// Encrypted turns on the project's "secure data transmission" option for
	// this run (--encrypted); a stored profile setting may turn it on too.
	Encrypted bool
}

// Target is where requests go and with which key: resolved once per run.
type Target struct {
	URL       string
	Key       string
	KeySource string // "sandbox", "environment (ARGOS_API_KEY)", ...
	Sandbox   bool
	Encrypted bool // bodies are sealed with the key (from --encrypted)
	close     func()
}

// Close releases an in-process sandbox, if one was started.
func (t *Target) Close() {
	if t.close != nil {
		t.close()
	}
}

// Client builds the API client for this target.
func (t *Target) Client(f *Factory, g *GlobalOptions) (*apiclient.Client, error) {
	c, err := apiclient.New(apiclient.Options{
		BaseURL: t.URL, APIKey: t.Key, HTTPClient: f.HTTPClient,
		Timeout: g.Timeout, UserAgent: f.UserAgent(), Encrypted: t.Encrypted,
	})
	if err != nil {
		return nil, fmt.Errorf("configuring the API client: %w", err)
	}
	return c, nil
}

// ResolveTarget picks the API URL and key: --sandbox starts an in-process
// sandbox; otherwise --api-url, then ARGOS_API_URL, then production, and the
// key from ARGOS_API_KEY.
func ResolveTarget(f *Factory, g *GlobalOptions) (*Target, error) {
	if g.Sandbox {
		// The in-process sandbox plays a project with the same setting, so
		// --sandbox --encrypted shows both directions end to end.
		sb, err := sandbox.Start(0, sandbox.Options{Now: f.Now, Encrypted: g.Encrypted})
		if err != nil {
			return nil, err
		}
		return &Target{URL: sb.URL, Key: sandbox.Key, KeySource: "sandbox", Sandbox: true,
			Encrypted: g.Encrypted, close: func() { _ = sb.Close() }}, nil
	}
	t := &Target{URL: g.APIURL, Encrypted: g.Encrypted}
	if t.URL == "" {
		t.URL = f.Getenv(EnvAPIURL)
	}
	if t.URL == "" {
		t.URL = apiclient.DefaultBaseURL
	}
	if _, err := apiclient.ParseBaseURL(t.URL); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	if k := f.Getenv(EnvAPIKey); k != "" {
		t.Key, t.KeySource = k, "environment ("+EnvAPIKey+")"
	}
	return t, nil
}

// MaskKey shows at most the first four characters of a key.
func MaskKey(key string) string {
	if key == "" {
		return "(none)"
	}
	r := []rune(key)
	if len(r) <= 8 {
		return "••••"
	}
	return string(r[:4]) + "••••"
}
