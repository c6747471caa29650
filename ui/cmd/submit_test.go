package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"argos-migrate/apiclient"
)

const samplePath = "../../testdata/sample-record.json"

// countingServer answers like the vendor and counts requests.
func countingServer(tb testing.TB, status int, body string) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	tb.Cleanup(srv.Close)
	return srv, &n
}

func TestSubmitRunPrintsOnlyTheID(t *testing.T) {
	f, out, _ := testFactory(t, nil)
	err := submitRun(context.Background(), &SubmitOptions{Factory: f, Globals: &GlobalOptions{Sandbox: true}, File: samplePath})
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(out.String(), "\n")
	if !strings.HasPrefix(id, "sbx") || strings.ContainsAny(id, " \n") {
		t.Fatalf("stdout %q, want just the id", out)
	}
}

func TestSubmitRunJSON(t *testing.T) {
	srv, _ := countingServer(t, 400, `{"errorCode":"invalid_admin","message":"Invalid admin."}`)
	tests := []struct {
		name    string
		globals GlobalOptions
		file    string
		stdin   string
		want    map[string]any
		wantErr error
	}{
		{name: "success", globals: GlobalOptions{Sandbox: true}, file: samplePath,
			want: map[string]any{"ok": true}},
		{name: "rejected", globals: GlobalOptions{APIURL: srv.URL}, file: samplePath,
			want: map[string]any{"ok": false, "code": "invalid_admin", "status": 400.0, "maybeCreated": false}},
		{name: "invalid", globals: GlobalOptions{Sandbox: true}, file: "-", stdin: `{"admin":"x","birthDate":"2023-02-29"}`,
			want: map[string]any{"ok": false, "code": "invalid_record", "field": "admin"}, wantErr: apiclient.ErrInvalidRecord},
		// Every problem at once, in the field table's order: the unknown
		// key does not hide the required fields (the first is admin).
		{name: "unknown key", globals: GlobalOptions{Sandbox: true}, file: "-", stdin: `{"nick":"x"}`,
			want: map[string]any{"ok": false, "code": "invalid_record", "field": "admin"}, wantErr: apiclient.ErrInvalidRecord},
		{name: "not json", globals: GlobalOptions{Sandbox: true}, file: "-", stdin: `nope`,
			want: map[string]any{"ok": false, "code": "invalid_payload"}, wantErr: apiclient.ErrInvalidPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, _ := testFactory(t, map[string]string{EnvAPIKey: "k"})
			f.IO.In = strings.NewReader(tt.stdin)
			err := submitRun(context.Background(), &SubmitOptions{Factory: f, Globals: &tt.globals, File: tt.file, JSON: true})
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			dec := json.NewDecoder(out)
			var got map[string]any
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("stdout %q is not one JSON object: %v", out, err)
			}
			if dec.More() {
				t.Fatal("more than one JSON value on stdout")
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}

func TestSubmitDryRunSendsNothing(t *testing.T) {
	srv, n := countingServer(t, 200, `{"message":"success","submissionId":"x"}`)
	f, out, _ := testFactory(t, map[string]string{EnvAPIKey: "secret-key-never-printed"})
	err := submitRun(context.Background(), &SubmitOptions{Factory: f, Globals: &GlobalOptions{APIURL: srv.URL}, File: samplePath, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if n.Load() != 0 {
		t.Fatalf("dry run sent %d requests", n.Load())
	}
	s := out.String()
	for _, want := range []string{"curl --request POST " + srv.URL + "/v3/submission/migration \\\n", `"x-api-key: $ARGOS_API_KEY"`, `"fullName":"홍길동"`} {
		if !strings.Contains(s, want) {
			t.Errorf("dry run output lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, "secret-key-never-printed") {
		t.Fatal("dry run printed the key")
	}
}

func TestSubmitRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		file    string
		wantErr error
		wantMsg string
	}{
		{name: "no key", file: samplePath, wantErr: apiclient.ErrNoKey, wantMsg: `no API key for profile "default"`},
		{name: "missing file", env: map[string]string{EnvAPIKey: "k"}, file: "nope.json", wantErr: ErrUsage},
		{name: "plain http off loopback", env: map[string]string{EnvAPIKey: "k", EnvAPIURL: "http://api.example.com"}, file: samplePath, wantErr: ErrUsage, wantMsg: "unencrypted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, _ := testFactory(t, tt.env)
			err := submitRun(context.Background(), &SubmitOptions{Factory: f, Globals: &GlobalOptions{}, File: tt.file})
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("got %v, want %v saying %q", err, tt.wantErr, tt.wantMsg)
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing on failure", out)
			}
		})
	}
}
