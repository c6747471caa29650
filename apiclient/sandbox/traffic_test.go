package sandbox_test

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// Every kind of answer waits for the latency, and concurrent requests wait
// together: 16 requests at once take about one latency, not sixteen. The
// bound is half of sixteen latencies, far from both.
func TestLatencyIsPerRequestAndOverlaps(t *testing.T) {
	const latency = 250 * time.Millisecond
	sb := apitest.Sandbox(t, sandbox.Options{Latency: latency})
	img := pngBase64(t)
	calls := []func(i int) int{
		func(i int) int {
			return migrate(t, sb.URL, fmt.Sprintf("p%d@sample.com", i), "", "admin@sample.com").status
		},
		func(i int) int {
			return do(t, http.MethodGet, sb.URL+apiclient.LookupPath+"?email=p@sample.com", nil, "").status
		},
		func(i int) int {
			body, ct := imageForm(t, map[string]string{"submissionId": "nope", "admin": "a@b.co", "selfieImage": img})
			return do(t, http.MethodPut, sb.URL+apiclient.ImagePath, body, ct).status
		},
		func(i int) int { // a refusal waits too
			req, _ := http.NewRequest(http.MethodPost, sb.URL+apiclient.MigrationPath, strings.NewReader("{}"))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return 0
			}
			resp.Body.Close()
			return resp.StatusCode
		},
	}
	want := []int{200, 200, 400, 403}
	const n = 16
	var wg sync.WaitGroup
	took := make([]time.Duration, n)
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			t0 := time.Now()
			if got := calls[i%len(calls)](i); got != want[i%len(calls)] {
				t.Errorf("request %d answered %d, want %d", i, got, want[i%len(calls)])
			}
			took[i] = time.Since(t0)
		})
	}
	wg.Wait()
	total := time.Since(start)
	for i, d := range took {
		if d < latency {
			t.Errorf("request %d answered after %v, before the %v latency", i, d, latency)
		}
	}
	if total >= n*latency/2 {
		t.Errorf("%d concurrent requests took %v at %v latency: they waited one after another", n, total, latency)
	}
	t.Logf("%d concurrent requests at %v latency: %v", n, latency, total)
}

// Above the rate limit the answer is 429 with a whole-second Retry-After and
// the gateway's body, nothing is created, and after Retry-After a request
// passes again.
func TestRateLimit(t *testing.T) {
	const limit = 5
	logPath := filepath.Join(t.TempDir(), "requests.jsonl")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	sb := apitest.Sandbox(t, sandbox.Options{RateLimit: limit, Log: logFile})

	const n = 3 * limit
	answers := make([]answer, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { answers[i] = migrate(t, sb.URL, fmt.Sprintf("r%d@sample.com", i), "", "admin@sample.com") })
	}
	wg.Wait()
	created, limited, retry := 0, 0, 0
	stored := map[string]bool{}
	for _, r := range sb.Records() {
		stored[r.Email] = true
	}
	for i, a := range answers {
		switch a.status {
		case 200:
			created++
		case 429:
			limited++
			secs, err := strconv.Atoi(a.header.Get("Retry-After"))
			if err != nil || secs < 1 || secs > 1 {
				t.Errorf("Retry-After %q: want whole seconds, 1 for a one-second window", a.header.Get("Retry-After"))
			}
			retry = max(retry, secs)
			if a.field(t, "message") != "Too Many Requests" || a.header.Get("Content-Type") != "application/json" {
				t.Errorf("429 body %s (%s)", a.body, a.header.Get("Content-Type"))
			}
			if stored[fmt.Sprintf("r%d@sample.com", i)] {
				t.Errorf("request %d was answered 429 and created a record", i)
			}
		default:
			t.Errorf("request %d: %d %s", i, a.status, a.body)
		}
	}
	if created > limit || limited == 0 || sb.Count() != created {
		t.Fatalf("%d created, %d limited, %d records: want at most %d created in a burst of %d and the rest limited",
			created, limited, sb.Count(), limit, n)
	}
	tr := sb.Traffic()
	if tr.PeakAdmitted > limit || tr.Limited < limited || tr.Requests < n {
		t.Errorf("traffic %+v", tr)
	}

	time.Sleep(time.Duration(retry) * time.Second)
	if a := migrate(t, sb.URL, "after@sample.com", "", "admin@sample.com"); a.status != 200 {
		t.Fatalf("after Retry-After: %d %s", a.status, a.body)
	}
	lines := readLog(t, logPath)
	if len(lines) != n+1 {
		t.Fatalf("the log has %d lines for %d requests", len(lines), n+1)
	}
	checkLimitInLog(t, lines, limit)
}

// checkLimitInLog replays the log against the rule: a request is let
// through exactly when fewer than limit requests were let through in the
// second before it.
func checkLimitInLog(t *testing.T, lines []logEntry, limit int) {
	t.Helper()
	var admitted []time.Time
	for _, l := range lines {
		inWindow := 0
		for _, a := range admitted {
			if l.at.Sub(a) < time.Second {
				inWindow++
			}
		}
		if (l.Status == 429) != (inWindow >= limit) {
			t.Errorf("at %s: status %d with %d let through in the second before", l.Time, l.Status, inWindow)
		}
		if l.Status != 429 {
			admitted = append(admitted, l.at)
		}
	}
}

// logEntry is one line of the request log.
type logEntry struct {
	Time   string `json:"time"`
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
	at     time.Time
	raw    string
}

// readLog reads the log in arrival order, checking that each line has
// exactly the four documented keys.
func readLog(t *testing.T, path string) []logEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []logEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var keys map[string]any
		if err := json.Unmarshal(sc.Bytes(), &keys); err != nil || len(keys) != 4 {
			t.Fatalf("log line %q: want exactly time, method, path and status", sc.Text())
		}
		var e logEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.at, err = time.Parse("2006-01-02T15:04:05.000000Z", e.Time); err != nil {
			t.Fatalf("log time %q is not UTC with microseconds", e.Time)
		}
		e.raw = sc.Text()
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// Lines are written as answers start; arrival order is by time. Within
	// one microsecond, what was let through came first: once the window is
	// full, it stays full for a second.
	slices.SortStableFunc(out, func(a, b logEntry) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(boolInt(a.Status == 429), boolInt(b.Status == 429))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
