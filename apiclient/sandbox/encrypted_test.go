package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

func newClient(tb testing.TB, url string, encrypted bool) *apiclient.Client {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: sandbox.Key, Encrypted: encrypted, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// postRaw sends body as it is and returns the status and the raw answer.
func postRaw(tb testing.TB, url string, body []byte) (int, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, url+apiclient.MigrationPath, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("x-api-key", sandbox.Key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, data
}

// openAnswer checks the answer is exactly {"data": ..., "isEncrypted": true}
// and returns the errorCode / submissionId inside.
func openAnswer(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	var env map[string]json.RawMessage
	if err := json.Unmarshal(data, &env); err != nil {
		tb.Fatalf("answer is not JSON: %s", data)
	}
	if len(env) != 2 || string(env["isEncrypted"]) != "true" || env["data"] == nil {
		tb.Fatalf("answer is not the encrypted envelope: %s", data)
	}
	var text string
	if err := json.Unmarshal(env["data"], &text); err != nil {
		tb.Fatal(err)
	}
	plain, err := apiclient.Open(sandbox.Key, text)
	if err != nil {
		tb.Fatal(err)
	}
	var inner map[string]string
	if err := json.Unmarshal(plain, &inner); err != nil {
		tb.Fatalf("decrypted answer is not JSON: %q", plain)
	}
	return inner
}

// TestEncryptedRoundTrips sends every documented outcome encrypted, to a
// sandbox that answers encrypted: once through the Client, and once on the
// wire to check the sandbox really sealed both directions.
func TestEncryptedRoundTrips(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: true})
	c := newClient(t, sb.URL, true)
	cases := []struct {
		name  string
		edit  func(*apiclient.Submission)
		code  string
		field string
	}{
		{"success", func(*apiclient.Submission) {}, "", ""},
		{"invalid_payload", func(s *apiclient.Submission) { s.Admin = sandbox.AdminPayload }, apiclient.CodeInvalidPayload, ""},
		{"missing_data", func(s *apiclient.Submission) { s.Email = "" }, apiclient.CodeMissingData, ""},
		{"invalid_project", func(s *apiclient.Submission) { s.Admin = sandbox.AdminProject }, apiclient.CodeInvalidProject, ""},
		{"invalid_admin", func(s *apiclient.Submission) { s.Admin = sandbox.AdminInvalid }, apiclient.CodeInvalidAdmin, ""},
		{"invalid_parameter", func(s *apiclient.Submission) { s.Admin = sandbox.AdminParameter }, apiclient.CodeInvalidParameter, "cf4"},
		{"invalid_format", func(s *apiclient.Submission) { s.BirthDate = "2002/11/08" }, apiclient.CodeInvalidFormat, "birthDate"},
		{"processing_error", func(s *apiclient.Submission) { s.Admin = sandbox.AdminError }, apiclient.CodeProcessingError, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sub := apitest.Sample()
			tc.edit(&sub)
			before := len(sb.Records())
			id, err := c.Submit(context.Background(), sub)
			if tc.code == "" {
				if err != nil || !strings.HasSuffix(id, "_mg") {
					t.Fatalf("Submit = %q, %v", id, err)
				}
				recs := sb.Records()
				if len(recs) != before+1 || recs[len(recs)-1].ID != id || recs[len(recs)-1].Submission.FullName != "홍길동" {
					t.Fatalf("record not created as sent: %+v", recs)
				}
			} else {
				var apiErr *apiclient.APIError
				if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Code != tc.code || apiErr.Field != tc.field {
					t.Fatalf("Submit error = %#v, want 400 %s %q", err, tc.code, tc.field)
				}
				if apiErr.Encryption != apiclient.EncryptionOK {
					t.Errorf("hint %v on a correctly encrypted exchange", apiErr.Encryption)
				}
				if len(sb.Records()) != before {
					t.Error("a record was created on an error")
				}
			}

			body, err := sub.Body()
			if err != nil {
				t.Fatal(err)
			}
			sealed, err := apiclient.SealRequest(sandbox.Key, body)
			if err != nil {
				t.Fatal(err)
			}
			status, raw := postRaw(t, sb.URL, sealed)
			if bytes.Contains(raw, []byte("errorCode")) || bytes.Contains(raw, []byte("submissionId")) {
				t.Fatalf("answer leaks plain fields: %s", raw)
			}
			inner := openAnswer(t, raw)
			if tc.code == "" {
				if status != 200 || inner["message"] != "success" || inner["submissionId"] == "" {
					t.Fatalf("wire: %d %v", status, inner)
				}
			} else if status != 400 || inner["errorCode"] != tc.code {
				t.Fatalf("wire: %d %v, want 400 %s", status, inner, tc.code)
			}
		})
	}
}

// TestEncryptedSandboxRefusesWhatItCannotRead: the real invalid_payload and
// invalid_parameter paths, answered encrypted.
func TestEncryptedSandboxRefusesWhatItCannotRead(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: true})
	body, _ := apitest.Sample().Body()
	notJSON, _ := apiclient.SealRequest(sandbox.Key, []byte("not json"))
	otherKey, _ := apiclient.SealRequest("someone-else's-key", body)
	unknownKey, _ := apiclient.SealRequest(sandbox.Key, []byte(`{"cf4":"x"}`))
	cases := map[string]struct {
		body []byte
		code string
	}{
		"plain body":            {body, apiclient.CodeInvalidPayload},
		"sealed, not JSON":      {notJSON, apiclient.CodeInvalidPayload},
		"sealed with other key": {otherKey, apiclient.CodeInvalidPayload},
		"extra envelope key":    {[]byte(`{"body":"x","admin":"a@b.c"}`), apiclient.CodeInvalidPayload},
		"unknown field inside":  {unknownKey, apiclient.CodeInvalidParameter},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			status, raw := postRaw(t, sb.URL, tc.body)
			if inner := openAnswer(t, raw); status != 400 || inner["errorCode"] != tc.code {
				t.Fatalf("%d %v, want 400 %s", status, inner, tc.code)
			}
		})
	}
	if n := len(sb.Records()); n != 0 {
		t.Errorf("%d records created", n)
	}
}

// TestEncryptionMismatch: each wrong setting is answered with advice that
// says which way to switch, and nothing is created.
func TestEncryptionMismatch(t *testing.T) {
	cases := []struct {
		name           string
		server, client bool
		code           string
		hint           apiclient.EncryptionHint
		advice         string
	}{
		{"plain body to an encrypted project", true, false, apiclient.CodeInvalidPayload, apiclient.EncryptionTurnOn, "turned on"},
		{"encrypted body to a plain project", false, true, apiclient.CodeInvalidParameter, apiclient.EncryptionTurnOff, "turned off"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sb := apitest.Sandbox(t, sandbox.Options{Encrypted: tc.server})
			_, err := newClient(t, sb.URL, tc.client).Submit(context.Background(), apitest.Sample())
			var apiErr *apiclient.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tc.code || apiErr.Encryption != tc.hint {
				t.Fatalf("error = %#v, want %s with hint %v", err, tc.code, tc.hint)
			}
			if f := apiclient.Classify(err, apitest.Sample()); f.Reason != apiclient.ReasonEncryption || !strings.Contains(f.Explain, tc.advice) {
				t.Errorf("Classify = %+v, want the encryption mismatch saying %q", f, tc.advice)
			}
			if len(sb.Records()) != 0 {
				t.Error("a record was created")
			}
		})
	}
}

// TestPlainSandboxUnchanged: without the option, answers stay plain.
func TestPlainSandboxUnchanged(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: false})
	body, _ := apitest.Sample().Body()
	status, raw := postRaw(t, sb.URL, body)
	if status != 200 || !bytes.Contains(raw, []byte(`"submissionId"`)) || bytes.Contains(raw, []byte("isEncrypted")) {
		t.Fatalf("%d %s", status, raw)
	}
}

// BenchmarkEncryptedSubmit is one encrypted submit over loopback, both ways.
func BenchmarkEncryptedSubmit(b *testing.B) {
	sb := apitest.Sandbox(b, sandbox.Options{Encrypted: true})
	c := newClient(b, sb.URL, true)
	sub := apitest.Sample()
	for b.Loop() {
		if _, err := c.Submit(context.Background(), sub); err != nil {
			b.Fatal(err)
		}
	}
}
