package cmd

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"

	gokeyring "github.com/zalando/go-keyring"
)

// testFactory returns a Factory over buffers with a fixed clock, go-keyring's
// in-memory mock and a temp settings folder; env is the whole environment.
func testFactory(tb testing.TB, env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	tb.Helper()
	gokeyring.MockInit()
	dir := tb.TempDir()
	env = isolated(tb, env)
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:         &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Version:    "test",
		Now:        func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
		Getenv:     func(k string) string { return env[k] },
		HTTPClient: &http.Client{},
		Keyring:    func() keyring.Store { return &keyring.Keyring{} },
		ConfigDir:  func() (string, error) { return dir, nil },
	}
	return f, &out, &errOut
}

// isolated is env with HOME and the state folder in the test's temp dir
// unless env sets them: drafts must never land in the real home folder.
func isolated(tb testing.TB, env map[string]string) map[string]string {
	out := map[string]string{"HOME": tb.TempDir(), "XDG_STATE_HOME": tb.TempDir()}
	for k, v := range env {
		out[k] = v
	}
	return out
}

// testEnv is a Factory over buffers, a temp settings folder and a given
// keyring, plus the environment it reads.
type testEnv struct {
	f      *Factory
	g      *GlobalOptions
	env    map[string]string
	out    *bytes.Buffer
	errOut *bytes.Buffer
	dir    string
}

// newTestEnv uses go-keyring's in-memory mock unless store is given.
func newTestEnv(t testing.TB, store keyring.Store, stdin string) *testEnv {
	t.Helper()
	te := &testEnv{env: isolated(t, nil), out: &bytes.Buffer{}, errOut: &bytes.Buffer{}, dir: t.TempDir()}
	if store == nil {
		gokeyring.MockInit()
		store = &keyring.Keyring{}
	}
	te.f = &Factory{
		IO:         &IOStreams{In: strings.NewReader(stdin), Out: te.out, ErrOut: te.errOut},
		Version:    "test",
		Now:        time.Now,
		Getenv:     func(k string) string { return te.env[k] },
		HTTPClient: &http.Client{},
		Keyring:    func() keyring.Store { return store },
		ConfigDir:  func() (string, error) { return te.dir, nil },
	}
	te.g = &GlobalOptions{Timeout: 5 * time.Second}
	return te
}

func (te *testEnv) config(t testing.TB) *settings.Config {
	t.Helper()
	c, _, err := te.f.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
