package main

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFaultMatrix drives the real binary against servers that fail in every
// way a network and a gateway can, and checks the exit code, that the message
// says whether the record may exist, that nothing reaches stdout, and that
// memory stays bounded.
func TestFaultMatrix(t *testing.T) {
	handler := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		}
	}
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name    string
		url     func(t *testing.T) string
		timeout string
		code    int
		say     string
	}{
		{name: "connection refused", url: refusedURL, code: 3, say: "nothing was sent"},
		{name: "dns failure", url: func(*testing.T) string { return "https://argos-migrate-test.invalid" }, code: 3, say: "nothing was sent"},
		{name: "tls self-signed", url: func(t *testing.T) string { return serveTLS(t, handler(200, `{"submissionId":"x"}`)) }, code: 3, say: "certificate"},
		{name: "403", url: serve(handler(403, `{"message":"Forbidden"}`)), code: 1, say: "key was refused"},
		{name: "400 invalid_payload", url: serve(handler(400, `{"errorCode":"invalid_payload","message":"Invalid payload."}`)), code: 1, say: "could not read the request body"},
		{name: "400 missing_data", url: serve(handler(400, `{"errorCode":"missing_data","message":"Required input data is missing."}`)), code: 1, say: "required field is missing"},
		{name: "400 invalid_project", url: serve(handler(400, `{"errorCode":"invalid_project","message":"Invalid project."}`)), code: 1, say: "not belong to a valid project"},
		{name: "400 invalid_admin", url: serve(handler(400, `{"errorCode":"invalid_admin","message":"Invalid admin."}`)), code: 1, say: "no rights on this project"},
		{name: "400 invalid_parameter", url: serve(handler(400, `{"errorCode":"invalid_parameter","message":"invalid parameter: nick"}`)), code: 1, say: `does not know the field "nick"`},
		{name: "400 invalid_format", url: serve(handler(400, `{"errorCode":"invalid_format","message":"invalid format: birthDate"}`)), code: 1, say: "format of Birth date (birthDate)"},
		{name: "400 processing_error", url: serve(handler(400, `{"errorCode":"processing_error","message":"Failed to complete migration."}`)), code: 3, say: "may or may not exist"},
		{name: "413", url: serve(handler(413, `{"message":"Request Entity Too Large"}`)), code: 1, say: "too large"},
		{name: "429", url: serve(handler(429, `{"message":"Too Many Requests"}`)), code: 3, say: "was not created"},
		{name: "500", url: serve(handler(500, `{"message":"Internal server error"}`)), code: 3, say: "may or may not have been created"},
		{name: "html 502", url: serve(handler(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")), code: 3, say: "may or may not have been created"},
		{name: "504", url: serve(handler(504, `{"message":"Endpoint request timed out"}`)), code: 3, say: "may or may not have been created"},
		{name: "reset after body", url: serve(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}), code: 3, say: "may have been created"},
		{name: "never answers", timeout: "500ms", url: serve(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client leave
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}), code: 3, say: "may have been created"},
		{name: "slow drip", timeout: "700ms", url: serve(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(200)
			for i := 0; i < 100; i++ {
				if _, err := io.WriteString(w, " "); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-time.After(50 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
			}
		}), code: 3, say: "may have been created"},
		{name: "200 not json", url: serve(handler(200, `<html>ok</html>`)), code: 3, say: "may have been created"},
		{name: "200 empty", url: serve(handler(200, ``)), code: 3, say: "may have been created"},
		{name: "200 without id", url: serve(handler(200, `{"message":"success"}`)), code: 3, say: "may have been created"},
		{name: "200 with 64 MB", url: serve(func(w http.ResponseWriter, r *http.Request) {
			chunk := []byte(strings.Repeat("a", 1<<20))
			for i := 0; i < 64; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}), code: 3, say: "may have been created"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timeout := tt.timeout
			if timeout == "" {
				timeout = "5s"
			}
			c := exec.Command(binary, "submit", "--file", "testdata/sample-record.json", "--api-url", tt.url(t), "--timeout", timeout)
			c.Env = []string{"HOME=" + t.TempDir(), "ARGOS_API_KEY=fault-matrix-key"}
			var out, errOut strings.Builder
			c.Stdout, c.Stderr = &out, &errOut
			_ = c.Run()
			if code := c.ProcessState.ExitCode(); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut.String())
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing", out.String())
			}
			if !strings.Contains(errOut.String(), tt.say) {
				t.Errorf("stderr %q does not say %q", errOut.String(), tt.say)
			}
			if strings.Contains(errOut.String(), "fault-matrix-key") {
				t.Error("the key reached stderr")
			}
			if rss := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss; rss > 60<<10 {
				t.Errorf("peak memory %d KiB, want under 60 MiB", rss)
			}
		})
	}
}

func serve(h http.HandlerFunc) func(t *testing.T) string {
	return func(t *testing.T) string {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL
	}
}

func serveTLS(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = nil
	srv.Config.ErrorLog = newDiscardLogger()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

func refusedURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	return url
}

func newDiscardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
