package apiclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// answering starts a loopback server that records the body it got and
// answers with status and the body answer returns.
func answering(tb testing.TB, status int, answer func(got []byte) []byte) (*httptest.Server, func() []byte) {
	tb.Helper()
	var mu sync.Mutex
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(answer(body))
	}))
	tb.Cleanup(srv.Close)
	return srv, func() []byte { mu.Lock(); defer mu.Unlock(); return got }
}

func sealedAnswer(tb testing.TB, key, plain string) []byte {
	tb.Helper()
	b, err := SealResponse(key, []byte(plain))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func submitTo(tb testing.TB, url, key string, encrypted bool) (string, error) {
	tb.Helper()
	c, err := New(Options{BaseURL: url, APIKey: key, Encrypted: encrypted})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Submit(context.Background(), Submission{Admin: "a@b.co", FullName: "홍길동"})
}

func TestWrongKeyAnswerIsAClearError(t *testing.T) {
	srv, _ := answering(t, 200, func([]byte) []byte {
		return sealedAnswer(t, "the-project's-real-key", `{"message":"success","submissionId":"x_mg"}`)
	})
	id, err := submitTo(t, srv.URL, "a-different-key", true)
	if id != "" || !errors.Is(err, ErrDecrypt) {
		t.Fatalf("Submit = %q, %v; want ErrDecrypt", id, err)
	}
	if !strings.Contains(err.Error(), "could not decrypt: check the API key") {
		t.Errorf("message %q", err)
	}
	var apiErr *APIError
	if f := Classify(err, Submission{}); !errors.As(err, &apiErr) || !apiErr.MaybeCreated() || !f.MayExist() || !strings.Contains(f.Explain, "could not be decrypted") {
		t.Errorf("a 200 that cannot be read must say the record may exist: %#v / %+v", err, f)
	}
}

func TestPlainAnswerToEncryptedRequestIsAccepted(t *testing.T) {
	srv, got := answering(t, 200, func([]byte) []byte { return []byte(`{"message":"success","submissionId":"plain_mg"}`) })
	id, err := submitTo(t, srv.URL, "k", true)
	if err != nil || id != "plain_mg" {
		t.Fatalf("Submit = %q, %v", id, err)
	}
	plain, err := OpenRequest("k", got())
	if err != nil || !strings.Contains(string(plain), `"fullName":"홍길동"`) {
		t.Fatalf("server got %s → %q, %v", got(), plain, err)
	}
}

func TestEncryptedAnswerToPlainRequest(t *testing.T) {
	t.Run("success is read", func(t *testing.T) {
		srv, got := answering(t, 200, func([]byte) []byte {
			return sealedAnswer(t, "k", `{"message":"success","submissionId":"enc_mg"}`)
		})
		id, err := submitTo(t, srv.URL, "k", false)
		if err != nil || id != "enc_mg" {
			t.Fatalf("Submit = %q, %v", id, err)
		}
		if !strings.HasPrefix(string(got()), `{"admin"`) {
			t.Errorf("request was not plain: %s", got())
		}
	})
	t.Run("error says turn it on", func(t *testing.T) {
		srv, _ := answering(t, 400, func([]byte) []byte {
			return sealedAnswer(t, "k", `{"errorCode":"invalid_admin","message":"Invalid admin."}`)
		})
		_, err := submitTo(t, srv.URL, "k", false)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidAdmin || apiErr.Encryption != EncryptionTurnOn {
			t.Fatalf("error = %#v", err)
		}
		if ex := Classify(err, Submission{}).Explain; !strings.Contains(ex, "turned on") || !strings.Contains(ex, "admin") {
			t.Errorf("Explain = %q", ex)
		}
	})
}

func TestEncryptedAnswerThatIsNotReadable(t *testing.T) {
	for name, body := range map[string]string{
		"data not a string": `{"data":12,"isEncrypted":true}`,
		"data not base64":   `{"data":"%%%","isEncrypted":true}`,
		"data truncated":    `{"data":"c2MjpsB0CJ3NYllb","isEncrypted":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv, _ := answering(t, 400, func([]byte) []byte { return []byte(body) })
			_, err := submitTo(t, srv.URL, "sandbox-not-a-secret", true)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Status != 400 || !errors.Is(err, ErrDecrypt) {
				t.Fatalf("error = %#v", err)
			}
		})
	}
}

func TestEncryptionHintTable(t *testing.T) {
	cases := []struct {
		encrypted, answerEncrypted bool
		code, field                string
		want                       EncryptionHint
	}{
		{false, false, CodeInvalidPayload, "", EncryptionTurnOn},
		{false, true, CodeInvalidAdmin, "", EncryptionTurnOn},
		{false, false, CodeInvalidAdmin, "", EncryptionOK},
		{true, false, CodeInvalidPayload, "", EncryptionTurnOff},
		{true, false, CodeMissingData, "", EncryptionTurnOff},
		{true, false, CodeInvalidParameter, "body", EncryptionTurnOff},
		{true, false, CodeInvalidParameter, "cf4", EncryptionOK},
		{true, true, CodeInvalidPayload, "", EncryptionOK},
		{true, false, CodeInvalidAdmin, "", EncryptionOK},
	}
	for _, tc := range cases {
		c := &Client{encrypted: tc.encrypted}
		if got := c.encryptionHint(&APIError{Code: tc.code, Field: tc.field}, tc.answerEncrypted); got != tc.want {
			t.Errorf("encrypted=%v answerEncrypted=%v %s %q: %v, want %v", tc.encrypted, tc.answerEncrypted, tc.code, tc.field, got, tc.want)
		}
	}
}
