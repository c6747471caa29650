package cmd

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/cancelreader"

	"argos-migrate/apiclient/i18n"
)

// terminalInput is stdin on a terminal, read so that a read waiting for a
// line ends when the run does (ctrl+c, SIGTERM, SIGHUP). A read left
// waiting would keep taking what is typed, and the answer the terminal
// gives to the queries made on the way out (the background colour), and
// hang the program until Enter. Stop ends every read and gives the terminal
// back in the state it was found (echo on after the key prompt).
type terminalInput struct {
	r     cancelreader.CancelReader
	file  *os.File
	saved *term.State // the terminal's state when the run began
	reads sync.WaitGroup
	once  sync.Once
}

// newTerminalInput wraps stdin when it is a terminal; nil otherwise (a pipe
// or a file ends by itself).
func newTerminalInput(s *IOStreams) *terminalInput {
	file, ok := s.In.(*os.File)
	if !s.InTTY || !ok {
		return nil
	}
	r, err := cancelreader.NewReader(file)
	if err != nil {
		return nil
	}
	t := &terminalInput{r: r, file: file}
	t.saved, _ = term.GetState(file.Fd())
	return t
}

// Read reads what the terminal has, at most a line in its normal (canonical)
// mode; once stopped it fails with cancelreader.ErrCanceled.
func (t *terminalInput) Read(p []byte) (int, error) {
	t.reads.Add(1)
	defer t.reads.Done()
	return t.r.Read(p)
}

// stopWait bounds how long Stop waits for a read to notice.
const stopWait = time.Second

// Stop ends the read in flight, if any, waits for it to return, and
// restores the terminal's state. Later calls do nothing.
func (t *terminalInput) Stop() {
	if t != nil {
		t.once.Do(t.stop)
	}
}

func (t *terminalInput) stop() {
	t.r.Cancel()
	done := make(chan struct{})
	go func() { t.reads.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(stopWait):
	}
	_ = t.r.Close()
	if t.saved != nil {
		_ = term.Restore(t.file.Fd(), t.saved)
	}
}

// readLine reads up to a newline from r, dropping "\n" or "\r\n". A
// terminal in its normal mode hands over one line per read, so nothing
// typed ahead for a later question is taken.
func readLine(r io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1024)
	for {
		n, err := r.Read(buf)
		b.Write(buf[:n])
		if i := strings.IndexByte(b.String(), '\n'); i >= 0 {
			return strings.TrimSuffix(b.String()[:i], "\r"), nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) && b.Len() > 0 {
				return b.String(), nil
			}
			return "", err
		}
	}
}

// readTerminalLine asks the terminal for one line, giving up when ctx ends.
func readTerminalLine(ctx context.Context, s *IOStreams) (string, error) {
	t := newTerminalInput(s)
	if t == nil {
		return "", i18n.Errorf("commands.terminal.none")
	}
	defer t.Stop()
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := readLine(t)
		ch <- result{line, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-ch:
		return r.line, r.err
	}
}
