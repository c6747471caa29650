package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRedirectsAreNotFollowed drives submit, image and auth login through
// the real binary against a server that redirects to another: the second server
// sees no connection, the run exits 3 and names where the redirect pointed.
func TestRedirectsAreNotFollowed(t *testing.T) {
	var targetConns atomic.Int32
	target := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"message":"success","submissionId":"stolen"}`)
	}))
	target.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			targetConns.Add(1)
		}
	}
	target.Start()
	defer target.Close()
	for _, status := range []int{301, 302, 303, 307, 308} {
		first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			http.Redirect(w, r, target.URL+r.URL.Path, status)
		}))
		key := []string{"ARGOS_API_KEY=redirect-test-key"}
		out, errOut, code := run(t, "", key, "submit", "--api-url", first.URL, "--file", "testdata/sample-record.json")
		if code != 3 || out != "" {
			t.Errorf("%d: exit %d, stdout %q; want 3 and nothing", status, code, out)
		}
		for _, want := range []string{target.URL, "nothing was sent there", "may have acted on it"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%d: stderr %q does not say %q", status, errOut, want)
			}
		}
		out, _, code = run(t, "", key, "submit", "--json", "--api-url", first.URL, "--file", "testdata/sample-record.json")
		var res struct {
			Code         string `json:"code"`
			RedirectedTo string `json:"redirectedTo"`
			MaybeCreated *bool  `json:"maybeCreated"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 3 || res.Code != "redirect" ||
			res.RedirectedTo != target.URL || res.MaybeCreated == nil || !*res.MaybeCreated {
			t.Errorf("%d --json: exit %d, %s (%v)", status, code, out, err)
		}
		// The image call: the images go nowhere else either, exit 3.
		_, errOut, code = run(t, "", key, "image", "--api-url", first.URL, "--submission", "sbx0123456789ab_mg",
			"--admin", "admin@sample.com", "--selfie", "testdata/images/selfie.png")
		if code != 3 || !strings.Contains(errOut, target.URL) || !strings.Contains(errOut, "redirect") {
			t.Errorf("%d image: exit %d, stderr %q; want 3, naming %s", status, code, errOut, target.URL)
		}
		out, _, code = run(t, "", key, "image", "--json", "--api-url", first.URL, "--submission", "sbx0123456789ab_mg",
			"--admin", "admin@sample.com", "--selfie", "testdata/images/selfie.png")
		var img struct {
			Code          string `json:"code"`
			RedirectedTo  string `json:"redirectedTo"`
			MaybeAttached *bool  `json:"maybeAttached"`
		}
		if err := json.Unmarshal([]byte(out), &img); err != nil || code != 3 || img.Code != "redirect" ||
			img.RedirectedTo != target.URL || img.MaybeAttached == nil || *img.MaybeAttached {
			t.Errorf("%d image --json: exit %d, %s (%v)", status, code, out, err)
		}
		_, errOut, code = run(t, "a-key-to-check", nil, "auth", "login", "--api-url", first.URL)
		if code != 3 || !strings.Contains(errOut, "not stored") || !strings.Contains(errOut, target.URL) {
			t.Errorf("%d auth login: exit %d, stderr %q; want 3, not stored, naming %s", status, code, errOut, target.URL)
		}
		first.Close()
	}
	if n := targetConns.Load(); n != 0 {
		t.Errorf("the redirect's target got %d connections, want none", n)
	}
}
