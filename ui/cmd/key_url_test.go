package cmd

import (
	"context"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
)

// A key is stored with the URL it was checked against, however the URL was
// given (--api-url, ARGOS_API_URL) and wherever the key was typed (the
// wizard's key screen, accessible mode, auth login): a next plain run of the
// profile never sends to another server with it.
func TestAKeyIsStoredWithTheURLItWasCheckedAgainst(t *testing.T) {
	for name, store := range map[string]func(t *testing.T, te *testEnv) string{
		"key screen": func(t *testing.T, te *testEnv) string {
			tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
			if err != nil {
				t.Fatal(err)
			}
			s := &wizardSession{f: te.f, g: te.g, t: tg}
			if err := s.check(context.Background(), sandbox.Key); err != nil {
				t.Fatal(err)
			}
			if _, err := s.store(context.Background(), sandbox.Key); err != nil {
				t.Fatal(err)
			}
			return ""
		},
		"accessible": func(t *testing.T, te *testEnv) string {
			tg, err := ResolveTargetContext(context.Background(), te.f, te.g)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := setKey(context.Background(), te.f, te.g, tg, sandbox.Key); err != nil {
				t.Fatal(err)
			}
			return te.errOut.String()
		},
		"auth login": func(t *testing.T, te *testEnv) string {
			te.f.IO.In = strings.NewReader(sandbox.Key + "\n")
			if err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g}); err != nil {
				t.Fatal(err)
			}
			return te.errOut.String()
		},
	} {
		t.Run(name, func(t *testing.T) {
			sb := apitest.Sandbox(t, sandbox.Options{})
			te := newTestEnv(t, nil, "")
			te.g.Profile = "acme"
			// The profile sends to production; this run's URL comes from
			// the environment.
			if err := rememberProfile(te.f, "acme", func(p *settings.Profile) { p.APIURL = "" }); err != nil {
				t.Fatal(err)
			}
			te.env[EnvAPIURL] = sb.URL
			said := store(t, te)
			if got := te.config(t).Profiles["acme"].APIURL; got != sb.URL {
				t.Fatalf("profile URL = %q, want %s, the server that checked the key", got, sb.URL)
			}
			if said != "" && (!strings.Contains(said, sb.URL) || !strings.Contains(said, "(it was "+apiclient.DefaultBaseURL+")")) {
				t.Errorf("the change of URL was not said:\n%s", said)
			}
			// And a plain run of the profile now goes there.
			delete(te.env, EnvAPIURL)
			tg, err := ResolveTargetContext(context.Background(), te.f, &GlobalOptions{Profile: "acme"})
			if err != nil || tg.URL != sb.URL || tg.Key != sandbox.Key {
				t.Fatalf("next run: %+v, %v", tg, err)
			}
		})
	}
}
