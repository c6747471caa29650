package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// recorder is a server that must receive nothing: it counts connections,
// not only requests, so even a connection that sends no request counts.
type recorder struct {
	srv   *httptest.Server
	conns atomic.Int32
}

func newRecorder(tb testing.TB, addr string) *recorder {
	tb.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if os.Getenv("CI") == "true" && runtime.GOOS == "linux" {
			tb.Fatalf("cannot listen on %s: %v", addr, err) // all of 127/8 is loopback on Linux
		}
		tb.Skipf("cannot listen on %s: %v", addr, err)
	}
	r := &recorder{}
	r.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"message":"success","submissionId":"stolen","Items":[]}`)
	}))
	r.srv.Listener.Close()
	r.srv.Listener = ln
	r.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			r.conns.Add(1)
		}
	}
	r.srv.Start()
	tb.Cleanup(r.srv.Close)
	return r
}

// redirector answers every request with status and a Location built from
// the request (so a loop can point at itself), counting the requests.
type redirector struct {
	srv  *httptest.Server
	hits atomic.Int32
	body atomic.Int64 // bytes of request bodies received
}

func newRedirector(tb testing.TB, status int, tls bool, location func(self string) string) *redirector {
	tb.Helper()
	rd := &redirector{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rd.hits.Add(1)
		n, _ := io.Copy(io.Discard, r.Body)
		rd.body.Add(n)
		if loc := location(rd.srv.URL); loc != "" {
			w.Header().Set("Location", loc)
		}
		w.WriteHeader(status)
	})
	if tls {
		rd.srv = httptest.NewTLSServer(h)
	} else {
		rd.srv = httptest.NewServer(h)
	}
	tb.Cleanup(rd.srv.Close)
	return rd
}

// TestNoRedirectIsFollowed sends a submit, the key check, the lookup and
// the image call to servers that answer every redirect status, pointing at
// another server on loopback, another loopback address, plain http from
// https, and themselves (a loop). The target never sees a connection, the first
// server sees exactly one request, and the error names the target.
func TestNoRedirectIsFollowed(t *testing.T) {
	other := newRecorder(t, "127.0.0.1:0")
	otherAddr := newRecorder(t, "127.0.0.2:0")
	plain := newRecorder(t, "127.0.0.1:0")
	targets := []struct {
		name     string
		tls      bool
		location func(self string) string
		rec      *recorder
		want     string // in the error
	}{
		{"another server", false, func(string) string { return other.srv.URL + "/v3/submission/migration" }, other, other.srv.URL},
		{"another loopback address", false, func(string) string { return otherAddr.srv.URL + "/steal?key=1" }, otherAddr, otherAddr.srv.URL},
		{"plain http from https", true, func(string) string { return plain.srv.URL + "/v3/submission/migration" }, plain, plain.srv.URL},
		{"itself (a loop)", false, func(self string) string { return self + "/v3/submission/migration" }, nil, "127.0.0.1"},
		{"a relative path", false, func(string) string { return "/elsewhere" }, nil, "127.0.0.1"},
	}
	images := prepared(t, "sbx1", "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: pngImage(t)})
	calls := []struct {
		name   string
		record bool
		call   func(*apiclient.Client) error
	}{
		{"image call", false, func(c *apiclient.Client) error { return c.AttachImages(context.Background(), images) }},
		{"submit", true, func(c *apiclient.Client) error {
			_, err := c.Submit(context.Background(), apitest.Sample())
			return err
		}},
		{"key check", false, func(c *apiclient.Client) error { return c.CheckKey(context.Background()) }},
		{"lookup", false, func(c *apiclient.Client) error {
			_, err := c.FindByEmail(context.Background(), "migration@sample.com")
			return err
		}},
	}
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, tg := range targets {
			for _, call := range calls {
				t.Run(fmt.Sprintf("%d to %s, %s", status, tg.name, call.name), func(t *testing.T) {
					first := newRedirector(t, status, tg.tls, tg.location)
					// The test server's own client trusts its certificate
					// and, like any http.Client, follows redirects by
					// default: New must not let it.
					c, err := apiclient.New(apiclient.Options{BaseURL: first.srv.URL, APIKey: "redirect-key",
						HTTPClient: first.srv.Client()})
					if err != nil {
						t.Fatal(err)
					}
					err = call.call(c)
					var re *apiclient.RedirectError
					if !errors.As(err, &re) {
						t.Fatalf("error %v (%T), want a *RedirectError", err, err)
					}
					if re.Status != status || !strings.Contains(err.Error(), tg.want) || !strings.Contains(err.Error(), "nothing was sent there") {
						t.Errorf("error %q: want status %d, the target %q and that nothing was sent there", err, status, tg.want)
					}
					if strings.Contains(err.Error(), "steal") || strings.Contains(err.Error(), "key=") {
						t.Errorf("error %q quotes the Location's path or query", err)
					}
					if got := apiclient.MaybeCreated(err); got != call.record {
						t.Errorf("MaybeCreated = %v, want %v: only a redirected record reached a server that may have kept it", got, call.record)
					}
					if n := first.hits.Load(); n != 1 {
						t.Errorf("the first server got %d requests, want 1", n)
					}
					if tg.rec != nil {
						if n := tg.rec.conns.Load(); n != 0 {
							t.Errorf("the redirect's target got %d connections, want none", n)
						}
					}
				})
			}
		}
	}
}

// A caller's client is copied, not changed: it still follows redirects in
// the caller's hands (that is the caller's business), never in ours.
func TestNewLeavesTheCallersClientAlone(t *testing.T) {
	hc := &http.Client{}
	if _, err := apiclient.New(apiclient.Options{BaseURL: "https://rest-api.argosidentity.com", APIKey: "k", HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	if hc.CheckRedirect != nil {
		t.Error("New changed the caller's http.Client")
	}
	if apiclient.NewHTTPClient().CheckRedirect == nil {
		t.Error("NewHTTPClient follows redirects")
	}
}

// A redirect to a host in another script names it in punycode; a Location
// holding escape codes is drawn harmless.
func TestRedirectTargetIsShownSafely(t *testing.T) {
	for loc, want := range map[string]string{
		"https://аrgosidentity.com/x":        "https://xn--rgosidentity-",
		"https://REST-API.argosidentity.com": "https://rest-api.argosidentity.com",
		"https://evil.example:8443/\x1b[2J":  "https://evil.example:8443",
		"":                                   "with no Location",
	} {
		first := newRedirector(t, 307, false, func(string) string { return loc })
		_, err := newClient(t, first.srv.URL, "k", 0).Submit(context.Background(), apitest.Sample())
		if err == nil || !strings.Contains(err.Error(), want) || strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("Location %q: error %q, want it to say %q and hold no escape", loc, err, want)
		}
	}
}
