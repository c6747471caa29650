package apitest

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Fault is one way the network or the vendor's gateway can fail a submit,
// served on loopback so a test controls it.
type Fault struct {
	Name string
	// URL starts what the fault needs (a server on 127.0.0.1, or a port
	// nobody listens on) for the rest of the test and returns the API base
	// URL to submit to.
	URL func(tb testing.TB) string
	// Timeout, when set, is the client timeout under which the fault ends
	// quickly (a server that never answers, a slow drip); zero means any.
	Timeout time.Duration
}

// Faults is the fault matrix: every failure a submit must survive, in the
// order the README's troubleshooting table lists them. The top-level fault
// test drives the real binary through each; the wizard's test drives the
// wizard. Each keeps its own expectations by Name, and must have one for
// every fault listed here.
func Faults() []Fault {
	return []Fault{
		{Name: "connection refused", URL: refusedURL},
		{Name: "dns failure", URL: func(testing.TB) string { return "https://argos-migrate-test.invalid" }},
		{Name: "tls self-signed", URL: serveTLS(answer(200, `{"submissionId":"x"}`))},
		{Name: "403", URL: serve(answer(403, `{"message":"Forbidden"}`))},
		{Name: "400 invalid_payload", URL: serve(answer(400, `{"errorCode":"invalid_payload","message":"Invalid payload."}`))},
		{Name: "400 missing_data", URL: serve(answer(400, `{"errorCode":"missing_data","message":"Required input data is missing."}`))},
		{Name: "400 invalid_project", URL: serve(answer(400, `{"errorCode":"invalid_project","message":"Invalid project."}`))},
		{Name: "400 invalid_admin", URL: serve(answer(400, `{"errorCode":"invalid_admin","message":"Invalid admin."}`))},
		{Name: "400 invalid_parameter", URL: serve(answer(400, `{"errorCode":"invalid_parameter","message":"invalid parameter: nick"}`))},
		{Name: "400 invalid_format", URL: serve(answer(400, `{"errorCode":"invalid_format","message":"invalid format: birthDate"}`))},
		{Name: "400 processing_error", URL: serve(answer(400, `{"errorCode":"processing_error","message":"Failed to complete migration."}`))},
		{Name: "413", URL: serve(answer(413, `{"message":"Request Entity Too Large"}`))},
		{Name: "429", URL: serve(answer(429, `{"message":"Too Many Requests"}`))},
		{Name: "429 with Retry-After", URL: serve(withHeader("Retry-After", "120", answer(429, `{"message":"Too Many Requests"}`)))},
		{Name: "307 redirect", URL: serve(redirect(307, "https://elsewhere.example/v3/submission/migration"))},
		{Name: "303 redirect", URL: serve(redirect(303, "https://elsewhere.example/done"))},
		{Name: "500", URL: serve(answer(500, `{"message":"Internal server error"}`))},
		{Name: "html 502", URL: serve(answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"))},
		{Name: "504", URL: serve(answer(504, `{"message":"Endpoint request timed out"}`))},
		{Name: "reset after body", URL: serve(resetAfterBody)},
		{Name: "never answers", Timeout: 500 * time.Millisecond, URL: neverAnswers},
		{Name: "slow drip", Timeout: 700 * time.Millisecond, URL: serve(slowDrip)},
		{Name: "200 not json", URL: serve(answer(200, `<html>ok</html>`))},
		{Name: "200 empty", URL: serve(answer(200, ``))},
		{Name: "200 without id", URL: serve(answer(200, `{"message":"success"}`))},
		{Name: "200 blank id", URL: serve(answer(200, `{"message":"success","submissionId":"  "}`))},
		{Name: "200 id with escape", URL: serve(answer(200, `{"message":"success","submissionId":"id\u001b[2J"}`))},
		{Name: "200 id not UTF-8", URL: serve(answer(200, "{\"message\":\"success\",\"submissionId\":\"id\xff\"}"))},
		{Name: "200 with 64 MB", URL: serve(sixtyFourMB)},
	}
}

// answer reads the whole request, then answers status and body.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// withHeader sets a header on every answer of h.
func withHeader(key, value string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(key, value)
		h(w, r)
	}
}

// redirect reads the request, then points elsewhere with status: the
// migration API never redirects, and a client must not follow.
func redirect(status int, location string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", location)
		w.WriteHeader(status)
	}
}

// resetAfterBody reads the request, then resets the connection (RST, not
// FIN) without a word: the record may have been created.
func resetAfterBody(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// neverAnswers reads the request and waits until the client leaves or the
// test ends.
func neverAnswers(tb testing.TB) string {
	release := make(chan struct{})
	url := serve(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client leave
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})(tb)
	// Cleanups run last-in first-out: the handler is released before the
	// server's Close waits for it.
	tb.Cleanup(func() { close(release) })
	return url
}

// slowDrip answers 200 and then one space every 50 ms, for five seconds.
func slowDrip(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.WriteHeader(200)
	for range 100 {
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
}

// sixtyFourMB answers 200 with 64 MiB of "a".
func sixtyFourMB(w http.ResponseWriter, _ *http.Request) {
	chunk := []byte(strings.Repeat("a", 1<<20))
	for range 64 {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func serve(h http.HandlerFunc) func(tb testing.TB) string {
	return func(tb testing.TB) string {
		srv := httptest.NewServer(h)
		tb.Cleanup(srv.Close)
		return srv.URL
	}
}

// serveTLS serves h over TLS with httptest's self-signed certificate, which
// no client trusts; the handshake errors it logs are dropped.
func serveTLS(h http.HandlerFunc) func(tb testing.TB) string {
	return func(tb testing.TB) string {
		srv := httptest.NewUnstartedServer(h)
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.StartTLS()
		tb.Cleanup(srv.Close)
		return srv.URL
	}
}

// refusedURL is a loopback port that was free a moment ago: connecting to
// it is refused.
func refusedURL(tb testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	_ = ln.Close()
	return url
}
