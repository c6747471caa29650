//go:build !(aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || zos)

package cmd

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/term"
)

// readSecret reads one line from the console without echo. On Windows the
// console's own password read is used; it does not end before Enter.
func (t *terminalInput) readSecret() (string, error) {
	b, err := term.ReadPassword(t.file.Fd())
	if err != nil {
		return "", fmt.Errorf("reading the key: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
