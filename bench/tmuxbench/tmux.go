package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"

	"argos-migrate/ui/termtest"
)

// server is a private tmux server (termtest's, as the end-to-end tests
// use) with one session.
type server struct {
	*termtest.Tmux
	session string
}

// startServer starts a tmux server whose one pane is w×h and stays on screen
// after its program exits, so that a program that prints and exits (the
// printf baseline) can be respawned like the others.
func startServer(w, h int) (*server, error) {
	t, name, err := termtest.NewTmux(append(os.Environ(), "TERM=xterm-256color"), "", w, h, "", "exec sleep 100000")
	if err != nil {
		return nil, err
	}
	s := &server{Tmux: t, session: name}
	// The control client must not resize the window to its own default.
	for _, opt := range [][]string{
		{"set-option", "-g", "window-size", "manual"},
		{"set-option", "-g", "remain-on-exit", "on"},
		{"resize-window", "-t", s.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)},
	} {
		if _, err := s.run(opt...); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// run runs one tmux command against the server and returns its output.
func (s *server) run(args ...string) (string, error) { return s.Command("", args...) }

// capture is the pane's text as a person sees it.
func (s *server) capture() string {
	out, _ := s.run("capture-pane", "-p", "-t", s.session)
	return out
}

// respawn kills the pane's program and starts argv, without a shell, in
// its place.
func (s *server) respawn(argv ...string) error {
	_, err := s.run(append([]string{"respawn-pane", "-k", "-t", s.session}, argv...)...)
	return err
}

// control is a tmux control-mode client: it sends commands on stdin and
// reports every byte a pane writes, as the server receives it, through
// %output notifications; so the time a program's text reaches the terminal
// is known without polling the screen.
type control struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	output chan chunk
	ready  chan struct{} // closed once the client is attached to the session
	exited atomic.Value  // the server's %exit line, once it has gone
}

// chunk is some output of the pane and when the control client read it.
type chunk struct {
	at   time.Time
	text string
}

func (s *server) attachControl() (*control, error) {
	cmd := exec.Command("tmux", "-S", s.Socket(), "-C", "attach-session", "-t", s.session)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &control{cmd: cmd, stdin: in, output: make(chan chunk, 4096), ready: make(chan struct{})}
	go c.read(out)
	select {
	case <-c.ready:
		return c, nil
	case <-time.After(5 * time.Second):
		c.close()
		return nil, fmt.Errorf("the control client did not attach")
	}
}

func (c *control) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	attached := false
	for sc.Scan() {
		at := time.Now()
		line := sc.Text()
		if os.Getenv("TMUXBENCH_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "ctl %s: %.300s\n", at.Format("05.000000"), line)
		}
		if strings.HasPrefix(line, "%exit") {
			c.exited.Store(line)
		}
		if !attached && strings.HasPrefix(line, "%session-changed ") {
			attached = true
			close(c.ready)
		}
		if !strings.HasPrefix(line, "%output ") {
			continue
		}
		// %output %<pane-id> <data, with bytes below space and \ in octal>
		rest := line[len("%output "):]
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			c.output <- chunk{at: at, text: unescape(rest[i+1:])}
		}
	}
	close(c.output)
}

// gone returns the server's %exit line once the server has ended under
// the control client, or "".
func (c *control) gone() string {
	s, _ := c.exited.Load().(string)
	return s
}

// send writes one command line to the control client.
func (c *control) send(line string) error {
	_, err := io.WriteString(c.stdin, line+"\n")
	return err
}

// quiet discards output until none has come for gap (or for at most limit).
func (c *control) quiet(gap, limit time.Duration) {
	end := time.After(limit)
	for {
		select {
		case <-c.output:
		case <-time.After(gap):
			return
		case <-end:
			return
		}
	}
}

// waitFor reads output until want is in what arrived since the call and
// returns when the chunk that completed it was read.
func (c *control) waitFor(want string, limit time.Duration) (time.Time, string, error) {
	var seen strings.Builder
	end := time.After(limit)
	for {
		select {
		case ch, ok := <-c.output:
			if !ok {
				return time.Time{}, seen.String(), fmt.Errorf("control client ended before %q", want)
			}
			seen.WriteString(ch.text)
			if strings.Contains(seen.String(), want) {
				return ch.at, seen.String(), nil
			}
		case <-end:
			return time.Time{}, seen.String(), fmt.Errorf("no %q within %s", want, limit)
		}
	}
}

func (c *control) close() {
	_ = c.stdin.Close()
	_ = c.cmd.Wait()
}

// unescape undoes control mode's octal escapes (\ooo).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
