package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient/sandbox"
)

// sandboxProc is `argos-migrate sandbox` run as a process of its own, so
// that it outlives the importers a test kills.
type sandboxProc struct {
	cmd    *exec.Cmd
	URL    string
	log    string
	stderr bytes.Buffer
	client http.Client // for the lookups; its idle connections are closed before the sandbox stops
}

func startSandboxProc(tb testing.TB, args ...string) *sandboxProc {
	tb.Helper()
	s := &sandboxProc{log: filepath.Join(tb.TempDir(), "requests.jsonl"), client: http.Client{Transport: &http.Transport{}}}
	s.cmd = exec.Command(binary, append([]string{"sandbox", "--port", "0", "--log", s.log}, args...)...)
	s.cmd.Env = []string{"HOME=" + tb.TempDir(), "PATH=" + os.Getenv("PATH")}
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.stop() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		tb.Fatalf("the sandbox did not start: %v\n%s", err, s.stderr.String())
	}
	s.URL = strings.TrimSpace(line)
	return s
}

// stop interrupts the sandbox and returns what it says it created.
func (s *sandboxProc) stop() int {
	if s.cmd.ProcessState == nil {
		// A connection the client opened and never used would hold the
		// sandbox's shutdown for five seconds (net/http's rule for those).
		s.client.CloseIdleConnections()
		_ = s.cmd.Process.Signal(os.Interrupt)
		_ = s.cmd.Wait()
	}
	var n int
	if m := regexp.MustCompile(`stopped after (\d+) submission`).FindStringSubmatch(s.stderr.String()); m != nil {
		fmt.Sscan(m[1], &n)
	}
	return n
}

// found asks the sandbox, through its lookup, for the ids of the
// submissions of email.
func (s *sandboxProc) found(tb testing.TB, email string) []string {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/v3/submission?count=1000&email="+url.QueryEscape(email), nil)
	req.Header.Set("x-api-key", sandbox.Key)
	resp, err := s.client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var ans struct {
		Items []struct {
			ID string `json:"submission_id"`
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, it := range ans.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// logLine is one line of the sandbox's request log.
type logLine struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status"`
}

func (s *sandboxProc) requests(tb testing.TB) []logLine {
	tb.Helper()
	data, err := os.ReadFile(s.log)
	if err != nil {
		tb.Fatal(err)
	}
	var out []logLine
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		var ll logLine
		if err := json.Unmarshal(l, &ll); err != nil {
			tb.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, ll)
	}
	return out
}

// importer runs `argos-migrate import` with a state folder of the test's
// own, so that reruns find the journal.
type importer struct {
	tb    testing.TB
	state string
	url   string
}

func newImporter(tb testing.TB, sb *sandboxProc) *importer {
	return &importer{tb: tb, state: tb.TempDir(), url: sb.URL}
}

func (im *importer) env() []string {
	return []string{"HOME=" + im.state, "PATH=" + os.Getenv("PATH"), "XDG_STATE_HOME=" + im.state,
		"ARGOS_API_KEY=" + sandbox.Key, "ARGOS_API_URL=" + im.url}
}

func (im *importer) command(stdin string, args ...string) *exec.Cmd {
	c := exec.Command(binary, append([]string{"import"}, args...)...)
	c.Env = im.env()
	c.Stdin = strings.NewReader(stdin)
	return c
}

// run runs an import to its end.
func (im *importer) run(stdin string, args ...string) (stdout, stderr string, code int) {
	im.tb.Helper()
	c := im.command(stdin, args...)
	var o, e bytes.Buffer
	c.Stdout, c.Stderr = &o, &e
	err := c.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		im.tb.Fatal(err)
	}
	return o.String(), e.String(), c.ProcessState.ExitCode()
}

// readResults parses a results file: its rows by row number.
func readResults(tb testing.TB, path string) (header []string, rows map[string][]string) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		tb.Error("the results file has no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) == 0 {
		tb.Fatalf("results file: %v", err)
	}
	rows = map[string][]string{}
	for _, r := range recs[1:] {
		if _, dup := rows[r[0]]; dup {
			tb.Errorf("row %s has two lines in the results file", r[0])
		}
		rows[r[0]] = r
	}
	return recs[0], rows
}

func copyTestdata(tb testing.TB, names ...string) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("apiclient", "batch", "testdata", n))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// Each input format, sent through the binary to a sandbox process: every
// valid row created once, the results file one line per row.
func TestImportFormatsThroughTheBinary(t *testing.T) {
	sb := startSandboxProc(t)
	dir := copyTestdata(t, "vendor-export.csv", "vendor-mapping.toml", "records.jsonl", "records.json", "korean-cp949.csv")
	tests := []struct {
		file    string
		args    []string
		code    int
		created []string
		invalid int
	}{
		{"vendor-export.csv", []string{"--mapping", filepath.Join(dir, "vendor-mapping.toml"), "--skip-invalid"}, 1,
			[]string{"minjun.kim@example.com", "seoyeon.lee@example.com", "john.smith@example.com", "yerin.han@example.com", "seojun.lim@example.com"}, 5},
		{"records.jsonl", []string{"--skip-invalid"}, 1, []string{"ana.silva@example.com", "li.wei@example.com"}, 1},
		{"records.json", nil, 0, []string{"ana.silva.json@example.com", "li.wei.json@example.com"}, 0},
		{"korean-cp949.csv", []string{"--map", "이름=fullName", "--set", "admin=ops@acme.example"}, 0,
			[]string{"gildong.hong@example.com", "younghee.kim@example.com", "chulsoo.lee@example.com"}, 0},
	}
	// The JSON array's emails differ from the JSON Lines' so both import.
	js, _ := os.ReadFile(filepath.Join(dir, "records.json"))
	js = bytes.ReplaceAll(js, []byte("@example.com"), []byte(".json@example.com"))
	os.WriteFile(filepath.Join(dir, "records.json"), js, 0o644)
	im := newImporter(t, sb)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := filepath.Join(dir, tt.file)
			_, errOut, code := im.run("", append([]string{in, "--yes"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, errOut)
			}
			results := in + ".results.csv" // a.jsonl.results.csv: beside a.csv's, never the same
			if filepath.Ext(in) == ".csv" {
				results = strings.TrimSuffix(in, ".csv") + ".results.csv"
			}
			header, rows := readResults(t, results)
			if strings.Join(header, ",") != "row,email,status,submissionId,error,images,image_error" {
				t.Errorf("header %q", header)
			}
			created, invalid := 0, 0
			for _, r := range rows {
				switch r[2] {
				case "created":
					created++
					if ids := sb.found(t, r[1]); len(ids) != 1 || ids[0] != r[3] {
						t.Errorf("%s: the sandbox has %v, the results say %s", r[1], ids, r[3])
					}
				case "invalid":
					invalid++
				default:
					t.Errorf("row %v", r)
				}
			}
			if created != len(tt.created) || invalid != tt.invalid {
				t.Errorf("%d created, %d invalid; want %d, %d", created, invalid, len(tt.created), tt.invalid)
			}
			for _, e := range tt.created {
				if ids := sb.found(t, e); len(ids) != 1 {
					t.Errorf("%s: %d submissions", e, len(ids))
				}
			}
			if fi, err := os.Stat(results); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("results file: %v %v", fi.Mode(), err)
			}
		})
	}
}

// Nothing is sent without a yes: no terminal and no --yes refuses, and an
// invalid row stops the import unless --skip-invalid.
func TestImportSendsNothingUnasked(t *testing.T) {
	sb := startSandboxProc(t)
	dir := copyTestdata(t, "records.jsonl", "records.json")
	im := newImporter(t, sb)
	_, errOut, code := im.run("", filepath.Join(dir, "records.json"))
	if code != 2 || !strings.Contains(errOut, "nothing was sent: sending 2 records needs a yes; run in a terminal to be asked, or add --yes") {
		t.Errorf("no terminal, no --yes: exit %d\n%s", code, errOut)
	}
	_, errOut, code = im.run("", filepath.Join(dir, "records.jsonl"), "--yes")
	if code != 2 || !strings.Contains(errOut, "1 row breaks a field rule; nothing was sent") || !strings.Contains(errOut, "--skip-invalid") {
		t.Errorf("an invalid row: exit %d\n%s", code, errOut)
	}
	for _, r := range sb.requests(t) {
		t.Errorf("a request was made: %+v", r)
	}
}

// A 429 is waited out: after the sandbox answers 429 (Retry-After: at
// least one second), no request reaches it until that second has passed,
// except those already on their way; and every row is created once.
func TestImportHonoursRetryAfter(t *testing.T) {
	sb := startSandboxProc(t, "--rate-limit", "40", "--latency", "5ms")
	path := writeCSV(t, 120)
	im := newImporter(t, sb)
	_, errOut, code := im.run("", path, "--yes", "--rate", "0", "--concurrency", "8", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "The server asked to slow down (429)") {
		t.Errorf("stderr does not mention the 429s:\n%s", errOut)
	}
	reqs := sb.requests(t)
	limited := 0
	for _, r := range reqs {
		if r.Status != http.StatusTooManyRequests {
			continue
		}
		limited++
		// The answer left 5 ms after arrival; allow 55 ms more for requests
		// that were already on their way when it came back (on a busy
		// machine the sandbox notes an arrival late).
		from, to := r.Time.Add(60*time.Millisecond), r.Time.Add(time.Second)
		for _, o := range reqs {
			if o.Time.After(from) && o.Time.Before(to) {
				t.Errorf("a request arrived %v after a 429, before its Retry-After (1s) had passed", o.Time.Sub(r.Time))
				break
			}
		}
	}
	if limited == 0 {
		t.Error("the sandbox never answered 429: the test proves nothing")
	}
	// The lookup is rate-limited too: count from the sandbox's own total
	// and the results file's distinct ids instead.
	_, results := readResults(t, strings.TrimSuffix(path, ".csv")+".results.csv")
	ids := map[string]bool{}
	for _, r := range results {
		if r[2] != "created" || ids[r[3]] {
			t.Errorf("row %v", r)
		}
		ids[r[3]] = true
	}
	if n := sb.stop(); n != 120 || len(ids) != 120 {
		t.Errorf("the sandbox created %d submissions, the results name %d, for 120 rows", n, len(ids))
	}
}

// writeCSV writes n valid rows; row i's email is row<i>@example.com.
func writeCSV(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "row%d@example.com,Person %d,1990-01-02,approved,passport,KOR,ops@acme.example\n", i, i)
	}
	path := filepath.Join(tb.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// foundAll looks every email up, sixteen at a time.
func (s *sandboxProc) foundAll(tb testing.TB, emails []string) map[string][]string {
	tb.Helper()
	out := make(map[string][]string, len(emails))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan string)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range next {
				ids := s.found(tb, e)
				mu.Lock()
				out[e] = ids
				mu.Unlock()
			}
		}()
	}
	for _, e := range emails {
		next <- e
	}
	close(next)
	wg.Wait()
	return out
}

// kill -9 at ten random moments of a 2,000-row import against a sandbox
// that fails one request in ten after creating the record; after each, the
// same command again, and once more until it says it is done. The sandbox
// then holds exactly one submission per row, and the results file agrees.
func TestImportSurvivesKill9(t *testing.T) {
	const rows = 2000
	sb := startSandboxProc(t, "--latency", "5ms", "--fail-rate", "0.1", "--seed", "11")
	path := writeCSV(t, rows)
	im := newImporter(t, sb)
	args := []string{path, "--yes", "--concurrency", "8", "--rate", "0", "--quiet"}
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	killed, inFlight := 0, 0
	for i := 0; i < 10; i++ {
		c := im.command("", args...)
		var errOut bytes.Buffer
		c.Stderr = &errOut
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- c.Wait() }()
		// The check of 2,000 rows takes a few ms; the whole send about two
		// seconds: ten kills this far apart all land before its end.
		at := time.Duration(15+rnd.IntN(185)) * time.Millisecond
		select {
		case <-exited:
			t.Logf("run %d ended by itself before %v", i, at)
			continue
		case <-time.After(at):
		}
		_ = c.Process.Signal(syscall.SIGKILL)
		<-exited
		killed++
		inFlight += openSending(t, im.state)
	}
	if killed < 8 || inFlight == 0 {
		t.Fatalf("%d of 10 runs were killed before they ended, %d rows left sending: the test proves little", killed, inFlight)
	}
	t.Logf("%d kills left %d rows with their request out (looked up by the next run)", killed, inFlight)
	var out, errOut string
	code := -1
	for try := 0; try < 5 && code != 0; try++ {
		out, errOut, code = im.run("", args...)
	}
	if code != 0 {
		t.Fatalf("the last run: exit %d\n%s%s", code, out, errOut)
	}
	_, results := readResults(t, strings.TrimSuffix(path, ".csv")+".results.csv")
	if len(results) != rows {
		t.Errorf("the results file has %d rows, want %d", len(results), rows)
	}
	var emails []string
	for i := 1; i <= rows; i++ {
		emails = append(emails, fmt.Sprintf("row%d@example.com", i))
	}
	found := sb.foundAll(t, emails)
	for i := 1; i <= rows; i++ {
		r, e := results[fmt.Sprint(i)], emails[i-1]
		if ids := found[e]; len(ids) != 1 {
			t.Errorf("row %d: %d submissions", i, len(ids))
		} else if len(r) < 4 || r[1] != e || r[2] != "created" || r[3] != ids[0] {
			t.Errorf("row %d: the results say %v, the sandbox has %v", i, r, ids)
		}
	}
	if n := sb.stop(); n != rows {
		t.Errorf("the sandbox created %d submissions for %d rows; it said:\n%s", n, rows, sb.stderr.String())
	}
	// No temporary copy of personal data is left behind.
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

// openSending counts the rows whose last journal line is "sending": their
// request was out when the importer died.
func openSending(tb testing.TB, state string) int {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join(state, "argos-migrate", "imports", "*", "journal.jsonl"))
	if len(paths) != 1 {
		tb.Fatalf("journals: %v", paths)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		tb.Fatal(err)
	}
	last := map[int]string{}
	for _, l := range bytes.Split(data, []byte("\n")) {
		var e struct {
			Op  string
			Row int
		}
		if json.Unmarshal(l, &e) == nil && e.Row > 0 {
			last[e.Row] = e.Op
		}
	}
	n := 0
	for _, op := range last {
		if op == "sending" {
			n++
		}
	}
	return n
}

// --json: one object per row on stdout as rows finish, then the summary;
// nothing else on stdout.
func TestImportJSONLines(t *testing.T) {
	sb := startSandboxProc(t)
	dir := copyTestdata(t, "records.jsonl")
	im := newImporter(t, sb)
	out, errOut, code := im.run("", filepath.Join(dir, "records.jsonl"), "--yes", "--skip-invalid", "--json")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines on stdout, want 3 rows and a summary:\n%s", len(lines), out)
	}
	seen := map[float64]string{}
	for _, l := range lines[:3] {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil || row["type"] != "row" {
			t.Fatalf("line %q (%v)", l, err)
		}
		seen[row["row"].(float64)] = row["status"].(string)
		if row["status"] == "created" && row["submissionId"] == "" {
			t.Errorf("created without an id: %s", l)
		}
	}
	if len(seen) != 3 || seen[3] != "invalid" || seen[1] != "created" || seen[2] != "created" {
		t.Errorf("rows %v", seen)
	}
	var sum map[string]any
	if err := json.Unmarshal([]byte(lines[3]), &sum); err != nil || sum["type"] != "summary" || sum["exitCode"] != 1.0 || sum["ok"] != false {
		t.Fatalf("summary %q (%v)", lines[3], err)
	}
	if tot := sum["totals"].(map[string]any); tot["created"] != 2.0 || tot["invalid"] != 1.0 {
		t.Errorf("totals %v", tot)
	}
}

// --status reads the journal: counts per outcome and the paths.
func TestImportStatus(t *testing.T) {
	sb := startSandboxProc(t)
	path := writeCSV(t, 30)
	im := newImporter(t, sb)
	out, errOut, code := im.run("", path, "--status")
	if code != 1 || !strings.Contains(out, "No journal") {
		t.Errorf("before any import: exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := im.run("", path, "--yes", "--rate", "0"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	out, errOut, code = im.run("", path, "--status")
	for _, want := range []string{"1 run", "30 created", "0 rejected", "Results: " + strings.TrimSuffix(path, ".csv") + ".results.csv", "Journal: " + im.state} {
		if !strings.Contains(out, want) {
			t.Errorf("--status lacks %q:\n%s%s", want, out, errOut)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	out, _, code = im.run("", path, "--status", "--json")
	var st struct {
		Found  bool
		Runs   int
		Counts map[string]int
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 || !st.Found || st.Runs != 1 || st.Counts["created"] != 30 {
		t.Errorf("--status --json: exit %d, %q (%v)", code, out, err)
	}
}

// --status names the results and rejects files only where they are: an
// import that refused nothing has no rejects file to point at.
func TestImportStatusNamesOnlyFilesThatExist(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	clean := writeCSV(t, 3)
	if _, errOut, code := im.run("", clean, "--yes", "--rate", "0"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	rejects := strings.TrimSuffix(clean, ".csv") + ".rejects.csv"
	out, _, _ := im.run("", clean, "--status")
	if strings.Contains(out, rejects) || !strings.Contains(out, "Rejects: none") {
		t.Errorf("--status of an import that refused nothing:\n%s", out)
	}
	out, _, _ = im.run("", clean, "--status", "--json")
	if strings.Contains(out, `"rejects"`) || !strings.Contains(out, `"results"`) {
		t.Errorf("--status --json of an import that refused nothing: %s", out)
	}

	refusing := filepath.Join(t.TempDir(), "refusing.csv")
	csvText := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n" +
		"a@example.com,Person A,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
		"b@example.com,Person B,1990-02-30,approved,passport,KOR,ops@acme.example\n"
	if err := os.WriteFile(refusing, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := im.run("", refusing, "--yes", "--skip-invalid"); code != 1 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	out, _, _ = im.run("", refusing, "--status")
	if want := "Rejects: " + strings.TrimSuffix(refusing, ".csv") + ".rejects.csv"; !strings.Contains(out, want) {
		t.Errorf("--status lacks %q:\n%s", want, out)
	}
	// Moved away since: not named any more.
	if err := os.Rename(strings.TrimSuffix(refusing, ".csv")+".results.csv", refusing+".moved"); err != nil {
		t.Fatal(err)
	}
	if out, _, _ = im.run("", refusing, "--status"); !strings.Contains(out, "Results: none") {
		t.Errorf("--status names a results file that was moved:\n%s", out)
	}
}

// closedURL is an API URL on a loopback port nothing listens on: every
// request is refused before it reaches a server.
func closedURL(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// With the server unreachable, --max-errors stops the run by itself: the
// progress says why (the server kept failing, N in a row) and nothing of
// an interrupt nobody made; "sent" counts only records that reached the
// server (none), beside the not-sent count, in the summary and in --json;
// the next step tells to run it again, not that records may exist.
func TestImportStopsWhenTheServerCannotBeReached(t *testing.T) {
	path := writeCSV(t, 40)
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			im := &importer{tb: t, state: t.TempDir(), url: closedURL(t)}
			c := im.command("", path, "--yes", "--rate", "0", "--max-errors", "6", "--json")
			c.Env = append(c.Env, "ARGOS_LANG="+lang)
			var o, e bytes.Buffer
			c.Stdout, c.Stderr = &o, &e
			_ = c.Run()
			errOut := e.String()
			if code := c.ProcessState.ExitCode(); code != 3 {
				t.Fatalf("exit %d, want 3\n%s", code, errOut)
			}
			want := map[string][]string{
				"en": {"Stopping: the server kept failing: 6 requests in a row failed (the last: could not reach the server)"},
				"ko": {"중단하는 중입니다: 서버 오류가 계속되었습니다. 요청 6개가 연속으로 실패했습니다"},
			}[lang]
			for _, w := range want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, not := range []string{"interrupt", "지금 중단하면", "Sent ", "개 보냄"} {
				if strings.Contains(errOut, not) {
					t.Errorf("stderr says %q:\n%s", not, errOut)
				}
			}
			lines := strings.Split(strings.TrimSpace(o.String()), "\n")
			var sum struct {
				Stopped   string
				PerSecond float64
				Message   string
				Code      string
				Run       struct{ Created, Rejected, Unknown, NotSent, Pending int }
				Totals    struct{ NotSent, Pending int }
			}
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
				t.Fatal(err)
			}
			if sum.Stopped != "errors" || sum.Run.NotSent == 0 || sum.Run.Created+sum.Run.Rejected+sum.Run.Unknown != 0 ||
				sum.PerSecond != 0 || sum.Code != "unknown" || !strings.HasPrefix(sum.Message, "some records were not sent") {
				t.Errorf("--json summary %+v", sum)
			}
		})
	}
	// The summary without --json: none sent, and why it stopped.
	im := &importer{tb: t, state: t.TempDir(), url: closedURL(t)}
	_, errOut, code := im.run("", path, "--yes", "--rate", "0", "--max-errors", "6")
	for _, w := range []string{": 0 sent\n", "The server kept failing: 6 requests in a row", " not sent: the server could not be reached",
		"Some records were not sent: run the same command again"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("the summary lacks %q (exit %d):\n%s", w, code, errOut)
		}
	}
	if strings.Contains(errOut, "may exist") || strings.Contains(errOut, "records/s") {
		t.Errorf("the summary of a run that reached no server:\n%s", errOut)
	}
}

// --status of an import to the built-in sandbox names it SANDBOX, not a
// server that is not ARGOS; and a count of none says nothing of records
// that may exist.
func TestImportStatusOfTheBuiltInSandbox(t *testing.T) {
	path := writeCSV(t, 3)
	state := t.TempDir()
	run := func(args ...string) (string, int) {
		c := exec.Command(binary, append([]string{"import", path, "--sandbox"}, args...)...)
		c.Env = []string{"HOME=" + state, "PATH=" + os.Getenv("PATH"), "XDG_STATE_HOME=" + state}
		out, _ := c.CombinedOutput()
		return string(out), c.ProcessState.ExitCode()
	}
	if out, code := run("--yes"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	out, code := run("--status")
	if code != 0 || !strings.Contains(out, "Import of "+path+" to SANDBOX (profile default)") || strings.Contains(out, "NOT ARGOS") ||
		!strings.Contains(out, "  0 unknown\n") || strings.Contains(out, "may exist") {
		t.Errorf("--status --sandbox: exit %d\n%s", code, out)
	}
}
