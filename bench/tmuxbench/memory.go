package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/ui/termtest"
)

// memoryMain runs a scripted session runs times under /usr/bin/time -v and
// prints each run's peak resident set size in KiB.
func memoryMain(mode string, args []string) error {
	fs := flag.NewFlagSet(mode, flag.ExitOnError)
	bin := fs.String("bin", "", "the program: argos-migrate, or gum")
	record := fs.String("record", "testdata/sample-record.json", "the record the wizard is given")
	runs := fs.Int("runs", 20, "runs")
	_ = fs.Parse(args)
	if *bin == "" {
		return fmt.Errorf("no -bin")
	}
	rec, err := readRecord(*record)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "tmuxbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := startServer(100, 30)
	if err != nil {
		return err
	}
	defer srv.Close()
	report := filepath.Join(dir, "time")
	for run := range *runs {
		_ = os.Remove(report)
		d := &driver{srv: srv}
		switch mode {
		case "wizard":
			// The whole wizard: every field of the record typed as an
			// operator would, the review, the submit to the in-process
			// sandbox, the result, quit.
			err = srv.respawn(quiet("env", "-u", "ARGOS_API_KEY", "/usr/bin/time", "-v", "-o", report, *bin, "--sandbox")...)
			if err == nil {
				err = d.wizard(rec)
			}
		case "gum":
			// gum input: one value typed and confirmed.
			err = srv.respawn(quiet("/usr/bin/time", "-v", "-o", report, *bin, "input", "--placeholder", "Full name")...)
			if err == nil {
				d.waitFor("Full name")
				d.text(rec.FullName)
				d.keys("Enter")
			}
		}
		if err == nil {
			err = d.err
		}
		if err != nil {
			return fmt.Errorf("run %d: %w\n%s", run, err, srv.capture())
		}
		kib, err := peakKiB(report)
		if err != nil {
			return fmt.Errorf("run %d: %w", run, err)
		}
		fmt.Println(kib)
	}
	return nil
}

func readRecord(path string) (apiclient.Submission, error) {
	f, err := os.Open(path)
	if err != nil {
		return apiclient.Submission{}, err
	}
	defer f.Close()
	return apiclient.DecodeSubmission(f)
}

// quiet is argv run with its stdout thrown away, as a command for
// respawn: the arguments reach sh as arguments, so nothing is quoted.
func quiet(argv ...string) []string {
	return append([]string{"sh", "-c", `exec "$@" >/dev/null`, "sh"}, argv...)
}

// driver types into the pane; the first failure sticks in err and makes
// the rest do nothing.
type driver struct {
	srv *server
	err error
}

// wizard fills every field of rec page by page, as termtest's Pane.Fill
// does for the end-to-end tests, submits, and quits from the result screen.
func (d *driver) wizard(rec apiclient.Submission) error {
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			d.waitFor("┃ " + apiclient.Label(k))
			typed, downs := termtest.Entry(k, rec.Get(k))
			d.text(typed)
			for range downs {
				d.keys("Down")
			}
			d.keys("Enter")
		}
	}
	d.waitFor("Ready. Press s to submit")
	d.keys("s")
	d.waitFor("Submission created")
	d.keys("q")
	return d.err
}

func (d *driver) waitFor(want string) {
	if d.err == nil && !termtest.Poll(termtest.Limit, func() bool { return strings.Contains(d.srv.capture(), want) }) {
		d.err = fmt.Errorf("the pane never showed %q", want)
	}
}

func (d *driver) text(s string) {
	if d.err == nil && s != "" {
		_, d.err = d.srv.run("send-keys", "-t", d.srv.session, "-l", s)
	}
}

func (d *driver) keys(k ...string) {
	if d.err == nil {
		_, d.err = d.srv.run(append([]string{"send-keys", "-t", d.srv.session}, k...)...)
	}
}

var maxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// peakKiB waits for /usr/bin/time's report and reads the peak RSS from it.
func peakKiB(path string) (int, error) {
	var m [][]byte
	if !termtest.Poll(termtest.Limit, func() bool { b, _ := os.ReadFile(path); m = maxRSS.FindSubmatch(b); return m != nil }) {
		return 0, fmt.Errorf("no report from /usr/bin/time in %s", path)
	}
	return strconv.Atoi(string(m[1]))
}
