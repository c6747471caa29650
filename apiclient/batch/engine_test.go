package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/sandbox"
)

// writeRows writes a CSV of n records; row i (1-based) has the email
// person<i>@example.com, and admin(i) picks its admin ("" for the usual
// one, or a sandbox magic admin), and email(i), when set, its email.
func writeRows(tb testing.TB, n int, admin func(int) string, email func(int) string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n")
	for i := 1; i <= n; i++ {
		a := "ops@acme.example"
		if admin != nil && admin(i) != "" {
			a = admin(i)
		}
		e := fmt.Sprintf("person%d@example.com", i)
		if email != nil && email(i) != "" {
			e = email(i)
		}
		fmt.Fprintf(&b, "%s,Person %d,1990-01-02,approved,passport,KOR,%s\n", e, i, a)
	}
	path := filepath.Join(tb.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

type run struct {
	tb      testing.TB
	src     Source
	dir     string
	client  API
	sb      *sandbox.Running
	mu      sync.Mutex
	events  []Event
	onEvent func(Event, *Control)
	tune    func(*Engine)
}

func newRun(tb testing.TB, path string, sb *sandbox.Running, key string) *run {
	tb.Helper()
	if key == "" {
		key = sandbox.Key
	}
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: key, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return &run{tb: tb, src: Source{Path: path, Today: today}, dir: filepath.Join(tb.TempDir(), "journal"), client: c, sb: sb}
}

// plan is the preflight's count against the journal.
func (r *run) plan(j *Journal) Plan {
	r.tb.Helper()
	p, err := r.src.open()
	if err != nil {
		r.tb.Fatal(err)
	}
	defer p.close()
	var pl Plan
	for {
		rec, err := p.next()
		if err != nil {
			break
		}
		pl.Add(&rec, j)
	}
	return pl
}

// once opens the journal, runs the engine, reports and closes.
func (r *run) once(ctl *Control) (Result, Totals) {
	r.tb.Helper()
	j, err := OpenJournal(r.dir)
	if err != nil {
		r.tb.Fatal(err)
	}
	defer j.Close()
	if ctl == nil {
		ctl = NewControl()
	}
	e := &Engine{Source: r.src, API: r.client, Journal: j, Concurrency: 8, Plan: r.plan(j),
		Settle: 20 * time.Millisecond, Backoff: 10 * time.Millisecond}
	e.OnEvent = func(ev Event) {
		r.mu.Lock()
		r.events = append(r.events, ev)
		r.mu.Unlock()
		if r.onEvent != nil {
			r.onEvent(ev, ctl)
		}
	}
	if r.tune != nil {
		r.tune(e)
	}
	res, err := e.Run(context.Background(), ctl)
	if err != nil {
		r.tb.Fatal(err)
	}
	tot, err := Report(r.src, j, filepath.Join(filepath.Dir(r.src.Path), "results.csv"), "", nil)
	if err != nil {
		r.tb.Fatal(err)
	}
	return res, tot
}

// checkOnePerRow asserts the sandbox holds exactly one submission for each
// email in want, and nothing else.
func checkOnePerRow(tb testing.TB, sb *sandbox.Running, want []string) {
	tb.Helper()
	count := map[string]int{}
	for _, rec := range sb.Records() {
		count[rec.Email]++
	}
	for _, e := range want {
		if count[e] != 1 {
			tb.Errorf("%s: %d submissions, want 1", e, count[e])
		}
		delete(count, e)
	}
	for e, n := range count {
		tb.Errorf("%s: %d submissions, want none", e, n)
	}
}

func emails(n int, skip ...int) []string {
	var out []string
next:
	for i := 1; i <= n; i++ {
		for _, s := range skip {
			if s == i {
				continue next
			}
		}
		out = append(out, fmt.Sprintf("person%d@example.com", i))
	}
	return out
}

func TestEngineSendsEachValidRowOnce(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }})
	path := writeRows(t, 120, func(i int) string {
		if i == 7 {
			return sandbox.AdminInvalid
		}
		return ""
	}, func(i int) string {
		if i == 50 {
			return "not-an-email"
		}
		return ""
	})
	r := newRun(t, path, sb, "")
	res, tot := r.once(nil)
	if res.Stopped != StopNone {
		t.Fatalf("stopped: %s %v", res.Stopped, res.Err)
	}
	c := res.Counts
	if c.Created != 118 || c.Rejected != 1 || c.Invalid != 1 || c.ToSend != 119 || c.Done() != 119 {
		t.Errorf("counts %+v", c)
	}
	if tot != (Totals{Rows: 120, Created: 118, Rejected: 1, Invalid: 1}) {
		t.Errorf("totals %+v", tot)
	}
	checkOnePerRow(t, sb, emails(120, 7, 50))

	// The same command again sends nothing new: the rejected row is sent
	// again (it created nothing), the rest are skipped.
	res, tot = r.once(nil)
	if res.Counts.Earlier != 118 || res.Counts.Rejected != 1 || res.Counts.Created != 0 {
		t.Errorf("second run %+v", res.Counts)
	}
	if tot.Created != 118 {
		t.Errorf("totals %+v", tot)
	}
	checkOnePerRow(t, sb, emails(120, 7, 50))
	results, _ := os.ReadFile(filepath.Join(filepath.Dir(path), "results.csv"))
	if n := strings.Count(string(results), "\n"); n != 121 {
		t.Errorf("results file has %d lines, want 121", n)
	}
	if !strings.Contains(string(results), `7,person7@example.com,rejected,,"The admin account was refused (HTTP 400 invalid_admin, field admin)"`) {
		t.Errorf("results:\n%s", results)
	}
}

// Faults that create and then fail: every one is looked up, found, and
// never sent twice.
func TestEngineUnknownOutcomesAreLookedUp(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{FailRate: 0.3, Seed: 3})
	path := writeRows(t, 200, func(i int) string {
		if i%50 == 0 {
			return sandbox.AdminDrop
		}
		return ""
	}, nil)
	r := newRun(t, path, sb, "")
	res, tot := r.once(nil)
	if res.Stopped != StopNone || tot.Created != 200 || res.Counts.FoundByLookup < 40 {
		t.Fatalf("stopped %s, totals %+v, counts %+v", res.Stopped, tot, res.Counts)
	}
	checkOnePerRow(t, sb, emails(200))
}

// A lookup that cannot answer leaves the row unknown, for the operator;
// the next run looks it up again and never sends it blind.
func TestEngineUnknownWithoutLookup(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := writeRows(t, 3, func(i int) string {
		if i == 2 {
			return sandbox.AdminDrop
		}
		return ""
	}, func(i int) string {
		if i == 2 {
			return sandbox.EmailNoLookup
		}
		return ""
	})
	r := newRun(t, path, sb, "")
	res, tot := r.once(nil)
	if res.Counts.Unknown != 1 || tot.Unknown != 1 || tot.Created != 2 {
		t.Fatalf("counts %+v totals %+v", res.Counts, tot)
	}
	results, _ := os.ReadFile(filepath.Join(filepath.Dir(path), "results.csv"))
	if !strings.Contains(string(results), "unknown,,No answer from the server; the server does not answer lookups: check the dashboard") {
		t.Errorf("results:\n%s", results)
	}
	res, _ = r.once(nil)
	if sb.Count() != 3 || res.Counts.Unknown != 1 {
		t.Errorf("rerun: %d records, counts %+v", sb.Count(), res.Counts)
	}
}

func TestEngineStopsOnARefusedKey(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	r := newRun(t, writeRows(t, 50, nil, nil), sb, "not-the-key")
	res, tot := r.once(nil)
	if res.Stopped != StopRefused || res.Counts.Rejected == 0 || res.Counts.Rejected > 8 || tot.Pending < 40 {
		t.Errorf("stopped %s, counts %+v, totals %+v", res.Stopped, res.Counts, tot)
	}
	if !strings.Contains(res.Err.Error(), "key was refused") {
		t.Errorf("error %v", res.Err)
	}
}

func TestEngineStopsWhenTheServerFails(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	r := newRun(t, writeRows(t, 100, func(int) string { return sandbox.AdminFail }, nil), sb, "")
	r.tune = func(e *Engine) { e.MaxErrors = 10 }
	res, tot := r.once(nil)
	if res.Stopped != StopErrors || tot.Unknown < 10 || tot.Unknown+tot.Pending != 100 {
		t.Errorf("stopped %s, counts %+v, totals %+v", res.Stopped, res.Counts, tot)
	}
	if sb.Count() != 0 {
		t.Errorf("%d created", sb.Count())
	}
	// The stop says it is the run's own, and why: the views must not
	// take it for the operator's.
	var fe *FailingError
	if !errors.As(res.Err, &fe) || fe.Requests != 10 || fe.Last.Outcome == "" {
		t.Errorf("the stop's error %#v", res.Err)
	}
	var stopping []Event
	for _, ev := range r.events {
		if ev.Kind == EventStopping {
			stopping = append(stopping, ev)
		}
	}
	if len(stopping) != 1 || stopping[0].Stop != StopErrors || stopping[0].Err != res.Err {
		t.Errorf("stopping events %+v", stopping)
	}
	// 500s are answers: the words say the requests failed, not that they
	// got none.
	if en := i18n.EnglishOf(res.Err); !strings.Contains(en, "the server kept failing: 10 requests in a row failed (the last: the server failed)") ||
		strings.Contains(en, "no answer") {
		t.Errorf("the stop says %q", en)
	}
	if c := res.Counts; c.Sent() != c.Created+c.Rejected+c.Unknown || c.Sent() > c.Done()-c.NotSent-c.Pending {
		t.Errorf("sent %d of counts %+v", c.Sent(), c)
	}
}

// The operator's stop is told apart from the run's own.
func TestEngineOperatorStopEvent(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Latency: 50 * time.Millisecond})
	r := newRun(t, writeRows(t, 40, nil, nil), sb, "")
	ctl := NewControl()
	go func() {
		time.Sleep(120 * time.Millisecond)
		ctl.Stop()
	}()
	res, _ := r.once(ctl)
	if res.Stopped != StopOperator || res.Err != nil {
		t.Fatalf("stopped %q, %v", res.Stopped, res.Err)
	}
	for _, ev := range r.events {
		if ev.Kind == EventStopping && (ev.Stop != StopOperator || ev.Err != nil) {
			t.Errorf("the operator's stop reads as %q %v", ev.Stop, ev.Err)
		}
	}
}

// Stop: requests in flight finish, nothing new starts, the journal is
// complete; the rerun sends the rest and nothing twice.
func TestEngineStopAndResume(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Latency: 5 * time.Millisecond})
	path := writeRows(t, 300, nil, nil)
	r := newRun(t, path, sb, "")
	r.onEvent = func(ev Event, ctl *Control) {
		if ev.Kind == EventRow && ev.Counts.Created == 40 {
			go ctl.Stop()
		}
	}
	res, tot := r.once(nil)
	if res.Stopped != StopOperator || tot.Pending == 0 || tot.Created < 40 || tot.Created+tot.Pending != 300 {
		t.Fatalf("stopped %s, totals %+v", res.Stopped, tot)
	}
	j, _ := ReadJournal(r.dir)
	if j.Counts.Sending != 0 || j.Counts.Created != tot.Created {
		t.Errorf("journal after a stop: %+v", j.Counts)
	}
	r.onEvent = nil
	res, tot = r.once(nil)
	if res.Stopped != StopNone || tot.Created != 300 || res.Counts.Earlier != 300-res.Counts.ToSend {
		t.Errorf("resumed: %s %+v %+v", res.Stopped, res.Counts, tot)
	}
	checkOnePerRow(t, sb, emails(300))
}

// Abort abandons requests in flight: their rows stay "sending", and the
// next run finds them by lookup instead of sending them again.
func TestEngineAbortLeavesRowsSending(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := writeRows(t, 20, func(i int) string {
		if i == 20 {
			return sandbox.AdminStall
		}
		return ""
	}, nil)
	r := newRun(t, path, sb, "")
	r.onEvent = func(ev Event, ctl *Control) {
		if ev.Kind == EventRow && ev.Counts.Created == 19 {
			go func() {
				time.Sleep(50 * time.Millisecond) // row 20 is out, stalled
				ctl.Abort()
			}()
		}
	}
	res, tot := r.once(nil)
	if res.Stopped != StopAborted || tot.Unknown != 1 {
		t.Fatalf("stopped %s, totals %+v", res.Stopped, tot)
	}
	j, _ := ReadJournal(r.dir)
	if j.Counts.Sending != 1 || !j.Row(20).Sending {
		t.Errorf("journal %+v", j.Counts)
	}
	r.onEvent = nil
	res, tot = r.once(nil)
	if tot.Created != 20 || res.Counts.FoundByLookup != 1 || sb.Count() != 20 {
		t.Errorf("rerun %+v %+v, %d records", res.Counts, tot, sb.Count())
	}
}

// 429s are not refusals: every row is created, the server's limit holds.
func TestEngineHonoursRateLimit(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{RateLimit: 40})
	path := writeRows(t, 120, nil, nil)
	r := newRun(t, path, sb, "")
	res, tot := r.once(nil)
	tr := sb.Traffic()
	if tot.Created != 120 || tr.Limited == 0 || tr.PeakAdmitted > 40 {
		t.Errorf("totals %+v, traffic %+v", tot, tr)
	}
	waits := 0
	for _, ev := range r.events {
		if ev.Kind == EventWait {
			waits++
			if ev.Wait < 500*time.Millisecond {
				t.Errorf("waited %v after a 429 with Retry-After", ev.Wait)
			}
		}
	}
	if waits == 0 || res.Counts.NotSent != 0 {
		t.Errorf("%d waits, counts %+v", waits, res.Counts)
	}
	checkOnePerRow(t, sb, emails(120))
}

// Pause: nothing new starts until resumed.
func TestEnginePause(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := writeRows(t, 60, nil, nil)
	r := newRun(t, path, sb, "")
	var paused sync.Once
	r.onEvent = func(ev Event, ctl *Control) {
		if ev.Kind == EventRow && ev.Counts.Created >= 10 {
			paused.Do(func() {
				go func() {
					ctl.Pause()
					time.Sleep(100 * time.Millisecond)
					before := sb.Traffic().Requests
					time.Sleep(300 * time.Millisecond)
					if after := sb.Traffic().Requests; after != before {
						t.Errorf("%d requests while paused", after-before)
					}
					ctl.Resume()
				}()
			})
		}
	}
	res, tot := r.once(nil)
	if tot.Created != 60 || res.Stopped != StopNone {
		t.Errorf("%+v %s", tot, res.Stopped)
	}
	kinds := map[EventKind]int{}
	for _, ev := range r.events {
		kinds[ev.Kind]++
	}
	if kinds[EventPaused] != 1 || kinds[EventResumed] != 1 {
		t.Errorf("events %v", kinds)
	}
}
