package sandbox_test

import (
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// With ForgetValues a record keeps what the lookup needs and a fingerprint
// that still tells whether it was created exactly as sent.
func TestForgetValuesKeepsAFingerprint(t *testing.T) {
	for _, forget := range []bool{false, true} {
		sb := apitest.Sandbox(t, sandbox.Options{ForgetValues: forget})
		sent := apitest.Sample()
		if a := submit(t, sb.URL, sent); a.status != 200 {
			t.Fatalf("%d %s", a.status, a.body)
		}
		rec := sb.Records()[0]
		if rec.Email != sent.Email || rec.UserID != sent.UserID || rec.KYCStatus != sent.KYCStatus ||
			rec.Fingerprint != sandbox.Fingerprint(sent) {
			t.Errorf("forget=%v: record %+v does not match what was sent", forget, rec)
		}
		other := sent
		other.FullName = "김철수"
		if rec.Fingerprint == sandbox.Fingerprint(other) {
			t.Error("two different records have one fingerprint")
		}
		if kept := rec.Submission == sent; kept == forget {
			t.Errorf("forget=%v: Submission %+v", forget, rec.Submission)
		}
	}
}

// Past MaxRecords the migration answers processing_error and creates
// nothing; the lookup still answers.
func TestMaxRecords(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{MaxRecords: 2})
	for i, want := range []int{200, 200, 400, 400} {
		a := migrate(t, sb.URL, "full@sample.com", "", "admin@sample.com")
		if a.status != want {
			t.Fatalf("request %d: %d %s, want %d", i, a.status, a.body, want)
		}
		if want == 400 && a.field(t, "errorCode") != apiclient.CodeProcessingError {
			t.Fatalf("request %d: %s", i, a.body)
		}
	}
	if n := sb.Count(); n != 2 || len(sb.Records()) != 2 {
		t.Fatalf("%d records, want 2", n)
	}
}
