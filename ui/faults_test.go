package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/forms/draft"
)

// staticDraftKeys hands out one draft key, without a keyring.
type staticDraftKeys []byte

func (k staticDraftKeys) DraftKey(context.Context, string, bool) ([]byte, error) { return k, nil }

// TestWizardFaultMatrix submits the sample record through the wizard to
// every fault of the matrix (apitest.Faults) and checks what the agent is
// left with: a screen that names the failure and says whether the record may
// exist, a program that quits on q, and an encrypted draft on disk holding
// the whole record and the right kind of outcome, so the next session can
// resume it (and look the email up first when the record may exist).
func TestWizardFaultMatrix(t *testing.T) {
	type expect struct {
		title    string
		mayExist bool
		kind     draft.OutcomeKind
	}
	var (
		notReached = expect{"Could not reach the server", false, draft.OutcomeNotSent}
		failed     = expect{"The server failed", true, draft.OutcomeUnknown}
		noAnswer   = expect{"No answer from the server", true, draft.OutcomeUnknown}
		unreadable = expect{"The server's answer could not be read", true, draft.OutcomeUnknown}
	)
	want := map[string]expect{
		"connection refused": notReached,
		"dns failure":        notReached,
		"tls self-signed":    notReached,
		"403":                {"The API key was refused", false, draft.OutcomeRejected},
		// A plain body answered with invalid_payload: the project expects
		// encrypted bodies (the answer's shape tells which way to switch).
		"400 invalid_payload":   {"The encryption setting does not match the project", false, draft.OutcomeRejected},
		"400 missing_data":      {"A required field is missing", false, draft.OutcomeRejected},
		"400 invalid_project":   {"The API key was refused", false, draft.OutcomeRejected},
		"400 invalid_admin":     {"The admin account was refused", false, draft.OutcomeRejected},
		"400 invalid_parameter": {"The server refused a field", false, draft.OutcomeRejected},
		"400 invalid_format":    {"The server refused a value", false, draft.OutcomeRejected},
		"400 processing_error":  failed,
		"413":                   {"The record is too large", false, draft.OutcomeRejected},
		"429":                   {"The server asked to slow down", false, draft.OutcomeRejected},
		"429 with Retry-After":  {"The server asked to slow down", false, draft.OutcomeRejected},
		"307 redirect":          {"The server answered with a redirect", true, draft.OutcomeUnknown},
		"303 redirect":          {"The server answered with a redirect", true, draft.OutcomeUnknown},
		"500":                   failed,
		"html 502":              failed,
		"504":                   failed,
		"reset after body":      noAnswer,
		"never answers":         noAnswer,
		"slow drip":             noAnswer,
		"200 not json":          unreadable,
		"200 empty":             unreadable,
		"200 without id":        unreadable,
		"200 blank id":          unreadable,
		"200 id with escape":    unreadable,
		"200 id not UTF-8":      unreadable,
		"200 with 64 MB":        unreadable,
	}
	const key = "fault-matrix-key-0123456789"
	for _, fault := range apitest.Faults() {
		t.Run(fault.Name, func(t *testing.T) {
			w, ok := want[fault.Name]
			if !ok {
				t.Fatalf("no expectation for the fault %q", fault.Name)
			}
			timeout := 5 * time.Second
			if fault.Timeout > 0 {
				timeout = fault.Timeout
			}
			url := fault.URL(t)
			dir, draftKey := t.TempDir(), staticDraftKeys(bytes.Repeat([]byte{3}, 32))
			store := &draft.Store{Dir: dir, Profile: "default", Keys: draftKey, Now: fixedNow}
			rec := apitest.Sample()
			d := Deps{Submit: submitTo(t, url, key, timeout), Initial: rec,
				Target: Target{URL: url, Profile: "default", MaskedKey: "faul••••", KeySource: "environment"},
				Drafts: DraftOptions{Store: store, Profile: "default"}}

			h := startWizard(t, d, 100, 30)
			h.waitFor("┃ Admin account")
			h.press("ctrl+r")
			h.waitFor("✓ Ready")
			h.press("s")
			// The consequence is the failure policy's sentence, the same
			// accessible mode prints (ui/accessible's fault test).
			line := w.kind.Consequence()
			if w.mayExist {
				line = "! " + line
			}
			scr := h.waitFor("✗ "+w.title, firstWords(line, 6))
			if strings.Contains(scr, key) {
				t.Fatalf("the API key is on the screen:\n%s", scr)
			}
			checkAgentWords(t, scr)
			h.press("q")
			m := h.final() // fails unless the program ends on q
			if err := m.finalSave(context.Background()); err != nil {
				t.Fatalf("final save: %v", err)
			}
			if out := m.outcome(); len(out.IDs) != 0 || out.LastErr == nil || !out.DraftSaved {
				t.Errorf("outcome = %+v, want no id, the failure, and the draft saved", out)
			}

			got, err := (&draft.Store{Dir: dir, Profile: "default", Keys: draftKey}).Load(context.Background())
			if err != nil {
				t.Fatalf("reading the draft back: %v", err)
			}
			if got.Submission != rec {
				t.Errorf("draft holds %+v\nwant the whole record %+v", got.Submission, rec)
			}
			if got.Outcome.Kind != w.kind {
				t.Errorf("draft outcome %+v, want kind %q", got.Outcome, w.kind)
			}
			if strings.Contains(got.Outcome.Message, key) {
				t.Errorf("the API key is in the draft's outcome: %q", got.Outcome.Message)
			}
		})
	}
}

// firstWords is the start of a sentence, which the screen does not wrap.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// checkAgentWords: a screen speaks the agent's language once: no Go error
// text or markup, and "may have been created" at most once.
func checkAgentWords(t *testing.T, scr string) {
	t.Helper()
	for _, jargon := range []string{"context deadline exceeded", "context canceled", "EOF", "dial tcp", "<html", "<body", "%!", "server: server answered"} {
		if strings.Contains(scr, jargon) {
			t.Errorf("%q on the screen:\n%s", jargon, scr)
		}
	}
	if n := strings.Count(strings.Join(strings.Fields(scr), " "), "may have been created"); n > 1 {
		t.Errorf("\"may have been created\" %d times on one screen:\n%s", n, scr)
	}
}
