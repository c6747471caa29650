package apiclient_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

func newClient(tb testing.TB, url, key string, timeout time.Duration) *apiclient.Client {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: key, Timeout: timeout, UserAgent: "argos-migrate/test"})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestSubmitSendsTheDocumentedRequest(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		_, _ = io.WriteString(w, `{"message": "success", "submissionId": "submissionId2_mg"}`)
	}))
	defer srv.Close()
	rec := apitest.Sample()
	id, err := newClient(t, srv.URL, "k-123", 0).Submit(context.Background(), rec)
	if err != nil || id != "submissionId2_mg" {
		t.Fatalf("Submit = %q, %v", id, err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/v3/submission/migration" {
		t.Errorf("request %s %s", got.Method, got.URL.Path)
	}
	for h, want := range map[string]string{"x-api-key": "k-123", "Content-Type": "application/json", "User-Agent": "argos-migrate/test"} {
		if v := got.Header.Get(h); v != want {
			t.Errorf("header %s = %q, want %q", h, v, want)
		}
	}
	want, _ := os.ReadFile("../testdata/sample-record.json")
	var a, b map[string]string
	_ = json.Unmarshal(want, &a)
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatalf("body not JSON: %s", body)
	}
	if len(a) != len(b) {
		t.Fatalf("sent %d keys, want %d", len(b), len(a))
	}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("sent %s=%q, want %q", k, b[k], v)
		}
	}
}

func TestSubmitToSandbox(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	rec := apitest.Sample()
	id, err := newClient(t, sb.URL, sandbox.Key, 0).Submit(context.Background(), rec)
	if err != nil {
		t.Fatal(err)
	}
	recs := sb.Records()
	if len(recs) != 1 || recs[0].ID != id || recs[0].Submission != rec {
		t.Fatalf("sandbox holds %+v, want the one record with id %s", recs, id)
	}
}

func TestSubmitFailures(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	tests := []struct {
		name         string
		key          string
		edit         func(*apiclient.Submission)
		timeout      time.Duration
		wantStatus   int
		wantCode     string
		wantField    string
		wantText     string
		maybeCreated bool
		wantCreated  bool
	}{
		{name: "403 wrong key", key: "wrong", wantStatus: 403, wantText: "Forbidden"},
		{name: "invalid_admin", edit: admin(sandbox.AdminInvalid), wantStatus: 400, wantCode: apiclient.CodeInvalidAdmin, wantText: "Invalid admin."},
		{name: "invalid_project", edit: admin(sandbox.AdminProject), wantStatus: 400, wantCode: apiclient.CodeInvalidProject},
		{name: "processing_error", edit: admin(sandbox.AdminError), wantStatus: 400, wantCode: apiclient.CodeProcessingError, maybeCreated: true},
		{name: "missing_data", edit: func(s *apiclient.Submission) { s.FullName = "" }, wantStatus: 400, wantCode: apiclient.CodeMissingData},
		{name: "invalid_format", edit: func(s *apiclient.Submission) { s.BirthDate = "2023-02-29" }, wantStatus: 400, wantCode: apiclient.CodeInvalidFormat, wantField: "birthDate"},
		{name: "500", edit: admin(sandbox.AdminFail), wantStatus: 500, maybeCreated: true},
		{name: "html 502", edit: admin(sandbox.AdminGateway), wantStatus: 502, wantText: "502 Bad Gateway", maybeCreated: true},
		{name: "reset after send", edit: admin(sandbox.AdminDrop), maybeCreated: true, wantCreated: true},
		{name: "slower than timeout", edit: admin(sandbox.AdminStall), timeout: 300 * time.Millisecond, wantText: "no answer within 300ms", maybeCreated: true, wantCreated: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := apitest.Sample()
			rec.Email = strings.ReplaceAll(tt.name, " ", "-") + "@example.com"
			if tt.edit != nil {
				tt.edit(&rec)
			}
			key := tt.key
			if key == "" {
				key = sandbox.Key
			}
			_, err := newClient(t, sb.URL, key, tt.timeout).Submit(context.Background(), rec)
			if err == nil {
				t.Fatal("Submit succeeded")
			}
			var apiErr *apiclient.APIError
			if tt.wantStatus != 0 {
				if !errors.As(err, &apiErr) || apiErr.Status != tt.wantStatus || apiErr.Code != tt.wantCode || apiErr.Field != tt.wantField {
					t.Fatalf("got %#v, want status %d code %q field %q", err, tt.wantStatus, tt.wantCode, tt.wantField)
				}
				if apiclient.Classify(err, rec).Explain == "" {
					t.Error("no explanation")
				}
			} else {
				var te *apiclient.TransportError
				if !errors.As(err, &te) {
					t.Fatalf("got %#v, want a *TransportError", err)
				}
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("%q does not say %q", err, tt.wantText)
			}
			if apiclient.MaybeCreated(err) != tt.maybeCreated {
				t.Errorf("MaybeCreated = %v, want %v (%v)", !tt.maybeCreated, tt.maybeCreated, err)
			}
			created := false
			for _, r := range sb.Records() {
				created = created || r.Submission.Email == rec.Email
			}
			if created != tt.wantCreated {
				t.Errorf("created on the server = %v, want %v", created, tt.wantCreated)
			}
		})
	}
}

func admin(a string) func(*apiclient.Submission) {
	return func(s *apiclient.Submission) { s.Admin = a }
}

func TestSubmitConnectionRefusedIsNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	_, err = newClient(t, url, "k", 0).Submit(context.Background(), apitest.Sample())
	if !errors.Is(err, apiclient.ErrNotSent) || apiclient.MaybeCreated(err) {
		t.Fatalf("got %v, want ErrNotSent", err)
	}
	if !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("%q does not say nothing was sent", err)
	}
}

func TestSubmitReadsEveryAnswerShape(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		wantID   string
		wantCode string
		wantText string
		field    string
	}{
		{name: "invalid_payload", status: 400, body: `{"errorCode":"invalid_payload","message":"Invalid payload."}`, wantCode: "invalid_payload"},
		{name: "invalid_parameter", status: 400, body: `{"errorCode":"invalid_parameter","message":"invalid parameter: firstName"}`, wantCode: "invalid_parameter", field: "firstName"},
		{name: "invalid_format template", status: 400, body: `{"errorCode":"invalid_format","message":"invalid format: expireDate"}`, wantCode: "invalid_format", field: "expireDate"},
		{name: "errorCode alone", status: 400, body: `{"errorCode":"invalid_submission"}`, wantCode: "invalid_submission"},
		{name: "message and statusCode", status: 400, body: `{"message":"Bad thing","statusCode":400}`, wantText: "Bad thing"},
		{name: "413 plain text", status: 413, body: `Request Entity Too Large`, wantText: "Request Entity Too Large"},
		{name: "empty 504", status: 504, body: ``, wantText: "empty body"},
		{name: "escape codes in message", status: 400, body: `{"errorCode":"x","message":"\u001b]0;pwned\u0007\u001b[2J"}`, wantCode: "x", wantText: "␛]0;pwned␇␛[2J"},
		{name: "200 without id", status: 200, body: `{"message":"success"}`, wantText: "without a submissionId"},
		{name: "200 not json", status: 200, body: `<html>ok</html>`, wantText: "without a submissionId"},
		{name: "success", status: 200, body: `{"message":"success","submissionId":"abc_mg"}`, wantID: "abc_mg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			id, err := newClient(t, srv.URL, "k", 0).Submit(context.Background(), apitest.Sample())
			if tt.wantID != "" {
				if err != nil || id != tt.wantID {
					t.Fatalf("Submit = %q, %v", id, err)
				}
				return
			}
			var apiErr *apiclient.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != tt.status || apiErr.Code != tt.wantCode || apiErr.Field != tt.field {
				t.Fatalf("got %#v, want status %d code %q field %q", err, tt.status, tt.wantCode, tt.field)
			}
			if !strings.Contains(err.Error(), tt.wantText) || strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("%q does not say %q, or holds an escape", err, tt.wantText)
			}
		})
	}
}

func TestSubmitCapsAHugeAnswer(t *testing.T) {
	chunk := []byte(strings.Repeat("x", 64<<10))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for i := 0; i < 1024; i++ { // 64 MiB if anyone read it all
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	_, err := newClient(t, srv.URL, "k", 0).Submit(context.Background(), apitest.Sample())
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "not read") || !apiclient.MaybeCreated(err) {
		t.Fatalf("got %v, want an unread-answer error that may have created the record", err)
	}
}

func TestNewRefusesPlainHTTPOffLoopback(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://127.0.0.1:8080":           true,
		"http://localhost:1":              true,
		"http://[::1]:1":                  true,
		"https://rest-api.example.com/":   true,
		"":                                true,
		"http://rest-api.example.com":     false,
		"http://10.0.0.1":                 false,
		"ftp://x":                         false,
		"https://u:topsecret@example.com": false,
		"not a url":                       false,
	} {
		_, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: "k"})
		if (err == nil) != ok {
			t.Errorf("New(%q) error = %v, want ok=%v", url, err, ok)
		}
	}
	for _, raw := range []string{"https://u:topsecret@example.com", "ftp://u:topsecret@example.com", "https://u:topsecret@[::1"} {
		if _, err := apiclient.ParseBaseURL(raw); err == nil || strings.Contains(err.Error(), "topsecret") {
			t.Errorf("ParseBaseURL(%q) = %v: a URL with a password must be refused without repeating it", raw, err)
		}
	}
	if _, err := apiclient.New(apiclient.Options{}); !errors.Is(err, apiclient.ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
}

func TestParseBaseURLRefusesControls(t *testing.T) {
	for _, raw := range []string{"https://a\u009b2J.example", "https://a\x1b[2J.example", "https://ex.com/\u202eabc", "http://127.0.0.1:1\u0007"} {
		_, err := apiclient.ParseBaseURL(raw)
		if err == nil {
			t.Errorf("ParseBaseURL(%q) accepted it", raw)
			continue
		}
		if apiclient.Sanitize(err.Error()) != err.Error() {
			t.Errorf("the error quotes the control itself: %q", err)
		}
	}
	if _, err := apiclient.ParseBaseURL("https://api.example.com/v2"); err != nil {
		t.Errorf("a plain URL refused: %v", err)
	}
}
