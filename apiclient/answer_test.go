package apiclient_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// A success whose id is blank, holds spaces, control or invisible
// characters, or is not UTF-8 is no success: the outcome is unknown, and no
// mangled id is printed as if it were the record's.
func TestSuccessWithAnUnusableID(t *testing.T) {
	for name, body := range map[string]string{
		"blank":             `{"submissionId":"   "}`,
		"leading space":     `{"submissionId":" abc_mg"}`,
		"inner space":       `{"submissionId":"abc mg"}`,
		"newline":           `{"submissionId":"abc\nmg"}`,
		"escape":            `{"submissionId":"abc\u001b[2J"}`,
		"zero-width space":  `{"submissionId":"abc\u200bmg"}`,
		"invalid UTF-8":     "{\"submissionId\":\"abc\xff\xfemg\"}",
		"lone surrogate":    `{"submissionId":"abc\udc00"}`,
		"replacement char":  `{"submissionId":"abc` + "\uFFFD" + `"}`,
		"direction control": `{"submissionId":"abc\u202emg"}`,
		"too long":          `{"submissionId":"` + strings.Repeat("a", 300) + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, body)
			}))
			defer srv.Close()
			id, err := newClient(t, srv.URL, "k", 0).Submit(context.Background(), apitest.Sample())
			var apiErr *apiclient.APIError
			if id != "" || !errors.As(err, &apiErr) || apiErr.Status != 200 || !apiclient.MaybeCreated(err) {
				t.Fatalf("Submit = %q, %v; want no id and an unreadable 200 that may have created the record", id, err)
			}
		})
	}
	for _, id := range []string{"submissionId2_mg", "a", "제출-01"} {
		if err := apiclient.CheckSubmissionID(id); err != nil {
			t.Errorf("CheckSubmissionID(%q) = %v", id, err)
		}
	}
}

func TestRateLimitSaysHowLongToWait(t *testing.T) {
	now := time.Now()
	for header, want := range map[string]string{
		"120": "wait 2 minutes",
		"1":   "wait 1 second",
		"45":  "wait 45 seconds",
		now.Add(3 * time.Hour).UTC().Format(http.TimeFormat): "wait 3 hours",
		"":        "wait a minute",
		"soon":    "wait a minute",
		"-5":      "wait a minute",
		"9999999": "wait a minute",
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if header != "" {
				w.Header().Set("Retry-After", header)
			}
			w.WriteHeader(429)
			_, _ = io.WriteString(w, `{"message":"Too Many Requests"}`)
		}))
		_, err := newClient(t, srv.URL, "k", 0).Submit(context.Background(), apitest.Sample())
		srv.Close()
		f := apiclient.Classify(err, apitest.Sample())
		if f.Reason != apiclient.ReasonRateLimited || !strings.Contains(f.Explain, want) || f.MayExist() {
			t.Errorf("Retry-After %q: %v, %+v; want it to say %q", header, err, f, want)
		}
	}
}

// An error code whose message names no field does not print an empty name.
func TestUnnamedFieldIsNotQuotedEmpty(t *testing.T) {
	for _, code := range []string{apiclient.CodeInvalidFormat, apiclient.CodeInvalidParameter} {
		e := &apiclient.APIError{Status: 400, Code: code, Message: "invalid format"}
		if text := apiclient.Classify(e, apitest.Sample()).Explain; strings.Contains(text, `""`) || !strings.Contains(text, "without naming it") {
			t.Errorf("%s with no field: %q", code, text)
		}
	}
}
