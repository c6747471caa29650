package termtest

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Options say how a pane is started.
type Options struct {
	// Width and Height are the terminal's size; 100×30 when zero.
	Width, Height int
	// BaseEnv is the environment to start from; the test process's own
	// when nil.
	BaseEnv []string
	// Env sets variables (KEY=VALUE) for the pane's program, over BaseEnv.
	// XDG_STATE_HOME is a fresh folder of the test's unless Env or BaseEnv
	// sets it (the test process's own value does not count), so two
	// wizards of one test never meet over a draft lock.
	Env []string
	// Unset removes variables from the program's environment.
	Unset []string
	// Dir is the program's working folder; the test's when empty.
	Dir string
	// StdinFile is, for Run, a file the program reads as its standard
	// input instead of the terminal.
	StdinFile string
	// TerminalStdout leaves, for Run, the program's stdout on the
	// terminal, where a person would read it (help sized to the window,
	// a transcript); Stdout and Output then have nothing.
	TerminalStdout bool
}

// Pane is one program in a detached tmux session, on a server of its own
// that the test's cleanup ends.
type Pane struct {
	tb     testing.TB
	tmux   *Tmux
	name   string
	raw    string // where Record copies the pane's output
	run    bool   // started by Run: Wait can say how the program ended
	stdout string // the program's stdout, for Run's panes
}

// exited is the start of the pane title Run's shell sets once the program
// has ended, followed by its exit code. The title goes through the
// terminal after everything the program wrote, so once tmux shows it, the
// screen holds the program's last words too.
const exited = "termtest-exit="

// Start runs command in a new pane: one argument is a command line for
// tmux's shell; more are a program and its arguments, run without a shell
// (the only way a variable such as PS1 reaches the program as given: a
// shell in between may change it).
func Start(tb testing.TB, o Options, command ...string) *Pane {
	tb.Helper()
	env, given := o.BaseEnv, append(slices.Clip(o.BaseEnv), o.Env...)
	if env == nil {
		env = os.Environ()
	}
	set := slices.Clip(o.Env)
	if !slices.ContainsFunc(given, func(kv string) bool { return strings.HasPrefix(kv, "XDG_STATE_HOME=") }) {
		set = append([]string{"XDG_STATE_HOME=" + tb.TempDir()}, set...)
	}
	// The screens tests expect are English and measured with narrow
	// ambiguous-width characters, whatever the developer's own locale,
	// unless the test asks otherwise.
	for _, kv := range []string{"ARGOS_LANG=en", "RUNEWIDTH_EASTASIAN=0"} {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.ContainsFunc(given, func(g string) bool { return strings.HasPrefix(g, name+"=") }) {
			set = append([]string{kv}, set...)
		}
	}
	// Record's copy of the output goes to a file named in the server's
	// environment, which its pipe command sees: nothing to quote.
	raw := filepath.Join(tb.TempDir(), "raw")
	set = append(set, "TERMTEST_RAW="+raw)
	env = setEnv(env, set, o.Unset)
	w, h := o.Width, o.Height
	if w == 0 || h == 0 {
		w, h = 100, 30
	}
	// TERM set in Env is the one the program sees; otherwise tmux's own.
	term := ""
	for _, kv := range o.Env {
		if v, ok := strings.CutPrefix(kv, "TERM="); ok {
			term = v
		}
	}
	t, name, err := NewTmux(env, term, w, h, o.Dir, command...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(t.Close)
	return &Pane{tb: tb, tmux: t, name: name, raw: raw}
}

// Run starts argv (a program and its arguments) in a new pane with its
// stdout going to a file (Stdout) and its exit code kept (Wait). The
// pane's shell stays after the program ends, so its last screen can still
// be read.
func Run(tb testing.TB, o Options, argv ...string) *Pane {
	tb.Helper()
	stdout := filepath.Join(tb.TempDir(), "stdout")
	redirect := ` >"$out"`
	if o.TerminalStdout {
		redirect = ""
	}
	if o.StdinFile != "" {
		redirect += ` <"$in"`
	}
	// The paths and argv reach sh as arguments: nothing is quoted. ctrl+c
	// on a terminal in cooked mode signals the shell as well as the
	// program: the trap keeps the shell (and so the pane) alive to report
	// how the program ended, and, being a command, is not inherited.
	script := `trap : INT; out=$1 in=$2; shift 2; "$@"` + redirect + `; printf '\033]2;` + exited + `%d\033\\' "$?"; exec sleep 600`
	p := Start(tb, o, append([]string{"sh", "-c", script, "sh", stdout, o.StdinFile}, argv...)...)
	p.run = true
	if !o.TerminalStdout {
		p.stdout = stdout
	}
	return p
}

// Tmux runs one tmux command against the pane's server and returns what it
// printed; the test fails if tmux does.
func (p *Pane) Tmux(args ...string) string {
	p.tb.Helper()
	out, err := p.tmux.Command("", args...)
	if err != nil {
		p.tb.Fatal(err)
	}
	return out
}

// Screen is the pane's text as a person sees it.
func (p *Pane) Screen() string { return p.Tmux("capture-pane", "-p", "-t", p.name) }

// ScreenWithAttrs is the pane's text with its colours and attributes as
// escape sequences.
func (p *Pane) ScreenWithAttrs() string { return p.Tmux("capture-pane", "-e", "-p", "-t", p.name) }

// Display expands a tmux format (such as "#{alternate_on}") for the pane.
func (p *Pane) Display(format string) string {
	return strings.TrimSpace(p.Tmux("display-message", "-p", "-t", p.name, format))
}

// WaitFor polls the pane until every want is on it and returns the screen.
func (p *Pane) WaitFor(want ...string) string {
	p.tb.Helper()
	return WaitFor(p.tb, p.Screen, want...)
}

// Type types text as it is, character by character.
func (p *Pane) Type(text string) {
	p.tb.Helper()
	if text != "" {
		p.Tmux("send-keys", "-t", p.name, "-l", text)
	}
}

// Keys presses keys, by tmux's names ("Enter", "Down", "C-u"); a word that
// names no key is typed. All of them go in one tmux command, as fast as a
// paste.
func (p *Pane) Keys(keys ...string) {
	p.tb.Helper()
	p.Tmux(append([]string{"send-keys", "-t", p.name}, keys...)...)
}

// Paste pastes text as a terminal does (bracketed), through tmux's paste
// buffer fed on stdin, so that no tmux command holds it in its arguments.
func (p *Pane) Paste(text string) {
	p.tb.Helper()
	if text == "" {
		return
	}
	if _, err := p.tmux.Command(text, "load-buffer", "-b", "termtest", "-"); err != nil {
		p.tb.Fatal(err)
	}
	p.Tmux("paste-buffer", "-p", "-d", "-b", "termtest", "-t", p.name)
}

// Record starts copying every byte the pane's programs write from now on,
// escape sequences included, for Raw.
func (p *Pane) Record() {
	p.tb.Helper()
	p.Tmux("pipe-pane", "-o", "-t", p.name, `exec cat >>"$TERMTEST_RAW"`)
}

// Raw is what the pane's programs have written since Record, as written:
// what the terminal was sent, not what it shows.
func (p *Pane) Raw() string {
	b, _ := os.ReadFile(p.raw)
	return string(b)
}

// PID is the process of the program Run started (the child of the pane's
// shell).
func (p *Pane) PID() int {
	p.tb.Helper()
	shell, err := strconv.Atoi(p.Display("#{pane_pid}"))
	if err != nil {
		p.tb.Fatalf("the pane's process: %v", err)
	}
	var kids []int
	if !Poll(Limit, func() bool { kids = children(shell); return len(kids) > 0 }) {
		p.tb.Fatalf("no program runs under the pane's shell %d", shell)
	}
	return kids[0]
}

// Signal sends sig to the program Run started.
func (p *Pane) Signal(sig os.Signal) {
	p.tb.Helper()
	proc, err := os.FindProcess(p.PID())
	if err == nil {
		err = proc.Signal(sig)
	}
	if err != nil {
		p.tb.Fatalf("signalling the program: %v", err)
	}
}

// Hangup closes the terminal: the pane's programs get SIGHUP, as when a
// person closes the window.
func (p *Pane) Hangup() {
	p.tb.Helper()
	p.Tmux("kill-server")
}

// Wait waits for the program Run started to end and returns its exit
// code. By then the screen shows everything the program wrote.
func (p *Pane) Wait() int {
	p.tb.Helper()
	if !p.run {
		p.tb.Fatal("Wait is for a pane started with Run")
	}
	var code string
	if !Poll(Limit, func() bool {
		var ok bool
		code, ok = strings.CutPrefix(p.Display("#{pane_title}"), exited)
		return ok
	}) {
		p.tb.Fatalf("the program did not exit; the pane shows:\n%s", p.Screen())
	}
	n, err := strconv.Atoi(code)
	if err != nil {
		p.tb.Fatalf("exit status %q: %v", code, err)
	}
	return n
}

// Stdout waits for the program Run started to end with exit code 0 and
// returns what it printed on stdout.
func (p *Pane) Stdout() string {
	p.tb.Helper()
	if code := p.Wait(); code != 0 {
		p.tb.Fatalf("the program exited with %d; the pane shows:\n%s", code, p.Screen())
	}
	if p.stdout == "" {
		p.tb.Fatal("Stdout is for a pane started with Run, its stdout not on the terminal")
	}
	out, err := os.ReadFile(p.stdout)
	if err != nil {
		p.tb.Fatal(err)
	}
	return string(out)
}

// Output is what the program Run started has printed on stdout so far.
func (p *Pane) Output() string {
	if p.stdout == "" {
		return ""
	}
	out, _ := os.ReadFile(p.stdout)
	return string(out)
}

// Resize changes the size of the pane's window, as dragging a terminal's
// corner does.
func (p *Pane) Resize(width, height int) {
	p.tb.Helper()
	p.Tmux("resize-window", "-t", p.name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
}

// Transcript is everything the pane has shown, its scrollback included,
// with each line as the program wrote it (not cut at the window's width).
func (p *Pane) Transcript() string {
	return p.Tmux("capture-pane", "-p", "-J", "-S", "-", "-t", p.name)
}

// setEnv returns env with set's variables replacing or joining its own and
// unset's removed.
func setEnv(env, set, unset []string) []string {
	drop := map[string]bool{}
	for _, name := range unset {
		drop[name] = true
	}
	for _, kv := range set {
		name, _, _ := strings.Cut(kv, "=")
		drop[name] = true
	}
	out := make([]string, 0, len(env)+len(set))
	for _, kv := range env {
		if name, _, _ := strings.Cut(kv, "="); !drop[name] {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}
