// Package envkey takes API keys out of the process environment as the
// program starts, before any other package of the program is initialised,
// so that no child process can inherit them: not one the program starts,
// nor one a library starts on its own (godbus's dbus-launch, the colour
// detection's `tmux info`, a clipboard tool on paste, macOS's
// /usr/bin/security for the keychain, an editor). Getenv still hands them to
// the program.
//
// It imports nothing but the standard library's os and strings: Go
// initialises packages in the order of their import paths once their own
// imports are done, and "argos-migrate/..." sorts before every module that
// could start a process at initialisation (lipgloss runs `tmux info` then).
package envkey

import (
	"os"
	"strings"
)

// taken holds the variables removed from the environment, by name.
var taken = map[string]string{}

func init() {
	for _, kv := range os.Environ() {
		name, value, ok := strings.Cut(kv, "=")
		if ok && Secret(name) {
			taken[name] = value
			_ = os.Unsetenv(name)
		}
	}
}

// Secret reports whether an environment variable holds a secret of
// argos-migrate's: ARGOS_API_KEY, ARGOS_SANDBOX_KEY, and any other ARGOS_
// variable with a word (between underscores) that names a key, secret,
// token or password. A word that only starts so (KEYRING) is not one.
func Secret(name string) bool {
	n := strings.ToUpper(name)
	if !strings.HasPrefix(n, "ARGOS_") {
		return false
	}
	for _, w := range strings.Split(n, "_") {
		switch w {
		case "KEY", "APIKEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD":
			return true
		}
	}
	return false
}

// Getenv is os.Getenv that also returns the secrets taken out at start. A
// variable set again in this process (a test's t.Setenv) wins.
func Getenv(name string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return taken[name]
}
