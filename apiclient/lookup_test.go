package apiclient_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

// lookupServer answers every lookup with status and body.
func lookupServer(tb testing.TB, status int, body string) *apiclient.Client {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != apiclient.LookupPath || r.URL.Query().Get("email") != "m@sample.com" ||
			r.Header.Get("x-api-key") != "k-123456789" {
			http.Error(w, "bad lookup request", http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	tb.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Options{BaseURL: srv.URL, APIKey: "k-123456789", Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestFindByEmailReadsEveryPlausibleShape(t *testing.T) {
	created := time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC)
	cases := map[string]string{
		"bare list":        `[{"submissionId":"s1_mg","email":"m@sample.com","createdAt":"2026-11-24T14:02:00Z"}]`,
		"Items":            `{"Items":[{"submissionId":"s1_mg","createdAt":"2026-11-24T14:02:00Z"}],"Count":1}`,
		"data, snake case": `{"data":[{"submission_id":"s1_mg","created_at":"2026-11-24 14:02:00"}]}`,
		"id and epoch ms":  `{"items":[{"id":"s1_mg","createdAt":1795528920000}]}`,
		"epoch s as text":  `{"submissions":[{"_id":"s1_mg","createdDate":"1795528920"}]}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := lookupServer(t, 200, body).FindByEmail(context.Background(), "m@sample.com")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].ID != "s1_mg" || !got[0].CreatedAt.Equal(created) {
				t.Fatalf("got %+v, want s1_mg created %s", got, created)
			}
		})
	}
	none, err := lookupServer(t, 200, `{"Items":[],"Count":0}`).FindByEmail(context.Background(), "m@sample.com")
	if err != nil || len(none) != 0 {
		t.Fatalf("empty answer: %+v, %v", none, err)
	}
}

func TestFindByEmailSaysWhenItCannotTell(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
	}{
		"404":              {404, `{"message":"Not Found"}`},
		"403 gateway":      {403, `{"message":"Missing Authentication Token"}`},
		"405":              {405, `{"message":"Method Not Allowed"}`},
		"unknown object":   {200, `{"submission":{"id":"x"}}`},
		"not JSON":         {200, `<html>hello</html>`},
		"entry without id": {200, `[{"email":"m@sample.com"}]`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := lookupServer(t, tc.status, tc.body).FindByEmail(context.Background(), "m@sample.com")
			if !errors.Is(err, apiclient.ErrLookupUnsupported) {
				t.Fatalf("err = %v, want ErrLookupUnsupported", err)
			}
		})
	}
	_, err := lookupServer(t, 500, `{"message":"Internal server error"}`).FindByEmail(context.Background(), "m@sample.com")
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 500 {
		t.Fatalf("500: err = %v, want an APIError", err)
	}
}
