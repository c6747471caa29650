//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || zos

package cmd

import (
	"fmt"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// readSecret reads one line from the terminal without echo, through t so
// that Stop ends it; the echo comes back when it returns (and, whatever
// happens to this read, when t stops).
func (t *terminalInput) readSecret() (string, error) {
	fd := t.file.Fd()
	st, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("reading the key: %w", err)
	}
	quiet := *st
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ICANON | unix.ISIG
	quiet.Iflag |= unix.ICRNL
	if err := term.SetState(fd, &quiet); err != nil {
		return "", fmt.Errorf("reading the key: %w", err)
	}
	defer term.Restore(fd, st) //nolint:errcheck // best effort; Stop restores too
	line, err := readLine(t)
	if err != nil {
		return "", fmt.Errorf("reading the key: %w", err)
	}
	return line, nil
}
