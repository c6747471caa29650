package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// recordingSandbox is the sandbox's handler behind a recorder of the raw
// request bodies, so a test sees exactly what the binary sent.
type recordingSandbox struct {
	*sandbox.Server
	mu     sync.Mutex
	bodies [][]byte
}

func startRecordingSandbox(tb testing.TB) (*recordingSandbox, string) {
	tb.Helper()
	rs := &recordingSandbox{Server: sandbox.New(sandbox.Options{})}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			tb.Error(err)
		}
		rs.mu.Lock()
		rs.bodies = append(rs.bodies, body)
		rs.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		rs.Server.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	return rs, srv.URL
}

func (rs *recordingSandbox) requests() [][]byte {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return append([][]byte(nil), rs.bodies...)
}

var sandboxID = regexp.MustCompile(`^sbx[0-9a-f]{12}_mg\n$`)

func TestAccessibleModeThroughTheBinary(t *testing.T) {
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	var want map[string]string
	if err := json.Unmarshal(must(os.ReadFile("testdata/sample-record.json")), &want); err != nil {
		t.Fatal(err)
	}
	key := "ARGOS_API_KEY=" + sandbox.Key

	for name, env := range map[string][]string{
		"--accessible":   {key},
		"ACCESSIBLE=1":   {key, "ACCESSIBLE=1"},
		"TERM=dumb":      {key, "TERM=dumb"},
		"and NO_COLOR=1": {key, "NO_COLOR=1", "ACCESSIBLE=1"},
	} {
		t.Run("complete answer file, "+name, func(t *testing.T) {
			rs, url := startRecordingSandbox(t)
			args := []string{"--api-url", url}
			if name == "--accessible" {
				args = append(args, "--accessible")
			}
			stdout, stderr, code := run(t, answers, env, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			bodies := rs.requests()
			if len(bodies) != 1 {
				t.Fatalf("the sandbox got %d requests, want 1", len(bodies))
			}
			var got map[string]string
			if err := json.Unmarshal(bodies[0], &got); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("sent %s (%v), want exactly the sample record", bodies[0], err)
			}
			if recs := rs.Records(); len(recs) != 1 || stdout != recs[0].ID+"\n" {
				t.Fatalf("stdout %q, want only the id", stdout)
			}
			if i := strings.IndexByte(stdout+stderr, 0x1b); i >= 0 {
				t.Fatalf("the transcript holds an ESC byte:\n%q", stderr)
			}
			if strings.Contains(stderr, want["identityNumber"]) {
				t.Error("the identity number is in the transcript")
			}
		})
	}

	t.Run("complete answer file, --accessible --sandbox", func(t *testing.T) {
		stdout, stderr, code := run(t, answers, nil, "--accessible", "--sandbox")
		if code != 0 || !sandboxID.MatchString(stdout) {
			t.Fatalf("exit %d, stdout %q\n%s", code, stdout, stderr)
		}
		if strings.IndexByte(stderr, 0x1b) >= 0 || !strings.Contains(stderr, "Records go to SANDBOX") {
			t.Fatalf("stderr:\n%q", stderr)
		}
	})

	t.Run("truncated answer file", func(t *testing.T) {
		rs, url := startRecordingSandbox(t)
		lines := strings.SplitAfter(answers, "\n")
		_, stderr, code := run(t, strings.Join(lines[:12], ""), []string{key}, "--accessible", "--api-url", url)
		if code != exitInvalid {
			t.Fatalf("exit %d, want %d\n%s", code, exitInvalid, stderr)
		}
		if n := len(rs.requests()); n != 0 {
			t.Fatalf("the sandbox got %d requests, want none", n)
		}
		if !strings.Contains(stderr, "The input ended at Expiry date. Nothing was submitted.") {
			t.Errorf("stderr:\n%s", stderr)
		}
	})

	t.Run("refused by the server, then the answers end", func(t *testing.T) {
		rs, url := startRecordingSandbox(t)
		bad := strings.Replace(answers, "admin@sample.com", sandbox.AdminInvalid, 1)
		_, stderr, code := run(t, bad, []string{key}, "--accessible", "--api-url", url)
		if code != exitRejected || len(rs.requests()) != 1 {
			t.Fatalf("exit %d, %d requests; want %d (rejected) and one\n%s", code, len(rs.requests()), exitRejected, stderr)
		}
		want := "✗ The input ended at Admin account. The admin account was refused: HTTP 400 invalid_admin: Invalid admin. The record was not created."
		if !strings.Contains(stderr, want) || strings.Contains(stderr, "Nothing was submitted") {
			t.Errorf("stderr lacks %q or claims nothing was submitted:\n%s", want, stderr)
		}
	})

	t.Run("refused answer", func(t *testing.T) {
		rs, url := startRecordingSandbox(t)
		bad := strings.Replace(answers, "2002-11-08", "2002-02-30", 1)
		_, stderr, code := run(t, bad, []string{key}, "--accessible", "--api-url", url)
		if code != exitInvalid || len(rs.requests()) != 0 {
			t.Fatalf("exit %d, %d requests; want %d and none\n%s", code, len(rs.requests()), exitInvalid, stderr)
		}
		for _, w := range []string{"✗ Not accepted: Birth date is not a real date: February 2002 has 28 days", "Fix line 4 and run again"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q:\n%s", w, stderr)
			}
		}
	})
}

// TestAccessibleKillWhileSendingIsLookedUpNextRun kills the binary while the
// record is out (the sandbox has created it and never answers): the draft
// saved before the send says the outcome is unknown, so the next run, with
// --resume (piped answers cannot answer "resume it?") and fed "submit,
// don't send anyway", looks the email up, says the record exists and sends
// nothing.
func TestAccessibleKillWhileSendingIsLookedUpNextRun(t *testing.T) {
	answers := strings.Replace(string(must(os.ReadFile("testdata/accessible-answers.txt"))),
		"admin@sample.com", sandbox.AdminStall, 1)
	rs, url := startRecordingSandbox(t)
	env := []string{"ARGOS_API_KEY=" + sandbox.Key, "XDG_STATE_HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}

	c := exec.Command(binary, "--accessible", "--api-url", url)
	c.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	c.Stdin = strings.NewReader(answers)
	var first bytes.Buffer
	c.Stderr = &first
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	if !termtest.Poll(termtest.Limit, func() bool { return len(rs.Records()) > 0 }) {
		_ = c.Process.Kill()
		_ = c.Wait()
		t.Fatalf("the record never reached the sandbox\n%s", first.String())
	}
	if err := c.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = c.Wait()

	_, stderr, code := run(t, "y\nn\n", env, "--accessible", "--resume", "--api-url", url)
	if code != exitCancelled {
		t.Fatalf("exit %d, want %d (declined)\n%s", code, exitCancelled, stderr)
	}
	if n := len(rs.Records()); n != 1 {
		t.Fatalf("the sandbox holds %d records, want only the first", n)
	}
	for _, want := range []string{
		"outcome unknown: the record may have been created",
		"Looking up submissions for migration@sample.com.",
		"! A submission for this email was created at ",
		"(id " + rs.Records()[0].ID + ").",
		"Send anyway? (y/n): n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// Piped answers on a profile with a draft from an earlier run (one that
// stopped at a bad date): the run does not take the answers' first line
// for "Resume it?", blaming a correct line. It reads nothing, says the
// draft is there and how to go on (--new, --resume), exits 2 and leaves the
// draft as it was; --new then starts from the answers and keeps the draft
// as a backup.
func TestPipedAnswersDoNotAnswerAnEarlierDraft(t *testing.T) {
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	bad := strings.Replace(answers, "2002-11-08\n", "2002-13-45\n", 1)
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state")}
	if _, stderr, code := run(t, bad, env, "--accessible", "--sandbox"); code != 2 || !strings.Contains(stderr, "line 4") {
		t.Fatalf("the bad answers: exit %d, want 2 at line 4\n%s", code, stderr)
	}
	drafts := func() map[string]string {
		got := map[string]string{}
		_ = filepath.WalkDir(filepath.Join(home, "state"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(d.Name(), "draft") && !strings.HasSuffix(p, ".lock") {
				got[filepath.Base(p)] = string(must(os.ReadFile(p)))
			}
			return nil
		})
		return got
	}
	before := drafts()
	if len(before) != 1 {
		t.Fatalf("drafts after the first run: %v", before)
	}
	stdout, stderr, code := run(t, answers, env, "--accessible", "--sandbox")
	if code != 2 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, want 2 and nothing\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"A draft with 3 filled fields was saved", `for profile "default"`,
		"no line was read, nothing was sent", "--new ", "--resume ", "error: a draft from an earlier run is waiting"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, never := range []string{"line 1", "Not accepted", "(y/n)", "Page 1"} {
		if strings.Contains(stderr, never) {
			t.Errorf("stderr says %q:\n%s", never, stderr)
		}
	}
	if after := drafts(); !reflect.DeepEqual(after, before) {
		t.Errorf("the draft changed: %v, was %v", after, before)
	}
	stdout, stderr, code = run(t, answers, env, "--accessible", "--sandbox", "--new")
	if code != 0 || !sandboxID.MatchString(stdout) {
		t.Fatalf("--new: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "The previous draft was kept as") {
		t.Errorf("--new does not say where the draft went:\n%s", stderr)
	}
}

// Flags that contradict each other are refused in accessible mode as in
// the wizard, before anything is read.
func TestAccessibleRefusesContradictoryDraftFlags(t *testing.T) {
	for _, args := range [][]string{{"--resume", "--new"}, {"--resume", "--from", "testdata/sample-record.json"}} {
		_, stderr, code := run(t, "admin@sample.com\n", nil, append([]string{"--accessible", "--sandbox"}, args...)...)
		if code != 2 || !strings.Contains(stderr, "cannot be used together") || strings.Contains(stderr, "Page 1") {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
	}
}
