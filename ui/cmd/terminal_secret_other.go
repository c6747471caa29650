//go:build !(aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || zos)

package cmd

import (
	"strings"

	"github.com/charmbracelet/x/term"

	"argos-migrate/apiclient/i18n"
)

// readSecret reads one line from the console without echo. On Windows the
// console's own password read is used; it does not end before Enter.
func (t *terminalInput) readSecret() (string, error) {
	b, err := term.ReadPassword(t.file.Fd())
	if err != nil {
		return "", i18n.Errorf("commands.terminal.key", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
