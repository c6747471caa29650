package apiclient_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
)

func TestCheckKeyAgainstSandbox(t *testing.T) {
	sb, err := sandbox.Start(0, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	check := func(key string) error {
		c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: key})
		if err != nil {
			t.Fatal(err)
		}
		return c.CheckKey(context.Background())
	}
	if err := check(sandbox.Key); err != nil {
		t.Fatalf("good key: %v", err)
	}
	err = check("wrong-key-123456")
	var apiErr *apiclient.APIError
	if !errors.Is(err, apiclient.ErrKeyRefused) || !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Fatalf("wrong key: %v, want ErrKeyRefused with a 403", err)
	}
	if n := len(sb.Records()); n != 0 {
		t.Fatalf("checking keys created %d records", n)
	}
}

func TestCheckKeyAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   error // nil: accepted
	}{
		{"missing data", 400, `{"errorCode":"missing_data","message":"Required input data is missing."}`, nil},
		{"invalid payload (encrypted project)", 400, `{"errorCode":"invalid_payload","message":"Invalid payload."}`, nil},
		{"forbidden", 403, `{"message":"Forbidden"}`, apiclient.ErrKeyRefused},
		{"invalid project", 400, `{"errorCode":"invalid_project","message":"Invalid project."}`, apiclient.ErrKeyRefused},
		{"wrong path on a gateway", 403, `{"message":"Missing Authentication Token"}`, apiclient.ErrKeyUnchecked},
		{"server failure", 502, `<html>bad gateway</html>`, apiclient.ErrKeyUnchecked},
		{"not found", 404, `{"message":"Not Found"}`, apiclient.ErrKeyUnchecked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotBody string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				buf := make([]byte, 64)
				n, _ := r.Body.Read(buf)
				gotBody = string(buf[:n])
				if r.Header.Get("x-api-key") != "k-123456789" || r.URL.Path != apiclient.MigrationPath {
					t.Errorf("request %s key %q", r.URL.Path, r.Header.Get("x-api-key"))
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c, err := apiclient.New(apiclient.Options{BaseURL: srv.URL, APIKey: "k-123456789"})
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckKey(context.Background())
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("CheckKey = %v, want %v", err, tt.want)
			}
			if gotBody != "{}" {
				t.Errorf("sent body %q, want the empty record {}", gotBody)
			}
		})
	}
}

func TestCheckKeyUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: "k-123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckKey(context.Background()); !errors.Is(err, apiclient.ErrKeyUnchecked) || !errors.Is(err, apiclient.ErrNotSent) {
		t.Fatalf("CheckKey = %v, want ErrKeyUnchecked and ErrNotSent", err)
	}
}
