package termtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Tmux is a private tmux server: its socket in a temp folder of its own,
// no user configuration, and the environment it was started with as the
// environment of every program in it. Its methods return errors, so a
// program (bench/tmuxbench) can use it as well as a test (Pane).
type Tmux struct {
	dir    string // holds the socket; short, for the socket path's limit
	socket string
	env    []string
}

// sessions numbers the sessions of this process, so that every session
// name is unique.
var sessions atomic.Int64

// NewTmux starts a server with one detached session, width×height, in
// folder dir (the caller's when empty), with env as its whole environment,
// and returns the server and the session's name. The session runs command:
// one argument is a command line for tmux's shell; more are a program and
// its arguments, run without a shell. The programs see TERM=term, or tmux's
// default when term is empty.
func NewTmux(env []string, term string, width, height int, dir string, command ...string) (*Tmux, string, error) {
	tmp, err := os.MkdirTemp("", "termtest")
	if err != nil {
		return nil, "", err
	}
	t := &Tmux{dir: tmp, socket: filepath.Join(tmp, "tmux.sock"), env: env}
	name := fmt.Sprintf("t%d-%d", os.Getpid(), sessions.Add(1))
	args := []string{"-f", "/dev/null", "start-server", ";"}
	if term != "" {
		// tmux sets every pane's TERM from this option, whatever the
		// environment says.
		args = append(args, "set-option", "-g", "default-terminal", term, ";")
	}
	args = append(args, "new-session", "-d", "-s", name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
	if dir != "" {
		args = append(args, "-c", dir)
	}
	if _, err := t.Command("", append(args, command...)...); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, "", err
	}
	return t, name, nil
}

// Socket is the server's socket, for a client started by hand (tmux -S).
func (t *Tmux) Socket() string { return t.socket }

// Command runs one tmux command against the server, with stdin as its
// standard input, and returns what it printed.
func (t *Tmux) Command(stdin string, args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-S", t.socket}, args...)...)
	cmd.Env = t.env
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// Close ends the server, which hangs up every pane, and waits (a few
// seconds at most) for the panes' programs to finish: a wizard saves its
// draft when its terminal closes, and that must happen before the test's
// folders go.
func (t *Tmux) Close() {
	pids := t.paneProcesses()
	_, _ = t.Command("", "kill-server")
	Poll(5*time.Second, func() bool {
		for _, pid := range pids {
			if running(pid) {
				return false
			}
		}
		return true
	})
	_ = os.RemoveAll(t.dir)
}

// paneProcesses lists every pane's program and its children.
func (t *Tmux) paneProcesses() []int {
	out, err := t.Command("", "list-panes", "-a", "-F", "#{pane_pid}")
	if err != nil {
		return nil
	}
	var pids []int
	for _, f := range strings.Fields(out) {
		if pid, err := strconv.Atoi(f); err == nil {
			pids = append(pids, pid)
			pids = append(pids, children(pid)...)
		}
	}
	return pids
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	out, _ := exec.Command("pgrep", "-P", strconv.Itoa(pid)).Output()
	var pids []int
	for _, f := range strings.Fields(string(out)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// running says whether pid is a live process. A zombie is not: it has
// ended, and only waits for a parent (here often a slow init, once the
// tmux server has gone) to reap it.
func running(pid int) bool {
	if stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		// "pid (command) state …": the state follows the last ')'.
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
			return stat[i+2] != 'Z'
		}
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}
