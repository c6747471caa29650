package ui

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/forms/draft"
)

// hostile retitles the window, clears the screen, and (C1 CSI) clears it
// again, if a terminal ever receives it raw.
const hostile = "\x1b]0;pwned\a\x1b[2J\u009b2J"

// shown is hostile as the wizard must draw it: visible text.
const shown = "␛]0;pwned␇␛[2J"

// hostileServer answers the migration call with status and body, and the
// lookup with one submission whose id and email hold hostile.
func hostileServer(t *testing.T, status int, body map[string]string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == apiclient.LookupPath {
			_ = json.NewEncoder(w).Encode(map[string]any{"Items": []map[string]string{
				{"submissionId": "sbx" + hostile, "email": "m@sample.com" + hostile, "createdAt": "2026-11-25T11:00:00Z"}}})
			return
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// assertInertOutput fails when the program's output stream carries any
// piece of hostile raw. The renderer's own sequences are not hostile's: it
// never writes an OSC 0 title, a BEL or a C1 control.
func assertInertOutput(t *testing.T, h *harness) {
	t.Helper()
	out := h.output()
	for _, raw := range []string{"\x1b]0;pwned", "pwned\a", "\a\x1b[2J", "\u009b"} {
		if bytes.Contains(out, []byte(raw)) {
			t.Errorf("the output stream carries %q raw", raw)
		}
	}
}

func hostileClient(t *testing.T, url string) *apiclient.Client {
	t.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: "k-0123456789", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServerMessageOnTheErrorScreenIsText(t *testing.T) {
	url := hostileServer(t, 400, map[string]string{"errorCode": "invalid_admin", "message": "Invalid admin." + hostile})
	d := Deps{Submit: hostileClient(t, url).Submit, Initial: apitest.Sample(), Drafts: DraftOptions{StartAtReview: true},
		Target: Target{URL: url, MaskedKey: "k-01••••", KeySource: "test"}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("✓ Ready")
	h.press("s")
	h.waitFor("The admin account was refused", "Invalid admin."+shown)
	// The server's note beside the field it blamed.
	h.press("f")
	h.waitFor("┃ Admin account", "server: Invalid admin."+shown)
	assertInertOutput(t, h)
}

func TestServerAnswersWithEscapesAreText(t *testing.T) {
	t.Run("an unreadable body", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "gateway error "+hostile) // not JSON, not a web page: quoted
		}))
		defer srv.Close()
		d := Deps{Submit: hostileClient(t, srv.URL).Submit, Initial: apitest.Sample(), Drafts: DraftOptions{StartAtReview: true},
			Target: Target{URL: srv.URL, MaskedKey: "k-01••••", KeySource: "test"}}
		h := startWizard(t, d, 100, 30)
		h.waitFor("✓ Ready")
		h.press("s")
		h.waitFor("The server failed", shown)
		assertInertOutput(t, h)
	})
	// An id holding escape codes is no id (it is refused, not cleaned), and
	// the error that quotes it draws it as text.
	t.Run("a submission id", func(t *testing.T) {
		url := hostileServer(t, 200, map[string]string{"message": "success", "submissionId": "sbx" + hostile})
		d := Deps{Submit: hostileClient(t, url).Submit, Initial: apitest.Sample(), Drafts: DraftOptions{StartAtReview: true},
			Target: Target{URL: url, MaskedKey: "k-01••••", KeySource: "test"}}
		h := startWizard(t, d, 100, 30)
		h.waitFor("✓ Ready")
		h.press("s")
		h.waitFor("The server's answer could not be read", "sbx"+shown)
		assertInertOutput(t, h)
	})
	t.Run("a lookup answer", func(t *testing.T) {
		url := hostileServer(t, 500, map[string]string{"message": "unused"})
		found := foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown})
		d := Deps{Submit: failSubmit, Lookup: hostileClient(t, url).FindByEmail,
			Target: Target{URL: url, MaskedKey: "k-01••••", KeySource: "test"},
			Drafts: DraftOptions{Profile: "default", Found: found, Resume: true}}
		h := startWizard(t, d, 100, 30)
		h.waitFor("s looks the email up first")
		h.press("s")
		// An id with escape codes is no id: the answer cannot be read, and
		// the reason quotes it as text.
		h.waitFor("The lookup could not be made", "sbx"+shown)
		assertInertOutput(t, h)
	})
}

// A record that reaches the wizard holding escape codes (the command
// refuses --from files and drafts like it; this is any other caller) is
// drawn as text on the review and in the form.
func TestRecordWithEscapesIsDrawnAsText(t *testing.T) {
	rec := apitest.Sample()
	rec.FullName = "Kim" + hostile
	rec.BirthDate = hostile
	d := Deps{Submit: failSubmit, Initial: rec, Drafts: DraftOptions{StartAtReview: true}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Review", "Kim"+shown, "fields need fixing")
	h.press("2") // the Person page: full name and birth date
	h.waitFor("┃ Full name")
	assertInertOutput(t, h)
}
