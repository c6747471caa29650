package sandbox_test

import (
	"net/http"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// FailImages answers the next n image requests 500 and attaches nothing;
// the one after them is served as usual, and the record stays throughout.
func TestFailImagesAnswers500ThenServes(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	id := migrate(t, sb.URL, "person@example.com", "", "ops@acme.example").field(t, "submissionId")
	if id == "" {
		t.Fatal("no record created")
	}
	sb.FailImages(2)
	send := func() answer {
		body, ct := imageForm(t, map[string]string{"submissionId": id, "admin": "ops@acme.example", "selfieImage": pngBase64(t)})
		return putImage(t, sb.URL, body, ct)
	}
	for i := range 2 {
		if a := send(); a.status != http.StatusInternalServerError {
			t.Fatalf("request %d: %d %s, want 500", i+1, a.status, a.body)
		}
		if n := len(sb.Images(id).Images); n != 0 {
			t.Fatalf("request %d: %d images stored, want none", i+1, n)
		}
	}
	if a := send(); a.status != http.StatusOK {
		t.Fatalf("third request: %d %s, want 200", a.status, a.body)
	}
	if got := sb.Images(id).Images; len(got) != 1 || got[0].Field != "selfieImage" {
		t.Errorf("stored %+v, want the selfie", got)
	}
	if sb.Count() != 1 {
		t.Errorf("%d records, want 1", sb.Count())
	}
}
