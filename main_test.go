package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/ui"
	"argos-migrate/ui/cmd"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "argos-migrate-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "argos-migrate")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("building the binary: " + string(out))
	}
	code := apitest.PrivateFolders(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// run executes the real binary with a clean environment plus env.
func run(tb testing.TB, stdin string, env []string, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	c := exec.Command(binary, args...)
	c.Env = append([]string{"HOME=" + tb.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	c.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	c.Stdout, c.Stderr = &o, &e
	err := c.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatal(err)
	}
	return o.String(), e.String(), c.ProcessState.ExitCode()
}

func TestSubmitProcessSendsDocumentedRequest(t *testing.T) {
	var hdr http.Header
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr, body = r.Header, must(io.ReadAll(r.Body))
		_, _ = io.WriteString(w, `{"message": "success", "submissionId": "submissionId2_mg"}`)
	}))
	defer srv.Close()
	out, errOut, code := run(t, "", []string{"ARGOS_API_KEY=key-from-env"}, "submit", "--file", "testdata/sample-record.json", "--api-url", srv.URL)
	if code != 0 || out != "submissionId2_mg\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if hdr.Get("x-api-key") != "key-from-env" || hdr.Get("Content-Type") != "application/json" || !strings.HasPrefix(hdr.Get("User-Agent"), "argos-migrate/") {
		t.Errorf("headers %v", hdr)
	}
	want := must(os.ReadFile("testdata/sample-record.json"))
	a, _ := apiclient.DecodeSubmission(bytes.NewReader(want))
	b, err := apiclient.DecodeSubmission(bytes.NewReader(body))
	if err != nil || a != b {
		t.Errorf("sent %s (%v), want the sample record", body, err)
	}
}

func TestExitCodes(t *testing.T) {
	rejected := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"errorCode":"invalid_admin","message":"Invalid admin."}`)
	}))
	defer rejected.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		_, _ = io.WriteString(w, `<html>bad gateway</html>`)
	}))
	defer failing.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	refused := "http://" + ln.Addr().String()
	ln.Close()
	key := []string{"ARGOS_API_KEY=k"}
	sample := "testdata/sample-record.json"
	tests := []struct {
		name    string
		stdin   string
		env     []string
		args    []string
		code    int
		wantErr string
	}{
		{name: "created", args: []string{"submit", "--sandbox", "-f", sample}, code: 0},
		{name: "rejected", env: key, args: []string{"submit", "--api-url", rejected.URL, "-f", sample}, code: 1, wantErr: "admin account has no rights"},
		{name: "invalid record", stdin: `{"admin":"nope"}`, args: []string{"submit", "--sandbox", "-f", "-"}, code: 2, wantErr: "admin: is not an email address"},
		{name: "no key", args: []string{"submit", "-f", sample}, code: 2, wantErr: "ARGOS_API_KEY"},
		{name: "unknown flag", args: []string{"submit", "--nope"}, code: 2, wantErr: "error: unknown flag: --nope\nRun `argos-migrate submit --help` for usage."},
		{name: "no file flag", args: []string{"submit"}, code: 2, wantErr: "error: --file is required"},
		{name: "no such record file", args: []string{"submit", "--sandbox", "-f", "nosuch.json"}, code: 2, wantErr: "error: no file named nosuch.json (looked in "},
		{name: "no such file to import", args: []string{"import", "nosuch.csv", "--dry-run"}, code: 2, wantErr: "opening the file to import: no file named nosuch.csv (looked in "},
		{name: "unknown command", args: []string{"nosuch"}, code: 2, wantErr: `unknown command "nosuch"`},
		{name: "stray argument", args: []string{"submit", "extra", "-f", sample}, code: 2, wantErr: "Run `argos-migrate submit --help` for usage."},
		{name: "auth status stray argument", args: []string{"auth", "status", "extra"}, code: 2, wantErr: "Run `argos-migrate auth status --help` for usage."},
		{name: "502 may exist", env: key, args: []string{"submit", "--api-url", failing.URL, "-f", sample}, code: 3, wantErr: "may have been created"},
		{name: "refused not sent", env: key, args: []string{"submit", "--api-url", refused, "-f", sample}, code: 3, wantErr: "was not sent"},
		{name: "reset may exist", args: []string{"submit", "--sandbox", "-f", "-"}, stdin: strings.Replace(string(must(os.ReadFile(sample))), "admin@sample.com", "drop@sandbox.test", 1), code: 3, wantErr: "may have been created"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.stdin, tt.env, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			if code != 0 && out != "" {
				t.Errorf("stdout %q on failure, want nothing", out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q does not say %q", errOut, tt.wantErr)
			}
			// A usage mistake says what was wrong, not "usage:" (the
			// sentinel's text), and points at the command's help.
			if strings.Contains(errOut, "usage: ") {
				t.Errorf("stderr %q shows the usage sentinel's text", errOut)
			}
		})
	}
}

// What was asked for is the result: help, the version and completion
// scripts go to stdout, where a pipe or `source <(...)` can take them.
func TestRequestedOutputGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"--version"}, {"completion", "bash"}, {"submit", "--help"}} {
		out, errOut, code := run(t, "", nil, args...)
		if code != 0 || out == "" || errOut != "" {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
	out, _, _ := run(t, "", nil, "completion", "bash")
	if !strings.Contains(out, "argos-migrate") || !strings.Contains(out, "complete") {
		t.Errorf("completion bash printed %q", out[:min(len(out), 200)])
	}
}

func TestExitCodeMapping(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{&apiclient.APIError{Status: 400, Code: "invalid_admin"}, 1},
		{&apiclient.APIError{Status: 403}, 1},
		{&apiclient.APIError{Status: 429}, 3},
		{&apiclient.APIError{Status: 503}, 3},
		{&apiclient.TransportError{Sent: true, Err: io.ErrUnexpectedEOF}, 3},
		{&apiclient.TransportError{Sent: false, Err: io.ErrUnexpectedEOF}, 3},
		{&apiclient.ValidationError{}, 2},
		{apiclient.ErrNoKey, 2},
		{fmt.Errorf("ARGOS_API_KEY: %w", apiclient.CheckKeyText("k\n")), 2},
		{&apiclient.DuplicateKeyError{Key: "email"}, 2},
		{&apiclient.EncodingError{Field: "fullName"}, 2},
		{&apiclient.RedirectError{Status: 307, Record: true}, 3},
		{fmt.Errorf("the key was not stored: %w", &apiclient.RedirectError{Status: 301}), 3},
		{&apiclient.APIError{Status: 200, Message: "unusable submissionId"}, 3},
		{&cmd.OutputError{IDs: []string{"sbx1_mg"}, Err: io.ErrShortWrite}, 4},
		{fmt.Errorf("in the wizard: %w", &cmd.OutputError{IDs: []string{"a", "b"}, Err: io.ErrClosedPipe}), 4},
		{cmd.ErrUsage, 2},
		{cmd.ErrCancelled, 130},
		{context.Canceled, 130},
		// Stopped while the record was out: it may exist, whatever stopped it.
		{fmt.Errorf("submitting the record: %w", &apiclient.TransportError{Sent: true, Err: context.Canceled}), 3},
		{fmt.Errorf("%w: %w", cmd.ErrCancelled, apiclient.ErrOutcomeUnknown), 3},
		// A key check posts an empty record: stopping it creates nothing.
		{fmt.Errorf("%w: %w", apiclient.ErrKeyUnchecked, &apiclient.TransportError{Sent: true, Err: context.Canceled}), 130},
		{fmt.Errorf("in the wizard: %w", &ui.CrashError{Where: "x"}), 70},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
