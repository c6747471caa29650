package apiclient_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

var quoted = regexp.MustCompile(`"[^"]*"|https?://\S+`)

// The contract's own errors that reach a person (a folder the picker
// cannot list, an API URL that cannot be used, a wait that ran out) read
// Korean in a Korean run, also inside another message (i18n.T with the
// error as its argument); their Error stays English for logs and --json.
func TestContractErrorsInAKoreanRun(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	errs := map[string]error{}
	_, errs["a folder that does not exist"] = apiclient.ListImageDir(filepath.Join(dir, "gone"))
	if os.Geteuid() != 0 { // root reads any folder
		_, errs["a folder that cannot be read"] = apiclient.ListImageDir(locked)
	}
	for _, raw := range []string{"https://api.example.com/\x1b[2J", "https://api.example.com/a b", "ftp://api.example.com",
		"https://user:pw@api.example.com", "https://api.example.com?a=1", "https://api.example.com:70000",
		"https://api.example.com/v3/submission/migration", "http://api.example.com", "https://exa mple.com", "https://ä_b.com"} {
		_, errs[raw] = apiclient.ParseBaseURL(raw)
	}
	for what, err := range errs {
		if err == nil {
			t.Errorf("%q: no error", what)
			continue
		}
		said := apiclient.Sanitize(i18n.Text(err))
		// The URL, its host and its port are quoted as given: the words
		// around them are what must be Korean.
		i18ntest.Korean(t, fmt.Sprintf("%q said", what), quoted.ReplaceAllString(said, "…"))
		if inside := i18n.T("commands.error.line", err); !strings.Contains(inside, i18n.Text(err)) {
			t.Errorf("%q inside a message: %q, want %q", what, inside, i18n.Text(err))
		}
		if en := err.Error(); strings.ContainsFunc(en, func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }) {
			t.Errorf("%q: Error() %q is not English", what, en)
		}
	}
	for _, status := range []int{403, 500} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"message":"x"}`))
		}))
		err := newClient(t, srv.URL, "k-check", 5*time.Second).CheckKey(context.Background())
		srv.Close()
		said := i18n.Text(err)
		if i := strings.Index(said, ": HTTP "); i > 0 {
			said = said[:i] // the server's answer, as it gave it
		}
		i18ntest.Korean(t, fmt.Sprintf("a key check answered %d", status), said)
		if !strings.HasPrefix(err.Error(), "API key ") {
			t.Errorf("a key check answered %d: Error() %q, want the English for logs", status, err.Error())
		}
	}
	timedOut := &apiclient.TransportError{Op: "sending to api.example.com", Sent: true, Timeout: 30 * time.Second,
		Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)}
	if d := apiclient.Classify(timedOut, apiclient.Submission{}).Detail; d != "api.example.com: 30s 동안 응답 없음" {
		t.Errorf("a timeout's detail in Korean: %q", d)
	}
}
