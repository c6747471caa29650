package sandbox_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// With FailRate 1 every record is created and then answered 500 or dropped,
// both kinds; the client sees an unknown outcome and the lookup finds the
// record. Lookups, images and refusals are never failed.
func TestFailRateCreatesThenFails(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{FailRate: 1, Seed: 7})
	c := newClient(t, sb.URL, false)
	kinds := map[string]int{}
	for i := range 30 {
		rec := apitest.Sample()
		rec.Email = fmt.Sprintf("fault%d@sample.com", i)
		_, err := c.Submit(context.Background(), rec)
		if !apiclient.MaybeCreated(err) {
			t.Fatalf("record %d: %v, want an unknown outcome", i, err)
		}
		if strings.Contains(err.Error(), "500") {
			kinds["500"]++
		} else {
			kinds["dropped"]++
		}
		found, err := c.FindByEmail(context.Background(), rec.Email)
		if err != nil || len(found) != 1 {
			t.Fatalf("record %d: lookup %+v, %v: want the record it created", i, found, err)
		}
	}
	if kinds["500"] == 0 || kinds["dropped"] == 0 || sb.Count() != 30 {
		t.Fatalf("outcomes %v, %d records", kinds, sb.Count())
	}

	bad := apitest.Sample()
	bad.Email = ""
	if a := submit(t, sb.URL, bad); a.status != 400 || a.field(t, "errorCode") != apiclient.CodeMissingData {
		t.Errorf("a record that would be refused: %d %s", a.status, a.body)
	}
	if a := migrate(t, sb.URL, "x@sample.com", "", sandbox.AdminError); a.status != 400 {
		t.Errorf("a magic admin: %d %s", a.status, a.body)
	}
	body, ct := imageForm(t, map[string]string{"submissionId": sb.Records()[0].ID, "admin": "admin@sample.com", "selfieImage": pngBase64(t)})
	if a := putImage(t, sb.URL, body, ct); a.status != 200 {
		t.Errorf("image: %d %s", a.status, a.body)
	}
	if sb.Count() != 30 {
		t.Errorf("%d records after refusals", sb.Count())
	}
}

// outcomes sends n records one after another and returns what each got:
// 200, 500 or 0 (dropped).
func outcomes(t *testing.T, o sandbox.Options, n int) []int {
	t.Helper()
	sb := apitest.Sandbox(t, o)
	out := make([]int, n)
	for i := range out {
		out[i] = migrate(t, sb.URL, fmt.Sprintf("seq%d@sample.com", i), "", "admin@sample.com").status
	}
	if sb.Count() != n {
		t.Fatalf("%d records for %d requests: every request must create one", sb.Count(), n)
	}
	return out
}

// A seed and an order of requests always give the same faults, and about
// FailRate of them.
func TestFailRateIsDeterministic(t *testing.T) {
	const n = 200
	a := outcomes(t, sandbox.Options{FailRate: 0.3, Seed: 42}, n)
	b := outcomes(t, sandbox.Options{FailRate: 0.3, Seed: 42}, n)
	c := outcomes(t, sandbox.Options{FailRate: 0.3, Seed: 43}, n)
	if !slices.Equal(a, b) {
		t.Fatalf("one seed, two sequences:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Fatal("two seeds gave the same sequence")
	}
	count := map[int]int{}
	for _, s := range a {
		count[s]++
	}
	if failed := count[500] + count[0]; failed < n*15/100 || failed > n*45/100 || count[500] == 0 || count[0] == 0 {
		t.Fatalf("outcomes %v at a fail rate of 0.3", count)
	}
	if none := outcomes(t, sandbox.Options{Seed: 42}, 20); slices.ContainsFunc(none, func(s int) bool { return s != 200 }) {
		t.Fatalf("no fail rate, outcomes %v", none)
	}
}

// The log holds the method, path, status and time of each request, and
// nothing a request carried: no key, no value of a record, no query, no
// submission id, no path it did not serve.
func TestLogHoldsNoKeyAndNoRecordValue(t *testing.T) {
	const key = "log-test-key-0123456789abcdef"
	logPath := filepath.Join(t.TempDir(), "requests.jsonl")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sb := apitest.Sandbox(t, sandbox.Options{Key: key, Log: f})
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	sent := apitest.Sample()
	id, err := c.Submit(context.Background(), sent)
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, path string, body string, contentType, key string) {
		req, _ := http.NewRequest(method, sb.URL+path, strings.NewReader(body))
		req.Header.Set("x-api-key", key)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	send(http.MethodGet, apiclient.LookupPath+"?email="+sent.Email+"&userid="+sent.UserID, "", "", key)
	form, ct := imageForm(t, map[string]string{"submissionId": id, "admin": sent.Admin, "selfieImage": pngBase64(t)})
	req, _ := http.NewRequest(http.MethodPut, sb.URL+apiclient.ImagePath, form)
	req.Header.Set("x-api-key", key)
	req.Header.Set("Content-Type", ct)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	send(http.MethodGet, "/v3/submission/"+sent.Email, "", "", key)
	send(http.MethodPost, apiclient.MigrationPath, "{}", "application/json", "not-the-key-"+sent.IdentityNumber)
	drop := sent
	drop.Admin = sandbox.AdminDrop
	body, _ := drop.Body()
	send(http.MethodPost, apiclient.MigrationPath, string(body), "application/json", key)
	send(http.MethodPost, apiclient.MigrationPath, `{"identityNumber":"`+sent.IdentityNumber+`"`, "application/json", key)

	lines := readLog(t, logPath)
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%s %s %d", l.Method, l.Path, l.Status))
	}
	want := []string{
		"POST /v3/submission/migration 200",
		"GET /v3/submission 200",
		"PUT /v3/submission/image 200",
		"GET - 403",
		"POST /v3/submission/migration 403",
		"POST /v3/submission/migration 0",
		"POST /v3/submission/migration 400",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{key, id, sb.Records()[1].ID, "email=", "userid="}
	for _, spec := range apiclient.Fields {
		if v := sent.Get(spec.Key); v != "" {
			secrets = append(secrets, v)
		}
	}
	for _, s := range secrets {
		if strings.Contains(string(raw), s) {
			t.Errorf("the log holds %q:\n%s", s, raw)
		}
	}
	if tr := sb.Traffic(); tr.Requests != len(want) || tr.Peak < 1 || len(tr.PerSecond) == 0 {
		t.Errorf("traffic %+v", tr)
	}
}
