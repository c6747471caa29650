package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// submit --json reads a failed send through the failure policy, as image
// --json and the import's lines do: the reason, the English title, what it
// means for the record, whether sending again is safe, and the field to
// correct even when the server names none (invalid_admin names none).
func TestSubmitJSONFollowsTheFailurePolicy(t *testing.T) {
	cases := []struct {
		admin                  string
		reason, outcome, field string
		retryable, maybe       bool
		exit                   int
	}{
		{sandbox.AdminInvalid, "invalid_admin", "rejected", "admin", false, false, 1},
		{sandbox.AdminFail, "server_failed", "unknown", "", false, true, 3},
		{sandbox.AdminError, "processing_error", "unknown", "", false, true, 3},
	}
	for _, tc := range cases {
		t.Run(tc.admin, func(t *testing.T) {
			rec := apitest.Sample()
			rec.Admin = tc.admin
			body, _ := rec.Body()
			file := filepath.Join(t.TempDir(), "record.json")
			if err := os.WriteFile(file, body, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"en", "ko"} {
				out, _, code := run(t, "", []string{"ARGOS_LANG=" + lang}, "submit", "--sandbox", "--json", "-f", file)
				var res struct {
					Reason, Title, Outcome, Field string
					Retryable, MaybeCreated       *bool
				}
				if err := json.Unmarshal([]byte(out), &res); err != nil || code != tc.exit {
					t.Fatalf("%s: exit %d, stdout %q (%v)", lang, code, out, err)
				}
				if en, _ := apiclient.Classify(&apiclient.APIError{Status: 400, Code: tc.reason}, rec).English(); tc.reason != "server_failed" && res.Title != en {
					t.Errorf("%s: title %q, want the policy's English %q", lang, res.Title, en)
				}
				if res.Reason != tc.reason || res.Outcome != tc.outcome || res.Field != tc.field ||
					res.Retryable == nil || *res.Retryable != tc.retryable || res.MaybeCreated == nil || *res.MaybeCreated != tc.maybe {
					t.Errorf("%s: %s", lang, out)
				}
			}
		})
	}
}
