package cmd

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"argos-migrate/apiclient"
)

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
func newTestEnv(t testing.TB, store apiclient.KeyStore, stdin string) *testEnv {
	t.Helper()
	te := &testEnv{env: map[string]string{}, out: &bytes.Buffer{}, errOut: &bytes.Buffer{}, dir: t.TempDir()}
	if store == nil {
		keyring.MockInit()
		store = &apiclient.Keyring{}
	}
	te.f = &Factory{
		IO:         &IOStreams{In: strings.NewReader(stdin), Out: te.out, ErrOut: te.errOut},
		Version:    "test",
		Now:        time.Now,
		Getenv:     func(k string) string { return te.env[k] },
		HTTPClient: &http.Client{},
		Keyring:    func() apiclient.KeyStore { return store },
		ConfigDir:  func() (string, error) { return te.dir, nil },
	}
	te.g = &GlobalOptions{Timeout: 5 * time.Second}
	return te
}

func (te *testEnv) config(t testing.TB) *apiclient.Config {
	t.Helper()
	c, _, err := te.f.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
