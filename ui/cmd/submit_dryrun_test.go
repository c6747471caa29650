package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
)

// forbiddenKeyring fails the test on any call: a command that must not
// touch the OS keyring (no unlock prompt, no wait) is run against it.
type forbiddenKeyring struct{ tb testing.TB }

func (k forbiddenKeyring) Get(context.Context, string) (string, error) {
	k.tb.Error("the keyring was read")
	return "", keyring.ErrKeyNotFound
}

func (k forbiddenKeyring) Set(context.Context, string, string) error {
	k.tb.Error("the keyring was written")
	return nil
}

func (k forbiddenKeyring) Delete(context.Context, string) error {
	k.tb.Error("a keyring entry was removed")
	return nil
}

// A dry run sends nothing, so it needs no key: with or without one in the
// environment, plain or encrypted, it never asks the OS keyring.
func TestDryRunNeverTouchesTheKeyring(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		encrypted bool
		wantErr   error
	}{
		{name: "no key"},
		{name: "key in the environment", env: map[string]string{EnvAPIKey: "k-0123456789"}},
		{name: "encrypted, key in the environment", env: map[string]string{EnvAPIKey: "k-0123456789"}, encrypted: true},
		{name: "encrypted, no key", encrypted: true, wantErr: apiclient.ErrNoKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, _ := testFactory(t, tt.env)
			f.Keyring = func() keyring.Store { return forbiddenKeyring{t} }
			err := submitRun(context.Background(), &SubmitOptions{Factory: f, File: samplePath, DryRun: true,
				Globals: &GlobalOptions{APIURL: "http://127.0.0.1:1", Encrypted: tt.encrypted}})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), EnvAPIKey) || strings.Contains(err.Error(), "auth login") {
					t.Errorf("err = %v, want the way forward without the keyring", err)
				}
				return
			}
			if !strings.HasPrefix(out.String(), "curl --request POST http://127.0.0.1:1/v3/submission/migration") {
				t.Errorf("no curl command on stdout:\n%s", out)
			}
		})
	}
	// The check can fail: a real submit with no key in the environment
	// asks the keyring.
	f, _, _ := testFactory(t, nil)
	asked := false
	f.Keyring = func() keyring.Store { asked = true; return &keyring.Keyring{} }
	_ = submitRun(context.Background(), &SubmitOptions{Factory: f, File: samplePath, Globals: &GlobalOptions{APIURL: "http://127.0.0.1:1"}})
	if !asked {
		t.Fatal("a real submit without ARGOS_API_KEY did not ask the keyring: the test above proves nothing")
	}
}
