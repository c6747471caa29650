package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/forms/draft"
)

// lookupServer answers every lookup with items, whatever it was asked: a
// server that ignores ?email=.
func lookupServer(t *testing.T, items ...map[string]string) LookupFunc {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"Items": items})
	}))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Options{BaseURL: srv.URL, APIKey: "k-0123456789", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c.FindByEmail
}

// Another person's submission is never shown as this record's, and t cannot
// take it.
func TestLookupForAnotherPersonMatchesNothing(t *testing.T) {
	found := foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown})
	for name, item := range map[string]map[string]string{
		"another email":   {"submissionId": "sbx-someone-else", "email": "someone@else.com", "userid": found.Submission.UserID},
		"another user id": {"submissionId": "sbx-someone-else", "email": found.Submission.Email, "userid": "another-user"},
		"no user id":      {"submissionId": "sbx-someone-else", "email": found.Submission.Email},
		"no email":        {"submissionId": "sbx-someone-else"},
	} {
		t.Run(name, func(t *testing.T) {
			d := Deps{Submit: failSubmit, Lookup: lookupServer(t, item),
				Drafts: DraftOptions{Profile: "default", Resume: true, Found: found}}
			h := startWizard(t, d, 100, 30)
			h.waitFor("s looks the email up first")
			h.press("s")
			scr := h.waitFor("The lookup answered, but nothing matches this record", "whether this record exists is", "Send it anyway?")
			if strings.Contains(scr, "sbx-someone-else") || strings.Contains(scr, "that's the one") {
				t.Fatalf("another person's submission is offered as this record's:\n%s", scr)
			}
			h.press("t") // not offered: nothing happens
			h.press("b")
			h.waitFor("s looks the email up first")
			h.press("q")
			if ids := h.final().outcome().IDs; len(ids) != 0 {
				t.Errorf("ids %v taken from another person's submission", ids)
			}
		})
	}
}

// Two submissions for this record: both listed, a duplicate named, and t
// takes the newest; the other person's entry is not listed. Emails match
// ignoring case.
func TestLookupWithSeveralMatchesSaysWhichOneIsTaken(t *testing.T) {
	found := foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown})
	rec := found.Submission
	lookup := lookupServer(t,
		map[string]string{"submissionId": "sbx-older", "email": rec.Email, "userid": rec.UserID, "createdAt": "2026-11-25T09:00:00Z"},
		map[string]string{"submissionId": "sbx-other", "email": "someone@else.com", "createdAt": "2026-11-25T11:30:00Z"},
		map[string]string{"submissionId": "sbx-newer", "email": strings.ToUpper(rec.Email), "userid": rec.UserID, "createdAt": "2026-11-25T11:00:00Z"},
	)
	d := Deps{Submit: failSubmit, Lookup: lookup, Now: fixedNow,
		Drafts: DraftOptions{Profile: "default", Resume: true, Found: found}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("s looks the email up first")
	h.press("s")
	scr := h.waitFor("A duplicate already exists: 2 submissions match this record", "id sbx-older", "id sbx-newer",
		"take the newest, sbx-newer")
	if strings.Contains(scr, "sbx-other") {
		t.Errorf("another person's submission is listed:\n%s", scr)
	}
	h.press("t")
	h.waitFor("sbx-newer")
	h.press("q")
	if ids := h.final().outcome().IDs; len(ids) != 1 || ids[0] != "sbx-newer" {
		t.Errorf("ids %v, want the newest match", ids)
	}
}
