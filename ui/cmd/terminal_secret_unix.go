//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || zos

package cmd

import (
	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"

	"argos-migrate/apiclient/i18n"
)

// readSecret reads one line from the terminal without echo, through t so
// that Stop ends it; the echo comes back when it returns (and, whatever
// happens to this read, when t stops).
func (t *terminalInput) readSecret() (string, error) {
	fd := t.file.Fd()
	st, err := term.GetState(fd)
	if err != nil {
		return "", i18n.Errorf("commands.terminal.key", err)
	}
	quiet := *st
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ICANON | unix.ISIG
	quiet.Iflag |= unix.ICRNL
	if err := term.SetState(fd, &quiet); err != nil {
		return "", i18n.Errorf("commands.terminal.key", err)
	}
	defer term.Restore(fd, st) //nolint:errcheck // best effort; Stop restores too
	line, err := readLine(t)
	if err != nil {
		return "", i18n.Errorf("commands.terminal.key", err)
	}
	return line, nil
}
