package cmd

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// The sandbox's own key comes from the environment only and is never
// printed, so a test can recognise it wherever it might leak.
func TestSandboxKeyFromEnvironment(t *testing.T) {
	const key = "env-sandbox-key-0123456789"
	f, out, errOut := testFactory(t, map[string]string{EnvSandboxKey: key})
	root := NewCmdRoot(f, nil)
	root.SetArgs([]string{"sandbox"})
	root.SetOut(errOut)
	root.SetErr(errOut)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // start, report, stop
	if err := root.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+errOut.String(), key) {
		t.Fatalf("the sandbox printed its key:\n%s%s", out, errOut)
	}
	if !strings.Contains(errOut.String(), "$"+EnvSandboxKey+" (env-••••)") {
		t.Errorf("the sandbox does not say where its key comes from:\n%s", errOut)
	}

	var got *SandboxOptions
	root = NewCmdSandbox(f, &GlobalOptions{}, func(_ context.Context, o *SandboxOptions) error { got = o; return nil })
	root.SetArgs(nil)
	if err := root.Execute(); err != nil || got == nil || got.Key != key {
		t.Fatalf("sandbox options %+v, %v: want the key from %s", got, err, EnvSandboxKey)
	}
}

// The behaviour flags reach the options; values the sandbox cannot play are
// usage errors (exit 2) that name the flag.
func TestSandboxBehaviourFlags(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	var got *SandboxOptions
	c := NewCmdSandbox(f, &GlobalOptions{}, func(_ context.Context, o *SandboxOptions) error { got = o; return nil })
	c.SetArgs([]string{"--latency", "50ms", "--rate-limit", "50", "--fail-rate", "0.05", "--seed", "7",
		"--log", "requests.jsonl", "--max-records", "1000", "--max-image-bytes", "1048576"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	want := SandboxBehaviour{Latency: 50 * time.Millisecond, RateLimit: 50, FailRate: 0.05, Seed: 7,
		Log: "requests.jsonl", MaxRecords: 1000, MaxImageBytes: 1 << 20}
	if got == nil || got.Behaviour != want {
		t.Fatalf("options %+v, want %+v", got, want)
	}

	for _, tc := range []struct{ args, flag string }{
		{"--latency -1s", "latency"},
		{"--rate-limit -1", "rate-limit"},
		{"--fail-rate 1.5", "fail-rate"},
		{"--fail-rate NaN", "fail-rate"},
		{"--max-records -3", "max-records"},
		{"--max-image-bytes 0", "max-image-bytes"},
	} {
		c := NewCmdSandbox(f, &GlobalOptions{}, func(context.Context, *SandboxOptions) error {
			t.Fatalf("%s: ran", tc.args)
			return nil
		})
		c.SetArgs(strings.Fields(tc.args))
		c.SetOut(io.Discard)
		c.SetErr(io.Discard)
		if err := c.Execute(); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "--"+tc.flag) {
			t.Errorf("%s: %v, want a usage error naming --%s", tc.args, err, tc.flag)
		}
	}
}

// `argos-migrate sandbox` says what it plays, creates its log owner-only
// and appends to it, and counts what it served when it stops.
func TestSandboxCommandPlaysAndLogs(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "requests.jsonl")
	if err := os.WriteFile(logPath, []byte("{\"earlier\":true}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, _, errOut := testFactory(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var buf syncBuffer
	f.IO.Out = &buf
	go func() {
		done <- sandboxRun(ctx, &SandboxOptions{Factory: f, Behaviour: SandboxBehaviour{
			Latency: 20 * time.Millisecond, RateLimit: 1, Log: logPath, MaxImageBytes: sandbox.DefaultMaxImageBytes}})
	}()
	url := buf.waitLine(t)
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, url+apiclient.LookupPath+"?email=a@b.co", nil)
		req.Header.Set("x-api-key", sandbox.Key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := errOut.String(); !strings.Contains(s, "Playing: latency 20ms, rate limit 1/s, request log "+logPath) ||
		!strings.Contains(s, "0 submission(s), 2 request(s), at most 2 in one second, 1 answered 429.") {
		t.Errorf("stderr:\n%s", s)
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || lines[0] != `{"earlier":true}` || !strings.Contains(lines[1], `"status":200`) || !strings.Contains(lines[2], `"status":429`) {
		t.Errorf("log:\n%s", data)
	}
	if fi, err := os.Stat(logPath); err == nil && fi.Mode().Perm()&0o077 != 0 && runtime.GOOS != "windows" {
		t.Errorf("log mode %v", fi.Mode().Perm())
	}
	fresh := filepath.Join(t.TempDir(), "new.jsonl")
	_, stop, err := startSandbox(0, sandbox.Options{}, SandboxBehaviour{Log: fresh, MaxImageBytes: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(fresh); err != nil || (fi.Mode().Perm() != 0o600 && runtime.GOOS != "windows") {
		t.Errorf("a new log: %v %v", fi, err)
	}
}

// --sandbox on any command takes the same flags from $ARGOS_SANDBOX_FLAGS:
// here a fail rate of 1 makes a submit's outcome unknown while the record
// exists, and the log says so; a wrong value is a usage error.
func TestInProcessSandboxTakesFlagsFromTheEnvironment(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "requests.jsonl")
	f, _, _ := testFactory(t, map[string]string{EnvSandboxFlags: "--latency 100ms --fail-rate 1 --seed 3 --log " + logPath})
	g := &GlobalOptions{Sandbox: true, Timeout: 5 * time.Second}
	target, err := ResolveTargetContext(context.Background(), f, g)
	if err != nil {
		t.Fatal(err)
	}
	c, err := target.Client(f, g)
	if err != nil {
		t.Fatal(err)
	}
	rec := apitest.Sample()
	start := time.Now()
	_, err = c.Submit(context.Background(), rec)
	took := time.Since(start)
	if !apiclient.MaybeCreated(err) {
		t.Fatalf("submit: %v, want an unknown outcome", err)
	}
	if took < 100*time.Millisecond {
		t.Errorf("answered after %v, before the latency", took)
	}
	found, err := c.FindByEmail(context.Background(), rec.Email)
	if err != nil || len(found) != 1 {
		t.Fatalf("lookup: %+v, %v", found, err)
	}
	target.Close()
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 2 || !strings.Contains(string(data), `"path":"/v3/submission/migration"`) {
		t.Errorf("log:\n%s", data)
	}

	for _, v := range []string{"--latency soon", "--fail-rate 2", "--nope", "latency=5ms"} {
		f, _, _ := testFactory(t, map[string]string{EnvSandboxFlags: v})
		if _, err := ResolveTargetContext(context.Background(), f, g); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), EnvSandboxFlags) {
			t.Errorf("%q: %v, want a usage error naming $%s", v, err, EnvSandboxFlags)
		}
	}
}

// syncBuffer is a buffer a test reads while a command writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// waitLine waits for the first line written.
func (s *syncBuffer) waitLine(t *testing.T) string {
	t.Helper()
	var line string
	if !termtest.Poll(termtest.Limit, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		var ok bool
		line, ok = strings.CutSuffix(s.b.String(), "\n")
		return ok
	}) {
		t.Fatal("nothing was written")
	}
	return line
}
