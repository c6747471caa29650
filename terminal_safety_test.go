package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is text a server, a draft or a file could hold to act on the
// terminal that shows it: retitle the window, clear the screen, and a C1 CSI.
const hostile = "\x1b]0;pwned\a\x1b[2J\u009b2J"

// assertInert fails if out holds any of hostile's control characters, and
// unless it shows them as text.
func assertInert(t *testing.T, what, out string, mustShow bool) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\a\u009b") {
		t.Errorf("%s holds a raw control character:\n%q", what, out)
	}
	if mustShow && !strings.Contains(out, "␛]0;pwned␇␛[2J") {
		t.Errorf("%s does not show the escapes as text:\n%s", what, out)
	}
}

// hostileServer answers every request with status and a JSON body whose
// strings all hold the hostile text.
func hostileServer(t *testing.T, status int, body map[string]string) string {
	t.Helper()
	data := must(json.Marshal(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestServerTextIsInertThroughTheBinary(t *testing.T) {
	rejected := hostileServer(t, 400, map[string]string{"errorCode": "x" + hostile, "message": "invalid format: " + hostile})
	created := hostileServer(t, 200, map[string]string{"message": "success", "submissionId": "id" + hostile})
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		// A gateway's page is named by its title, which is text from a server.
		_, _ = io.WriteString(w, "<html><head><title>502 "+hostile+"</title></head><body>"+hostile+"</body></html>")
	}))
	defer html.Close()
	key := []string{"ARGOS_API_KEY=k-0123456789"}
	sample := "testdata/sample-record.json"

	t.Run("submit: a refusal on stderr", func(t *testing.T) {
		out, errOut, code := run(t, "", key, "submit", "--api-url", rejected, "-f", sample)
		if code != 1 || out != "" {
			t.Fatalf("exit %d, stdout %q", code, out)
		}
		assertInert(t, "stderr", errOut, true)
	})
	t.Run("submit --json: a refusal on stdout", func(t *testing.T) {
		out, errOut, code := run(t, "", key, "submit", "--json", "--api-url", rejected, "-f", sample)
		if code != 1 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		assertInert(t, "stdout", out, false)
		var res struct{ Code, Message string }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, out)
		}
		for _, s := range []string{res.Code, res.Message} {
			assertInert(t, "a decoded JSON string", s, true)
		}
	})
	// An id holding escape codes is no id: it is not printed as created
	// (cleaned, it would not be the server's), and the message that quotes
	// it shows the codes as text.
	t.Run("submit: an id with escapes", func(t *testing.T) {
		out, errOut, code := run(t, "", key, "submit", "--api-url", created, "-f", sample)
		if code != 3 || out != "" {
			t.Fatalf("exit %d, stdout %q\n%s", code, out, errOut)
		}
		assertInert(t, "stderr", errOut, true)
	})
	t.Run("submit: an HTML gateway page", func(t *testing.T) {
		_, errOut, code := run(t, "", key, "submit", "--api-url", html.URL, "-f", sample)
		if code != 3 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		assertInert(t, "stderr", errOut, true)
	})
	t.Run("accessible mode: a refusal", func(t *testing.T) {
		answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
		out, errOut, code := run(t, answers, key, "--accessible", "--api-url", rejected)
		if code == 0 {
			t.Fatalf("exit 0 on a refusal\n%s", errOut)
		}
		assertInert(t, "stdout", out, false)
		assertInert(t, "stderr", errOut, true)
	})
}

// A record file or a draft holding escape codes is refused before anything
// draws it, with the fields named; draft show shows it as text.
func TestRecordsWithEscapesThroughTheBinary(t *testing.T) {
	var rec map[string]string
	if err := json.Unmarshal(must(os.ReadFile("testdata/sample-record.json")), &rec); err != nil {
		t.Fatal(err)
	}
	rec["fullName"] = "Kim" + hostile
	file := filepath.Join(t.TempDir(), "record.json")
	if err := os.WriteFile(file, must(json.Marshal(rec)), 0o600); err != nil {
		t.Fatal(err)
	}
	key := []string{"ARGOS_API_KEY=k-0123456789"}

	t.Run("--from", func(t *testing.T) {
		_, errOut, code := run(t, "", key, "--accessible", "--sandbox", "--from", file)
		if code != 2 || !strings.Contains(errOut, "fullName contains a control character (U+001B)") {
			t.Fatalf("exit %d, want 2 naming fullName\n%s", code, errOut)
		}
		assertInert(t, "stderr", errOut, false)
	})
	t.Run("submit --file", func(t *testing.T) {
		out, errOut, code := run(t, "", key, "submit", "--sandbox", "--file", file)
		if code != 2 || out != "" || !strings.Contains(errOut, "fullName: contains a control character (U+001B)") {
			t.Fatalf("exit %d, stdout %q\n%s", code, out, errOut)
		}
		assertInert(t, "stderr", errOut, false)
	})
	t.Run("a hand-edited draft", func(t *testing.T) {
		home := t.TempDir()
		dir := filepath.Join(home, ".local", "state", "argos-migrate")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		draft := map[string]any{"format": "argos-migrate-draft", "version": 1, "encrypted": false,
			"payload": map[string]any{"version": 1, "submission": rec, "savedAt": "2026-11-25T10:00:00Z", "profile": "default",
				"outcome": map[string]string{"kind": "rejected", "code": hostile, "field": hostile, "message": hostile}}}
		if err := os.WriteFile(filepath.Join(dir, "default.draft.json"), must(json.Marshal(draft)), 0o600); err != nil {
			t.Fatal(err)
		}
		env := append([]string{"HOME=" + home}, key...)
		_, errOut, code := run(t, "", env, "--accessible", "--api-url", "http://127.0.0.1:1")
		if code != 2 || !strings.Contains(errOut, "fullName contains a control character") || !strings.Contains(errOut, "draft show") {
			t.Fatalf("wizard on the draft: exit %d, want 2 naming fullName\n%s", code, errOut)
		}
		assertInert(t, "the wizard's stderr", errOut, false)
		out, errOut, code := run(t, "", env, "draft", "show")
		if code != 0 {
			t.Fatalf("draft show: exit %d\n%s", code, errOut)
		}
		assertInert(t, "draft show", out, true)
	})
}
