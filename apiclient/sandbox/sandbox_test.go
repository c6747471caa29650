package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"argos-migrate/apiclient/sandbox"
)

// post sends a raw body, as curl would, so malformed requests can be tried.
func post(tb testing.TB, url, key, body string) (int, map[string]string) {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/v3/submission/migration", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-api-key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var m map[string]string
	_ = json.Unmarshal(data, &m)
	return resp.StatusCode, m
}

const valid = `{"admin":"%s","email":"m@sample.com","fullName":"홍길동","birthDate":"2002-11-08",
"issuingCountry":"KOR","idType":"drivers_license","kycStatus":"approved"}`

func withAdmin(a string) string { return strings.Replace(valid, "%s", a, 1) }

func TestSandboxAnswersEveryDocumentedError(t *testing.T) {
	sb, err := sandbox.Start(0, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	tests := []struct {
		name, key, body string
		status          int
		code, message   string
	}{
		{"success", sandbox.Key, withAdmin("admin@sample.com"), 200, "", "success"},
		{"invalid_payload", sandbox.Key, `{"admin":`, 400, "invalid_payload", "Invalid payload."},
		{"missing_data", sandbox.Key, `{"admin":"a@b.co"}`, 400, "missing_data", "Required input data is missing."},
		{"invalid_project", sandbox.Key, withAdmin(sandbox.AdminProject), 400, "invalid_project", "Invalid project."},
		{"invalid_admin", sandbox.Key, withAdmin(sandbox.AdminInvalid), 400, "invalid_admin", "Invalid admin."},
		{"invalid_parameter", sandbox.Key, strings.Replace(withAdmin("a@b.co"), "{", `{"nickname":"x",`, 1), 400, "invalid_parameter", "invalid parameter: nickname"},
		{"invalid_format", sandbox.Key, strings.Replace(withAdmin("a@b.co"), "2002-11-08", "2002-02-30", 1), 400, "invalid_format", "invalid format: birthDate"},
		{"processing_error", sandbox.Key, withAdmin(sandbox.AdminError), 400, "processing_error", "Failed to complete migration."},
		{"forbidden", "nope", withAdmin("a@b.co"), 403, "", "Forbidden"},
		{"too large", sandbox.Key, `{"cf1":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "", "Request Entity Too Large"},
		{"500", sandbox.Key, withAdmin(sandbox.AdminFail), 500, "", "Internal server error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, m := post(t, sb.URL, tt.key, tt.body)
			if status != tt.status || m["errorCode"] != tt.code || m["message"] != tt.message {
				t.Fatalf("got %d %v, want %d %s %q", status, m, tt.status, tt.code, tt.message)
			}
			if status == 200 && !strings.HasSuffix(m["submissionId"], "_mg") {
				t.Errorf("submissionId %q", m["submissionId"])
			}
		})
	}
	if n := len(sb.Records()); n != 1 {
		t.Errorf("sandbox created %d records, want only the successful one", n)
	}
}

func TestSandboxRefusesOtherRoutes(t *testing.T) {
	sb, err := sandbox.Start(0, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	resp, err := http.Get(sb.URL + "/v3/submission/migration")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET answered %d", resp.StatusCode)
	}
}

func TestSandboxWithItsOwnKey(t *testing.T) {
	sb, err := sandbox.Start(0, sandbox.Options{Key: "own-key-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	if status, _ := post(t, sb.URL, sandbox.Key, withAdmin("admin@sample.com")); status != http.StatusForbidden {
		t.Errorf("the published key answered %d, want 403 once another key is set", status)
	}
	if status, m := post(t, sb.URL, "own-key-0123456789", withAdmin("admin@sample.com")); status != 200 {
		t.Errorf("its own key answered %d %v", status, m)
	}
	req, _ := http.NewRequest(http.MethodGet, sb.URL+"/v3/submission?email=m@sample.com", nil)
	req.Header.Set("x-api-key", "own-key-0123456789")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the lookup with its own key answered %d", resp.StatusCode)
	}
}
