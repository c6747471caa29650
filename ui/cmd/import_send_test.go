package cmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/sandbox"
)

// sendImport runs `import` through cobra against a sandbox, with the key
// and URL in the environment; tty says whether stdin and stderr are a
// terminal.
func sendImport(tb testing.TB, sb *sandbox.Running, state, stdin string, tty bool, args ...string) (string, string, error) {
	tb.Helper()
	f, out, errOut := testFactory(tb, map[string]string{EnvAPIKey: sandbox.Key, EnvAPIURL: sb.URL, "XDG_STATE_HOME": state})
	f.IO.In = strings.NewReader(stdin)
	f.IO.InTTY, f.IO.ErrTTY = tty, tty
	c := NewCmdImport(f, &GlobalOptions{Timeout: 5 * time.Second}, nil)
	c.SetArgs(args)
	c.SetOut(out)
	c.SetErr(errOut)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func TestImportAsksBeforeSending(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := copyToTemp(t, "records.json")
	in := filepath.Join(dir, "records.json")
	state := t.TempDir()

	_, errOut, err := sendImport(t, sb, state, "n\n", true, in)
	if !errors.Is(err, ErrCancelled) || sb.Count() != 0 {
		t.Fatalf("answered n: %v, %d created\n%s", err, sb.Count(), errOut)
	}
	want := "2 valid records. Send 2 records to LOCAL " + strings.TrimPrefix(sb.URL, "http://") + " (profile default, key sand••••)? [y/N] "
	if !strings.Contains(errOut, want) || strings.Contains(errOut, "Nothing was sent.") || err.Error() != "cancelled: not confirmed; nothing was sent" {
		t.Errorf("the question:\n%s\nwant %q, and the error (%v) alone to say nothing was sent", errOut, want, err)
	}

	_, errOut, err = sendImport(t, sb, state, "y\n", true, in, "--quiet")
	if err != nil || sb.Count() != 2 {
		t.Fatalf("answered y: %v, %d created\n%s", err, sb.Count(), errOut)
	}
	// Everything created: the next run asks nothing and sends nothing.
	_, errOut, err = sendImport(t, sb, state, "", false, in)
	if err != nil || sb.Count() != 2 || !strings.Contains(errOut, "Nothing to send: every valid row was created in an earlier run.") {
		t.Errorf("rerun: %v, %d created\n%s", err, sb.Count(), errOut)
	}
}

func TestConfirmQuestionNamesTheDestination(t *testing.T) {
	plan := batch.Plan{Rows: 10000, Invalid: 12, Send: 9988}
	sum := batch.Summary{Invalid: 12, Rejects: "export.rejects.csv"}
	tests := []struct {
		t    Target
		want string
	}{
		{Target{URL: "https://rest-api.argosidentity.com", Profile: "acme", Key: "acme-0123456789"},
			"9,988 valid records, 12 invalid (see export.rejects.csv). Send 9,988 records to LIVE rest-api.argosidentity.com (profile acme, key acme••••)? [y/N] "},
		{Target{URL: "https://rest-api.argosidentity.com.evil.example", Profile: "acme", Key: "acme-0123456789"},
			"to NOT ARGOS rest-api.argosidentity.com.evil.example "},
		{Target{URL: "http://127.0.0.1:9", Profile: "default", Key: sandbox.Key, Sandbox: true}, "to SANDBOX 127.0.0.1:9 "},
		{Target{URL: "http://127.0.0.1:9", Profile: "default", Key: sandbox.Key}, "to LOCAL 127.0.0.1:9 "},
	}
	for _, tt := range tests {
		if got := confirmQuestion(&tt.t, plan, sum); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.t.URL, got, tt.want)
		}
	}
	resumed := confirmQuestion(&tests[0].t, batch.Plan{Rows: 10, Skip: 6, LookUp: 1, Send: 3}, batch.Summary{})
	if !strings.Contains(resumed, "10 valid records. 6 created in an earlier run (skipped). 1 may exist from an earlier run: looked up before sending. Send 4 records") {
		t.Errorf("resumed: %q", resumed)
	}
}

// The exit code says what is left to do, stopped first.
func TestImportExit(t *testing.T) {
	// next: the next step's message ("" for none). Only rows that may
	// exist are told they may: rows not sent are just sent again.
	tests := []struct {
		res  batch.Result
		tot  batch.Totals
		code int
		next string
	}{
		{batch.Result{}, batch.Totals{Rows: 3, Created: 3}, 0, ""},
		{batch.Result{}, batch.Totals{Rows: 3, Created: 2, Rejected: 1}, 1, "import.exit.not_imported"},
		{batch.Result{}, batch.Totals{Rows: 3, Created: 2, Invalid: 1}, 1, "import.exit.not_imported"},
		{batch.Result{}, batch.Totals{Rows: 3, Created: 1, Rejected: 1, Unknown: 1}, 3, "import.exit.unknown"},
		{batch.Result{}, batch.Totals{Rows: 3, Created: 2, NotSent: 1}, 3, "import.exit.not_sent"},
		{batch.Result{Stopped: batch.StopErrors}, batch.Totals{Rows: 3, Pending: 3}, 3, "import.exit.not_sent"},
		{batch.Result{Stopped: batch.StopErrors}, batch.Totals{Rows: 3, Unknown: 2, NotSent: 1}, 3, "import.exit.unknown"},
		{batch.Result{Stopped: batch.StopRefused}, batch.Totals{Rows: 3, Rejected: 1, Pending: 2}, 1, "import.exit.refused"},
		{batch.Result{Stopped: batch.StopOperator}, batch.Totals{Rows: 3, Unknown: 1, Pending: 2}, 130, "import.exit.stopped"},
		{batch.Result{Stopped: batch.StopAborted}, batch.Totals{Rows: 3, Created: 3}, 130, "import.exit.stopped"},
	}
	for _, tt := range tests {
		code, next := importExit(tt.res, tt.tot)
		id := ""
		if next != nil {
			id = next.ID()
		}
		if code != tt.code || id != tt.next {
			t.Errorf("%s %+v: exit %d (%s), want %d (%s)", tt.res.Stopped, tt.tot, code, id, tt.code, tt.next)
		}
	}
	err := &ImportResultError{Code: importExitStopped}
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, ErrReported) {
		t.Error("a stopped import is not reported as cancelled")
	}
}

// The plain progress says why a run stops by itself, and speaks of an
// interrupt only when the operator made one.
func TestPlainProgressStopping(t *testing.T) {
	failing := &batch.FailingError{Requests: 12, Last: apiclient.FailureRecord{Reason: apiclient.ReasonUnreachable, Outcome: apiclient.OutcomeNotSent}}
	for _, tt := range []struct {
		ev        batch.Event
		want, not string
	}{
		{batch.Event{Kind: batch.EventStopping, Stop: batch.StopErrors, Err: failing},
			"Stopping: the server kept failing: 12 requests in a row failed (the last: could not reach the server). Requests in flight finish", "interrupt"},
		{batch.Event{Kind: batch.EventStopping, Stop: batch.StopRefused, Err: &batch.RefusedError{Failure: apiclient.FailureRecord{Reason: apiclient.ReasonKeyRefused, Outcome: apiclient.OutcomeRejected, Status: 401}}},
			"Stopping: the API key was refused", "interrupt"},
		{batch.Event{Kind: batch.EventStopping, Stop: batch.StopOperator}, "An interrupt now abandons them", ""},
	} {
		var b strings.Builder
		p := newPlainProgress(&b, time.Now, 1)
		p.event(tt.ev)
		p.close()
		if got := b.String(); !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("%s: %q, want %q without %q", tt.ev.Stop, got, tt.want, tt.not)
		}
	}
}

// A progress line written before the engine's first event (a slow first
// answer) counts the rows to send already: "0 of 3", never "0 of 0".
func TestPlainProgressBeforeAnyEvent(t *testing.T) {
	var b strings.Builder
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := newPlainProgress(&b, func() time.Time { return clock }, 3)
	defer p.close()
	clock = clock.Add(plainEvery)
	p.mu.Lock()
	p.line() // what the ticker writes after plainEvery without an event
	p.mu.Unlock()
	if got := b.String(); !strings.Contains(got, "Progress: 0 of 3 (0%): 0 created") {
		t.Errorf("progress before any event: %q", got)
	}
}

// --skip-invalid sends the valid rows and exits 1; the results file has a
// line for every row, invalid ones included.
func TestImportSkipInvalid(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := copyToTemp(t, "records.jsonl")
	in := filepath.Join(dir, "records.jsonl")
	_, errOut, err := sendImport(t, sb, t.TempDir(), "", false, in, "--yes")
	var ir *InvalidRowsError
	if !errors.As(err, &ir) || !strings.Contains(err.Error(), "--skip-invalid") || sb.Count() != 0 {
		t.Fatalf("without --skip-invalid: %v, %d created\n%s", err, sb.Count(), errOut)
	}
	_, errOut, err = sendImport(t, sb, t.TempDir(), "", false, in, "--yes", "--skip-invalid")
	var ire *ImportResultError
	if !errors.As(err, &ire) || ire.Code != importExitRefused || sb.Count() != 2 {
		t.Fatalf("with --skip-invalid: %v, %d created\n%s", err, sb.Count(), errOut)
	}
	results, _ := os.ReadFile(filepath.Join(dir, "records.jsonl.results.csv"))
	if n := bytes.Count(results, []byte("\n")); n != 4 || !bytes.Contains(results, []byte(",invalid,,")) {
		t.Errorf("results:\n%s", results)
	}
	if !strings.Contains(errOut, "2 created") || !strings.Contains(errOut, "1 invalid: not sent") {
		t.Errorf("summary:\n%s", errOut)
	}
}

// Standard input is copied to a private file that is gone afterwards.
func TestImportStdin(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	state := t.TempDir()
	in, _ := os.ReadFile(batchTestdata + "records.json")
	t.Chdir(t.TempDir())
	_, errOut, err := sendImport(t, sb, state, string(in), false, "-", "--yes")
	if err != nil || sb.Count() != 2 || !strings.Contains(errOut, "Standard input copied to") {
		t.Fatalf("%v, %d created\n%s", err, sb.Count(), errOut)
	}
	left, _ := filepath.Glob(filepath.Join(state, "argos-migrate", batch.ImportsDir, ".stdin-*"))
	if len(left) != 0 {
		t.Errorf("the copy of standard input is left: %v", left)
	}
	if _, err := os.Stat("stdin.results.csv"); err != nil {
		t.Errorf("results: %v", err)
	}
}
