//go:build unix

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
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// started is the binary running in the background, its output kept.
type started struct {
	c           *exec.Cmd
	out, errOut bytes.Buffer
}

func start(tb testing.TB, stdin io.Reader, env []string, args ...string) *started {
	tb.Helper()
	s := &started{c: exec.Command(binary, args...)}
	s.c.Env = append([]string{"HOME=" + tb.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	s.c.Stdin = stdin
	s.c.Stdout, s.c.Stderr = &s.out, &s.errOut
	if err := s.c.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if s.c.ProcessState == nil {
			_ = s.c.Process.Kill()
			_ = s.c.Wait()
		}
	})
	return s
}

// stop sends sig and waits (a few seconds at most) for the exit code.
func (s *started) stop(tb testing.TB, sig syscall.Signal) int {
	tb.Helper()
	if err := s.c.Process.Signal(sig); err != nil {
		tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = s.c.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = s.c.Process.Kill()
		<-done
		tb.Fatalf("still running 5 s after %v; stderr %q", sig, s.errOut.String())
	}
	return s.c.ProcessState.ExitCode()
}

// TestSignalWhileSending ends a submit whose request the server holds: a
// closed terminal (SIGHUP) ends it like SIGTERM and ctrl+c do, with exit 3
// (the record may exist: a script must not take it for "nothing happened",
// which is 130), saying the record may have been created, and under --json
// with the one JSON object saying so.
func TestSignalWhileSending(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		for _, asJSON := range []bool{false, true} {
			name := sig.String()
			if asJSON {
				name += " --json"
			}
			t.Run(name, func(t *testing.T) {
				arrived := make(chan struct{}, 1)
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.Copy(io.Discard, r.Body)
					arrived <- struct{}{}
					<-r.Context().Done() // holds the answer until the client leaves
				}))
				defer srv.Close()
				args := []string{"submit", "--api-url", srv.URL, "--file", "testdata/sample-record.json"}
				if asJSON {
					args = append(args, "--json")
				}
				s := start(t, nil, []string{"ARGOS_API_KEY=signal-test-key"}, args...)
				select {
				case <-arrived:
				case <-time.After(10 * time.Second):
					t.Fatalf("the request never arrived; stderr %q", s.errOut.String())
				}
				if code := s.stop(t, sig); code != 3 {
					t.Fatalf("exit %d, want 3; stderr %q", code, s.errOut.String())
				}
				if !strings.Contains(s.errOut.String(), "may have been created") {
					t.Errorf("stderr %q does not say the record may have been created", s.errOut.String())
				}
				if !asJSON {
					if s.out.Len() != 0 {
						t.Errorf("stdout %q", s.out.String())
					}
					return
				}
				var res struct {
					OK           bool  `json:"ok"`
					MaybeCreated *bool `json:"maybeCreated"`
					Code         string
				}
				if err := json.Unmarshal(s.out.Bytes(), &res); err != nil || res.OK || res.Code != "cancelled" ||
					res.MaybeCreated == nil || !*res.MaybeCreated {
					t.Errorf("stdout %q (%v), want one object: cancelled, maybeCreated", s.out.String(), err)
				}
			})
		}
	}
}

// TestReadingTheRecordCanBeStopped waits on a FIFO nobody writes to (open
// blocks) and on a pipe that never ends (read blocks): ctrl+c and SIGTERM
// end the run at once with 130, saying nothing was sent.
func TestReadingTheRecordCanBeStopped(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "record.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no FIFOs here: %v", err)
		}
		t.Skipf("no FIFOs here: %v", err)
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	defer srv.Close()
	env := []string{"ARGOS_API_KEY=fifo-test-key"}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run("FIFO, "+sig.String(), func(t *testing.T) {
			s := start(t, nil, env, "submit", "--api-url", srv.URL, "--file", fifo)
			time.Sleep(300 * time.Millisecond) // into open(2)
			if code := s.stop(t, sig); code != 130 || !strings.Contains(s.errOut.String(), "nothing was sent") {
				t.Errorf("exit %d, stderr %q; want 130 and that nothing was sent", code, s.errOut.String())
			}
		})
		t.Run("endless standard input, "+sig.String(), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			_, _ = w.WriteString(`{"admin": "admin@sample.com",`) // half a record, then nothing
			s := start(t, r, env, "submit", "--api-url", srv.URL, "--json", "--file", "-")
			r.Close()
			time.Sleep(300 * time.Millisecond)
			if code := s.stop(t, sig); code != 130 || !strings.Contains(s.errOut.String(), "while waiting for standard input: nothing was sent") {
				t.Errorf("exit %d, stderr %q; want 130 and that nothing was sent", code, s.errOut.String())
			}
			var res struct {
				Code         string
				MaybeCreated *bool `json:"maybeCreated"`
			}
			if err := json.Unmarshal(s.out.Bytes(), &res); err != nil || res.Code != "cancelled" || res.MaybeCreated == nil || *res.MaybeCreated {
				t.Errorf("stdout %q (%v), want cancelled and not created", s.out.String(), err)
			}
		})
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the server got %d requests", n)
	}
}
