package cmd

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
)

func storedKey(t testing.TB, profile string) (string, error) {
	t.Helper()
	return gokeyring.Get(keyring.Service, profile)
}

func TestLoginFromStdinChecksAndStores(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	te := newTestEnv(t, nil, "  "+sandbox.Key+"\n")
	te.g.Profile, te.g.APIURL = "local", sb.URL
	if err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatalf("login: %v\n%s", err, te.errOut)
	}
	if got, err := storedKey(t, "local"); err != nil || got != sandbox.Key {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	if p := te.config(t).Profiles["local"]; p.APIURL != sb.URL {
		t.Fatalf("profile settings %+v, want the API URL saved", p)
	}
	msg := te.errOut.String()
	for _, want := range []string{"accepted the key", `profile "local"`, "sand••••"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg+te.out.String(), sandbox.Key) {
		t.Error("the key was printed")
	}
	if len(sb.Records()) != 0 {
		t.Error("the key check created a record")
	}
}

func TestLoginRefusedKeyIsNotStored(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	te := newTestEnv(t, nil, "wrong-key-0123456789\n")
	te.g.APIURL = sb.URL
	err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g})
	var apiErr *apiclient.APIError
	if !errors.Is(err, apiclient.ErrKeyRefused) || !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Fatalf("err = %v, want a refused key", err)
	}
	if _, err := storedKey(t, settings.DefaultProfile); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("a refused key was stored (%v)", err)
	}
	if len(te.config(t).Profiles) != 0 {
		t.Error("a refused login wrote settings")
	}
}

func TestLoginUncheckedKeyIsStoredWithAWarning(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	te := newTestEnv(t, nil, "k-unchecked-123456\n")
	te.g.APIURL = url
	if err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	if got, _ := storedKey(t, settings.DefaultProfile); got != "k-unchecked-123456" {
		t.Fatalf("stored %q", got)
	}
	if !strings.Contains(te.errOut.String(), "NOT checked") {
		t.Errorf("stderr does not say the key was not checked:\n%s", te.errOut)
	}
}

func TestLoginPromptsOnATerminal(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	te := newTestEnv(t, nil, "")
	te.f.IO.InTTY = true
	te.g.APIURL = sb.URL
	te.env[EnvProfile] = "acme"
	var asked string
	prompt := func(_ context.Context, _ *IOStreams, profile string) (string, error) {
		asked = profile
		return sandbox.Key + " ", nil
	}
	if err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g, Prompt: prompt}); err != nil {
		t.Fatal(err)
	}
	if asked != "acme" {
		t.Errorf("prompted for profile %q, want acme (from %s)", asked, EnvProfile)
	}
	if got, _ := storedKey(t, "acme"); got != sandbox.Key {
		t.Fatalf("stored %q", got)
	}
}

func TestLoginRefusesBadInput(t *testing.T) {
	for name, stdin := range map[string]string{
		"empty":        "\n",
		"inner spaces": "two words\n",
		"too long":     strings.Repeat("k", 5000),
	} {
		t.Run(name, func(t *testing.T) {
			te := newTestEnv(t, nil, stdin)
			err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g})
			if !errors.Is(err, ErrUsage) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if strings.Contains(err.Error(), "two words") {
				t.Error("the key text was echoed in the error")
			}
		})
	}
	te := newTestEnv(t, nil, "k")
	te.g.Profile = "bad name"
	if err := loginRun(context.Background(), &LoginOptions{Factory: te.f, Globals: te.g}); !errors.Is(err, ErrUsage) {
		t.Fatalf("bad profile name: %v", err)
	}
}

func TestStatusListsProfiles(t *testing.T) {
	te := newTestEnv(t, nil, "")
	ctx := context.Background()
	store := te.f.Keyring()
	if err := store.Set(ctx, "acme", "acme-key-0123456789"); err != nil {
		t.Fatal(err)
	}
	if err := rememberProfile(te.f, "acme", func(p *settings.Profile) { p.APIURL = "https://eu.example.com" }); err != nil {
		t.Fatal(err)
	}
	if err := rememberProfile(te.f, "beta", nil); err != nil {
		t.Fatal(err)
	}
	te.env[EnvProfile] = "acme"
	if err := statusRun(ctx, &StatusOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	out := te.out.String()
	for _, want := range []string{
		"acme (selected)", "https://eu.example.com", "acme•••• in the OS keyring",
		"beta\n", "none stored (argos-migrate auth login --profile beta)",
		"OS keyring: answered",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "acme-key") || strings.Contains(out, EnvAPIKey+" is set") {
		t.Errorf("status shows too much:\n%s", out)
	}

	// The environment's key overrides, and status says so.
	te.out.Reset()
	te.env[EnvAPIKey] = "envk-0123456789"
	if err := statusRun(ctx, &StatusOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	out = te.out.String()
	for _, want := range []string{"overridden by " + EnvAPIKey, EnvAPIKey + " is set (envk••••): it overrides"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "envk-0") {
		t.Errorf("status shows the environment's key:\n%s", out)
	}
}

func TestStatusWithALockedKeyring(t *testing.T) {
	te := newTestEnv(t, nil, "")
	gokeyring.MockInitWithError(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'"))
	defer gokeyring.MockInit()
	err := statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g})
	if !errors.Is(err, keyring.ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	out := te.out.String()
	for _, want := range []string{"Key:      unknown: the OS keyring is locked", "OS keyring: the OS keyring is locked (failed to unlock"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	for _, wrong := range []string{"no OS keyring", "start a Secret Service"} {
		if strings.Contains(out, wrong) {
			t.Errorf("status calls a locked keyring %q:\n%s", wrong, out)
		}
	}
	var nk *NoKeyError
	if !errors.As(err, &nk) || !strings.HasPrefix(nk.Explain(), keyring.UnlockAdvice()) {
		t.Errorf("the next step for a locked keyring is not to unlock it: %v", err)
	}
}

func TestStatusWithoutAKeyring(t *testing.T) {
	te := newTestEnv(t, nil, "")
	gokeyring.MockInitWithError(errors.New("dbus: no session bus"))
	defer gokeyring.MockInit()
	err := statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g})
	if !errors.Is(err, apiclient.ErrNoKey) || !errors.Is(err, keyring.ErrNoKeyring) {
		t.Fatalf("err = %v, want ErrNoKey and ErrNoKeyring", err)
	}
	out := te.out.String()
	if !strings.Contains(out, "OS keyring: no OS keyring answered (dbus: no session bus).") || !strings.Contains(out, "Key:      unknown: no OS keyring answered") {
		t.Errorf("status does not say the keyring is missing:\n%s", out)
	}
	// With the environment's key, the selected profile is usable.
	te.env[EnvAPIKey] = "envk-0123456789"
	if err := statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatalf("with %s: %v", EnvAPIKey, err)
	}
}

func TestLogout(t *testing.T) {
	te := newTestEnv(t, nil, "")
	ctx := context.Background()
	te.g.Profile = "acme"
	t1 := &Target{Profile: "acme", URL: apiclient.DefaultBaseURL}
	if _, err := t1.StoreKey(ctx, te.f, "acme-key-0123456789"); err != nil {
		t.Fatal(err)
	}
	if _, ok := te.config(t).Profiles["acme"]; !ok {
		t.Fatal("StoreKey did not record the profile")
	}
	if err := logoutRun(ctx, &LogoutOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	if _, err := storedKey(t, "acme"); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("key still stored (%v)", err)
	}
	if _, ok := te.config(t).Profiles["acme"]; ok {
		t.Error("an empty profile stayed in the settings")
	}
	if !strings.Contains(te.errOut.String(), "Removed the key") {
		t.Errorf("stderr: %s", te.errOut)
	}
	te.errOut.Reset()
	if err := logoutRun(ctx, &LogoutOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatalf("second logout: %v", err)
	}
	if !strings.Contains(te.errOut.String(), "No key was stored") {
		t.Errorf("stderr: %s", te.errOut)
	}
}

func TestLogoutKeepsProfileSettings(t *testing.T) {
	te := newTestEnv(t, nil, "")
	ctx := context.Background()
	if err := rememberProfile(te.f, "default", func(p *settings.Profile) { p.APIURL = "https://eu.example.com" }); err != nil {
		t.Fatal(err)
	}
	if err := logoutRun(ctx, &LogoutOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	if p := te.config(t).Profiles["default"]; p.APIURL != "https://eu.example.com" {
		t.Fatalf("settings lost: %+v", p)
	}
}

// A settings file edited by hand can hold any profile name and URL: status
// shows them as text.
func TestStatusShowsEditedSettingsAsText(t *testing.T) {
	te := newTestEnv(t, nil, "")
	path := filepath.Join(te.dir, settings.ConfigFileName)
	settings := `{"profiles":{"evil\u001b]0;pwned\u0007":{"apiUrl":"https://x.example/\u001b[2J"},"ok":{"apiUrl":"https://a\u009b2J.example"}}}`
	if err := os.WriteFile(path, []byte(settings), 0o600); err != nil {
		t.Fatal(err)
	}
	te.env[EnvProfile] = "ok"
	_ = statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g})
	out := te.out.String()
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, '\a') || strings.ContainsRune(out, 0x9b) {
		t.Fatalf("status printed a raw escape:\n%q", out)
	}
	for _, want := range []string{"evil␛]0;pwned␇ (not a valid profile name", "https://x.example/␛[2J", "https://a�2J.example"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
