package apiclient_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

func TestMatchFound(t *testing.T) {
	rec := apitest.Sample() // migration@sample.com, user id migrated-user2
	noUser := rec
	noUser.UserID = ""
	tests := []struct {
		name  string
		rec   apiclient.Submission
		entry apiclient.FoundSubmission
		match bool
	}{
		{"same email and user id", rec, apiclient.FoundSubmission{Email: rec.Email, UserID: rec.UserID}, true},
		{"email in another case", rec, apiclient.FoundSubmission{Email: "Migration@SAMPLE.com", UserID: rec.UserID}, true},
		{"another email", rec, apiclient.FoundSubmission{Email: "someone@sample.com", UserID: rec.UserID}, false},
		{"a +tag is another mailbox", rec, apiclient.FoundSubmission{Email: "migration+1@sample.com", UserID: rec.UserID}, false},
		{"spaces are not trimmed", rec, apiclient.FoundSubmission{Email: " " + rec.Email, UserID: rec.UserID}, false},
		{"another user id", rec, apiclient.FoundSubmission{Email: rec.Email, UserID: "migrated-user3"}, false},
		{"user id in another case", rec, apiclient.FoundSubmission{Email: rec.Email, UserID: "Migrated-User2"}, false},
		{"no user id in the answer", rec, apiclient.FoundSubmission{Email: rec.Email}, false},
		{"no email in the answer", rec, apiclient.FoundSubmission{UserID: rec.UserID}, false},
		{"record without a user id", noUser, apiclient.FoundSubmission{Email: rec.Email, UserID: "whatever"}, true},
	}
	for _, tt := range tests {
		m := apiclient.MatchFound(tt.rec, []apiclient.FoundSubmission{tt.entry})
		if got := len(m.Matches) == 1; got != tt.match || m.Others != 1-len(m.Matches) {
			t.Errorf("%s: %+v", tt.name, m)
		}
	}
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	m := apiclient.MatchFound(rec, []apiclient.FoundSubmission{
		{ID: "a", Email: rec.Email, UserID: rec.UserID, CreatedAt: t0},
		{ID: "b", Email: rec.Email, UserID: rec.UserID, CreatedAt: t0.Add(time.Hour)},
		{ID: "c", Email: rec.Email, UserID: rec.UserID},
	})
	if m.Taken().ID != "b" {
		t.Errorf("Taken = %q, want the newest", m.Taken().ID)
	}
	if (apiclient.LookupMatch{}).Taken() != (apiclient.FoundSubmission{}) {
		t.Error("Taken of no match is not the zero value")
	}
}

// A server that ignores ?email= answers with another person's submission:
// it is read, and matches nothing of this record.
func TestLookupThatIgnoresTheEmail(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"Items":[{"submission_id":"sbx-someone-else","email":"someone@else.com","userid":"u9"}]}`)
	}))
	defer srv.Close()
	rec := apitest.Sample()
	found, err := newClient(t, srv.URL, "k", 0).FindByEmail(context.Background(), rec.Email)
	if err != nil || len(found) != 1 || found[0].UserID != "u9" {
		t.Fatalf("FindByEmail = %+v, %v", found, err)
	}
	if m := apiclient.MatchFound(rec, found); len(m.Matches) != 0 || m.Others != 1 {
		t.Errorf("MatchFound = %+v, want no match and one other", m)
	}
}
