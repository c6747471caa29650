package cmd

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/keyring/envkey"
	"argos-migrate/apiclient/settings"

	"github.com/charmbracelet/x/term"
)

// IOStreams are the program's standard streams with what it knows of them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // results only: a submission id, or JSON
	ErrOut io.Writer // everything a person reads
	InTTY  bool
	OutTTY bool
	ErrTTY bool
}

// SystemIO returns the process's own streams.
func SystemIO() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: &resultWriter{w: os.Stdout}, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
	}
}

// Factory carries the dependencies every command shares, so tests can swap
// them.
type Factory struct {
	IO         *IOStreams
	Version    string
	Now        func() time.Time
	Getenv     func(string) string
	HTTPClient *http.Client
	// Keyring returns the store of API keys; tests swap in go-keyring's
	// mock or a fake.
	Keyring func() keyring.Store
	// ConfigDir returns the folder of the settings file.
	ConfigDir func() (string, error)
	// Language is the run's language and why (SetUpLanguage).
	Language i18n.Choice

	jsonWritten bool // submit, image or import --json has written its (last) object (output.go)
}

// NewFactory returns the dependencies of a real run.
func NewFactory(version string) *Factory {
	f := &Factory{
		IO:         SystemIO(),
		Version:    version,
		Now:        time.Now,
		Getenv:     envkey.Getenv,
		HTTPClient: apiclient.NewHTTPClient(),
	}
	// One keyring for the run: once it has timed out it is not waited on
	// again, whoever asks.
	kr := NewKeyring(f.IO)
	f.Keyring = func() keyring.Store { return kr }
	f.ConfigDir = func() (string, error) { return settings.ConfigDir(f.Getenv) }
	return f
}

// NewKeyring is the OS keyring with a notice on stderr when it is slow to
// answer (usually because it waits to be unlocked). It never starts a D-Bus
// session bus: without one it answers "no OS keyring" at once.
func NewKeyring(io *IOStreams) *keyring.Keyring {
	return &keyring.Keyring{Bus: keyring.SessionBus, OnWait: func(string) {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.keyring.waiting"))
	}}
}

// ConfigPath is the settings file's path.
func (f *Factory) ConfigPath() (string, error) {
	dir, err := f.ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, settings.ConfigFileName), nil
}

// LoadConfig reads the settings file (empty when there is none yet).
func (f *Factory) LoadConfig() (*settings.Config, string, error) {
	path, err := f.ConfigPath()
	if err != nil {
		return nil, "", err
	}
	c, err := settings.LoadConfig(path)
	return c, path, err
}

// UserAgent names the program and its version in requests.
func (f *Factory) UserAgent() string { return "argos-migrate/" + f.Version }
