// Command tmuxbench measures argos-migrate and its peers in a real terminal:
// tmux. bench/run calls it; it is not part of the program.
//
//	tmuxbench frame -runs 30 -prog 'name::text::shell command' ...
//	tmuxbench wizard -bin ./argos-migrate -record testdata/sample-record.json -runs 20
//	tmuxbench gum -bin ./gum -runs 20
//
// frame: the time from asking tmux to start a program in a pane to the
// moment the program's text (the first frame) reaches tmux, read from a
// control-mode client's %output notifications, so without polling. Programs
// are interleaved run by run; each line printed is "name median_ms".
//
// wizard and gum: a scripted session under /usr/bin/time -v, driven with
// send-keys; each line printed is the peak RSS in KiB of one run.
//
// TMUXBENCH_DEBUG=1 prints every control-mode line with the time it was
// read, and each program's start.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: tmuxbench frame|wizard|gum [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "frame":
		err = frameMain(os.Args[2:])
	case "wizard", "gum":
		err = memoryMain(os.Args[1], os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tmuxbench:", err)
		os.Exit(1)
	}
}

// progFlag collects -prog values: "name::text to wait for::shell command".
type progFlag []prog

type prog struct{ name, want, cmd string }

func (p *progFlag) String() string { return fmt.Sprint(len(*p)) }

func (p *progFlag) Set(v string) error {
	parts := strings.SplitN(v, "::", 3)
	if len(parts) != 3 || parts[1] == "" {
		return fmt.Errorf("-prog wants name::text::command, got %q", v)
	}
	*p = append(*p, prog{parts[0], parts[1], parts[2]})
	return nil
}

func frameMain(args []string) error {
	fs := flag.NewFlagSet("frame", flag.ExitOnError)
	var progs progFlag
	fs.Var(&progs, "prog", "name::text::shell command (repeat)")
	runs := fs.Int("runs", 30, "runs of each program")
	warmup := fs.Int("warmup", 3, "runs of each program not counted")
	width := fs.Int("width", 100, "pane width")
	height := fs.Int("height", 30, "pane height")
	dump := fs.Bool("dump", false, "print what each program wrote before its text, once")
	_ = fs.Parse(args)
	if len(progs) == 0 {
		return fmt.Errorf("no -prog")
	}
	var srv *server
	var ctl *control
	start := func() error {
		var err error
		if srv, err = startServer(*width, *height); err != nil {
			return err
		}
		if ctl, err = srv.attachControl(); err != nil {
			srv.Close()
			return err
		}
		ctl.quiet(100*time.Millisecond, 2*time.Second)
		return nil
	}
	stop := func() { ctl.close(); srv.Close() }
	if err := start(); err != nil {
		return err
	}
	defer func() { stop() }()

	// tmux 3.3a's server now and then exits on its own ("%exit server
	// exited unexpectedly") just after a program's first frame: tmux's
	// crash, not the program's. The run is then done again on a new
	// server, not counted, and said on stderr; a few in a row are an error.
	const maxCrashes = 5
	crashes := 0
	samples := make([][]float64, len(progs))
	for run := range *warmup + *runs {
		for i, p := range progs {
			var d time.Duration
			var seen string
			var err error
			for {
				d, seen, err = frameOnce(ctl, srv.session, p)
				if err == nil {
					// Stop it and let the pane fall silent before the next one.
					err = ctl.send("respawn-pane -k -t " + srv.session + " 'exec sleep 100000'")
					ctl.quiet(30*time.Millisecond, 2*time.Second)
				}
				why := ctl.gone()
				if err == nil || why == "" || crashes == maxCrashes {
					break
				}
				crashes++
				fmt.Fprintf(os.Stderr, "tmuxbench: the tmux server ended during %s, run %d (%s); again on a new server\n", p.name, run, why)
				stop()
				if err := start(); err != nil {
					return err
				}
			}
			if err != nil {
				return fmt.Errorf("%s, run %d: %w\n%q", p.name, run, err, seen)
			}
			if *dump && run == 0 {
				fmt.Fprintf(os.Stderr, "%s wrote: %q\n", p.name, seen)
			}
			if run >= *warmup {
				samples[i] = append(samples[i], d.Seconds()*1000)
			}
		}
	}
	for i, p := range progs {
		fmt.Printf("%s %.2f\n", p.name, median(samples[i]))
	}
	return nil
}

// frameOnce starts p in the pane and times its text's arrival.
func frameOnce(ctl *control, session string, p prog) (time.Duration, string, error) {
	start := time.Now()
	if os.Getenv("TMUXBENCH_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "start %s: %s\n", start.Format("05.000000"), p.name)
	}
	if err := ctl.send("respawn-pane -k -t " + session + " " + tmuxQuote(p.cmd)); err != nil {
		return 0, "", err
	}
	at, seen, err := ctl.waitFor(p.want, 10*time.Second)
	return at.Sub(start), seen, err
}

// tmuxQuote quotes s as one argument of a tmux command line.
func tmuxQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`).Replace(s) + `"`
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
