package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
)

// answer is one raw exchange: status, headers and the body as JSON.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// field returns a string field of a JSON object answer.
func (a answer) field(tb testing.TB, key string) string {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		tb.Fatalf("answer is not a JSON object: %d %s", a.status, a.body)
	}
	s, _ := m[key].(string)
	return s
}

// do sends one request with the sandbox's key. It may run in a goroutine
// of the test, so a failure is reported with Error and status 0.
func do(tb testing.TB, method, url string, body io.Reader, contentType string) answer {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Error(err)
		return answer{}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("x-api-key", sandbox.Key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Error(err)
		return answer{}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Error(err)
	}
	return answer{resp.StatusCode, resp.Header, data}
}

// migrate posts a record with the given email, userid and admin, and
// returns the raw answer, or status 0 when the connection dropped.
func migrate(tb testing.TB, url, email, userID, admin string) answer {
	tb.Helper()
	return submit(tb, url, recordFor(email, userID, admin))
}

// submit posts sub and returns the raw answer, or status 0 when the
// connection dropped.
func submit(tb testing.TB, url string, sub apiclient.Submission) answer {
	tb.Helper()
	body, err := sub.Body()
	if err != nil {
		tb.Error(err)
		return answer{}
	}
	req, _ := http.NewRequest(http.MethodPost, url+apiclient.MigrationPath, strings.NewReader(string(body)))
	req.Header.Set("x-api-key", sandbox.Key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{} // dropped: outcome unknown
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, data}
}

// recordFor is a valid record with the given email, userid and admin.
func recordFor(email, userID, admin string) apiclient.Submission {
	sub := sampleRecord()
	sub.Email, sub.UserID, sub.Admin = email, userID, admin
	return sub
}

// sampleRecord is the vendor's sample with only the required fields and a
// userid, so that a test sees every value it sends.
func sampleRecord() apiclient.Submission {
	return apiclient.Submission{Admin: "admin@sample.com", Email: "m@sample.com", FullName: "홍길동",
		BirthDate: "2002-11-08", IssuingCountry: "KOR", IDType: "drivers_license", KYCStatus: "approved",
		UserID: "migrated-user2"}
}
