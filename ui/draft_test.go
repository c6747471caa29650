package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
	"argos-migrate/ui/termtest"
)

// memDrafts is a DraftStore in memory that records every call.
type memDrafts struct {
	mu       sync.Mutex
	saves    []draft.Draft
	last     *draft.LastSuccess
	discards int
	backups  int
}

func (s *memDrafts) Save(_ context.Context, d draft.Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saves = append(s.saves, d)
	return nil
}

func (s *memDrafts) Cleared(_ context.Context, l draft.LastSuccess) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.discards++
	s.last = &l
	return nil
}

func (s *memDrafts) SaveSuccess(_ context.Context, l draft.LastSuccess) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = &l
	return nil
}

func (s *memDrafts) Discard() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.discards++
	return nil
}

func (s *memDrafts) Backup() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.backups++
	return "/state/default.draft.backup-x.json", nil
}

func (s *memDrafts) snapshot() (saves []draft.Draft, last *draft.LastSuccess, discards, backups int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]draft.Draft(nil), s.saves...), s.last, s.discards, s.backups
}

// waitSaves polls until the store holds n saves.
func (s *memDrafts) waitSaves(tb testing.TB, n int) []draft.Draft {
	tb.Helper()
	var saves []draft.Draft
	if !termtest.Poll(termtest.Limit, func() bool { saves, _, _, _ = s.snapshot(); return len(saves) >= n }) {
		tb.Fatalf("%d saves, want %d", len(saves), n)
	}
	return saves
}

func TestAutosaveWhenAPageIsCompleted(t *testing.T) {
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: store, Profile: "default"}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.typeText("admin@sample.com")
	h.press("enter")
	h.waitFor("┃ Full name")
	saves := store.waitSaves(t, 1)
	if saves[0].Submission.Admin != "admin@sample.com" || saves[0].Profile != "default" || saves[0].Outcome.Kind != draft.OutcomeNone {
		t.Fatalf("page 1 autosave = %+v", saves[0])
	}
	h.typeText("홍")
	h.press("ctrl+c")
	m := h.final()
	if err := m.finalSave(context.Background()); err != nil {
		t.Fatal(err)
	}
	saves, _, _, _ = store.snapshot()
	if last := saves[len(saves)-1]; last.Submission.FullName != "홍" {
		t.Fatalf("final save = %+v, want the half-typed name", last.Submission)
	}
}

func TestSuccessClearsDraftAndKeepsLastSuccess(t *testing.T) {
	rec := apitest.Sample()
	d, sb := sandboxDeps(t, rec)
	store := &memDrafts{}
	d.Drafts = DraftOptions{Store: store, Profile: "default"}
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("✓ Ready")
	h.press("s")
	h.waitFor("Submission created")
	saves := store.waitSaves(t, 1)
	if saves[0].Outcome.Kind != draft.OutcomeUnknown || saves[0].Submission != rec {
		t.Errorf("the save before the POST = %+v, want the record marked outcome unknown", saves[0])
	}
	var last *draft.LastSuccess
	var discards int
	if !termtest.Poll(termtest.Limit, func() bool { _, last, discards, _ = store.snapshot(); return discards == 1 && last != nil }) {
		t.Fatalf("draft not cleared: discards %d, last %v", discards, last)
	}
	if recs := sb.Records(); last.ID != recs[0].ID || last.Email != rec.Email {
		t.Fatalf("last success %+v, sandbox %+v", last, recs)
	}
	h.press("q")
	m := h.final()
	before, _, _, _ := store.snapshot()
	if err := m.finalSave(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after, _, _, _ := store.snapshot(); len(after) != len(before) {
		t.Fatal("a created record was saved as a draft again on exit")
	}
}

func TestFailedSubmitSavesWhatHappened(t *testing.T) {
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminInvalid
	d, _ := sandboxDeps(t, rec)
	store := &memDrafts{}
	d.Drafts = DraftOptions{Store: store, Profile: "default"}
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("✓ Ready")
	h.press("s")
	h.waitFor("admin account has no rights")
	saves := store.waitSaves(t, 2)
	o := saves[len(saves)-1].Outcome
	if o.Kind != draft.OutcomeRejected || o.Code != "invalid_admin" || o.Field != "admin" || o.Status != 400 {
		t.Fatalf("outcome saved = %+v", o)
	}
}

// foundDraft is a draft saved yesterday at 14:02 with outcome o.
func foundDraft(t *testing.T, o draft.Outcome) *draft.Draft {
	rec := apitest.Sample()
	if o.Field == "admin" {
		rec.Admin = sandbox.AdminInvalid
	}
	return &draft.Draft{Submission: rec, SavedAt: time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC), Profile: "default",
		APIURL: "http://127.0.0.1:1", Outcome: o}
}

func TestResumeScreenOpensTheRejectedField(t *testing.T) {
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: store, Profile: "default",
		Found: foundDraft(t, draft.Outcome{Kind: draft.OutcomeRejected, Code: "invalid_admin", Field: "admin", Message: "Invalid admin."})}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Resume the draft from 14:02 yesterday?", "Last try: The admin account was refused (invalid_admin)",
		"홍길동 <migration@sample.com>", "opens Admin account")
	h.press("r")
	h.waitFor("┃ Admin account", "Invalid admin.", sandbox.AdminInvalid)
}

// The resume screen speaks the failure policy's words once: what happened
// last time, whether the record may exist (once), what it opens; a draft
// with no name or email yet says so rather than "<>".
func TestResumeScreenWords(t *testing.T) {
	for _, tc := range []struct {
		name    string
		o       draft.Outcome
		blank   bool
		want    []string
		notWant []string
	}{
		{"unknown", draft.Outcome{Kind: draft.OutcomeUnknown, Message: "the wizard ended while the record was being sent"}, false,
			[]string{"Last try: No answer from the server", "! The record may have been created", "before sending it again"},
			[]string{"outcome unknown"}},
		{"server failed", draft.Outcome{Kind: draft.OutcomeUnknown, Status: 502, Message: "HTTP 502: <html><body>Bad gateway</body></html>"}, false,
			[]string{"Last try: The server failed"}, []string{"<html>", "HTTP 502"}},
		{"format", draft.Outcome{Kind: draft.OutcomeRejected, Status: 400, Code: "invalid_format", Field: "birthDate",
			Message: "HTTP 400 invalid_format: invalid format: birthDate"}, false,
			[]string{"Last try: The server refused a value (invalid_format)", "opens Birth date"}, []string{"server answered", "HTTP 400"}},
		{"not sent", draft.Outcome{Kind: draft.OutcomeNotSent, Message: "127.0.0.1:1: connection refused"}, true,
			[]string{"Last try: Could not reach the server", "Record:   no name or email yet"}, []string{"<>", "connection refused"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := foundDraft(t, tc.o)
			if tc.blank {
				found.Submission.FullName, found.Submission.Email = "", ""
			}
			d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: &memDrafts{}, Profile: "default", Found: found}}
			scr := startWizard(t, d, 100, 30).waitFor(tc.want...)
			for _, no := range tc.notWant {
				if strings.Contains(scr, no) {
					t.Errorf("the resume screen shows %q:\n%s", no, scr)
				}
			}
			checkAgentWords(t, scr)
		})
	}
}

// A resumed rejection shows the server's own words beside the field.
func TestResumeNoteIsTheServersMessage(t *testing.T) {
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Profile: "default", Resume: true,
		Found: foundDraft(t, draft.Outcome{Kind: draft.OutcomeRejected, Status: 400, Code: "invalid_admin", Field: "admin",
			Message: "HTTP 400 invalid_admin: Invalid admin."})}}
	scr := startWizard(t, d, 100, 30).waitFor("┃ Admin account", "server: Invalid admin.")
	if strings.Contains(scr, "HTTP 400") {
		t.Fatalf("the note beside the field quotes the status line:\n%s", scr)
	}
}

func TestResumeFlagOpensTheFieldWithoutAsking(t *testing.T) {
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Profile: "default", Resume: true,
		Found: foundDraft(t, draft.Outcome{Kind: draft.OutcomeRejected, Code: "invalid_admin", Field: "admin", Message: "Invalid admin."})}}
	h := startWizard(t, d, 100, 30)
	scr := h.waitFor("┃ Admin account", "Invalid admin.")
	if strings.Contains(scr, "Resume the draft") {
		t.Fatal("--resume asked anyway")
	}
}

func TestResumeStartEmptyKeepsABackup(t *testing.T) {
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: store, Profile: "default", Found: foundDraft(t, draft.Outcome{})}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Resume the draft from 14:02 yesterday?")
	h.press("n")
	h.waitFor("┃ Admin account", "kept as /state/default.draft.backup-x.json")
	if _, _, discards, backups := store.snapshot(); backups != 1 || discards != 0 {
		t.Fatalf("backups %d discards %d, want 1 and 0", backups, discards)
	}
}

func TestResumeDiscardAsksTwice(t *testing.T) {
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: store, Profile: "default", Found: foundDraft(t, draft.Outcome{})}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Resume the draft")
	h.press("d")
	h.waitFor("Press d again")
	h.press("x")
	h.waitGone("Press d again")
	h.press("d", "d")
	h.waitFor("┃ Admin account", "The draft was discarded.")
	if _, _, discards, _ := store.snapshot(); discards != 1 {
		t.Fatalf("discards = %d", discards)
	}
}

func TestUnknownOutcomeLooksUpBeforeResending(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rec := apitest.Sample()
	drop := rec
	drop.Admin = sandbox.AdminDrop
	if _, err := c.Submit(context.Background(), drop); !apiclient.MaybeCreated(err) {
		t.Fatalf("drop: %v", err)
	}
	existing := sb.Records()[0].ID
	found := foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown})
	d := Deps{Submit: c.Submit, Lookup: c.FindByEmail, Target: Target{URL: sb.URL, Sandbox: true, MaskedKey: "sand••••"},
		Drafts: DraftOptions{Profile: "default", Found: found, Resume: true}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("s looks the email up first")
	h.press("s")
	h.waitFor("A submission for this email was created at 12:00 today (id "+existing+")", "Re-submit anyway?")
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("the lookup sent the record: %d records", n)
	}
	h.press("y")
	h.waitFor("Submission created")
	if n := len(sb.Records()); n != 2 {
		t.Fatalf("%d records after the agent chose to re-submit, want 2", n)
	}
}

func TestLookupThatCannotBeMadeSaysSoAndAsks(t *testing.T) {
	for name, lookup := range map[string]LookupFunc{
		"unsupported": func(context.Context, string) ([]apiclient.FoundSubmission, error) {
			return nil, errors.Join(apiclient.ErrLookupUnsupported, errors.New("HTTP 404: Not Found"))
		},
		"none given": nil,
	} {
		t.Run(name, func(t *testing.T) {
			d := Deps{Submit: failSubmit, Lookup: lookup,
				Drafts: DraftOptions{Profile: "default", Resume: true, Found: foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown})}}
			h := startWizard(t, d, 100, 30)
			h.waitFor("s looks the email up first")
			h.press("s")
			h.waitFor("The lookup could not be made", "Check the dashboard", "Send it anyway?", "y send")
			h.press("b")
			h.waitFor("s looks the email up first")
		})
	}
}

func TestFromFileOpensTheReviewWithInvalidFieldsFlagged(t *testing.T) {
	rec := apitest.Sample()
	rec.BirthDate = "2002/11/08"
	rec.Email = ""
	d := Deps{Submit: failSubmit, Initial: rec, Drafts: DraftOptions{StartAtReview: true, Notices: []string{"Left out of ticket.json: cf4"}}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Review", "✗ 2002/11/08", "✗ missing", "2 fields need fixing", "Left out of ticket.json: cf4")
}

// A note that comes later (where the backup went) never hides a warning
// given at start; both are in sight, the warning first.
func TestLaterNoteKeepsTheWarningInSight(t *testing.T) {
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Drafts: DraftOptions{Store: store, Profile: "default", Found: foundDraft(t, draft.Outcome{}),
		Notices: []string{"! Read-only: another argos-migrate holds this draft"}}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("Resume the draft", "! Read-only: another argos-migrate holds this draft")
	h.press("n")
	scr := h.waitFor("┃ Admin account", "! Read-only: another argos-migrate holds this draft", "The previous draft was kept as")
	if strings.Index(scr, "Read-only") > strings.Index(scr, "The previous draft") {
		t.Fatalf("the later note came before the warning:\n%s", scr)
	}
}

// A quit right after a success can end the program before the command that
// clears the draft runs: the draft on disk still says "outcome unknown"
// (saved before the POST). The final save clears it instead.
func TestFinalSaveClearsTheDraftOfACreatedRecord(t *testing.T) {
	store := &memDrafts{}
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample(),
		Drafts: DraftOptions{Store: store, Profile: "default"}})
	_ = m.startSubmit() // the commands never run: the program ends first
	_, _ = m.submitDone(submitDoneMsg{seq: m.seq, id: "sbx1_created"})
	if err := m.finalSave(context.Background()); err != nil {
		t.Fatal(err)
	}
	saves, last, discards, _ := store.snapshot()
	if discards != 1 || len(saves) != 0 {
		t.Fatalf("discards %d saves %d, want the draft discarded and nothing saved", discards, len(saves))
	}
	if last == nil || last.ID != "sbx1_created" {
		t.Fatalf("last success %+v, want the created id", last)
	}
	if out := m.outcome(); out.DraftSaved {
		t.Fatal("the outcome says the record is kept as a draft")
	}
}

// The resume screen's choices line up in two columns, and a sandbox draft
// (whose port is new every run) is not flagged as going elsewhere.
func TestResumeScreenLayout(t *testing.T) {
	found := foundDraft(t, draft.Outcome{})
	found.APIURL = "http://127.0.0.1:39999"
	store := &memDrafts{}
	d := Deps{Submit: failSubmit, Target: Target{URL: "http://127.0.0.1:40000", Sandbox: true},
		Drafts: DraftOptions{Store: store, Profile: "default", Found: found}}
	scr := startWizard(t, d, 100, 30).waitFor("Resume the draft", "delete the draft")
	if strings.Contains(scr, "this session sends to") {
		t.Errorf("a sandbox draft is flagged as going elsewhere:\n%s", scr)
	}
	col := -1
	for _, row := range [][2]string{{"r  resume", "opens the review"}, {"n  start empty", "the draft is kept"}, {"d  discard", "delete the draft"}} {
		for _, line := range strings.Split(scr, "\n") {
			key, desc := strings.Index(line, row[0]), strings.Index(line, row[1])
			if key < 0 || desc < 0 {
				continue
			}
			if gap := line[key+len(row[0]) : desc]; len(gap) < 2 || strings.TrimSpace(gap) != "" {
				t.Errorf("%q: %q between the choice and its meaning", line, gap)
			}
			if col >= 0 && ansi.StringWidth(line[:desc]) != col {
				t.Errorf("%q: meaning at column %d, want %d", line, ansi.StringWidth(line[:desc]), col)
			}
			col = ansi.StringWidth(line[:desc])
		}
	}
	if col < 0 {
		t.Fatalf("choices not found:\n%s", scr)
	}

	live := Deps{Submit: failSubmit, Target: Target{URL: "https://api.example.com", MaskedKey: "live••••"},
		Drafts: DraftOptions{Profile: "default", Found: found}}
	startWizard(t, live, 100, 30).waitFor("(this session sends to https://api.example.com)")
}

// When the lookup finds the earlier submission, the agent can take it as
// the answer: its id is reported like a created one, the draft is cleared,
// and nothing is sent.
func TestLookupFoundThatsTheOne(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	drop := apitest.Sample()
	drop.Admin = sandbox.AdminDrop
	if _, err := c.Submit(context.Background(), drop); !apiclient.MaybeCreated(err) {
		t.Fatalf("drop: %v", err)
	}
	existing := sb.Records()[0].ID
	store := &memDrafts{}
	d := Deps{Submit: c.Submit, Lookup: c.FindByEmail, Target: Target{URL: sb.URL, Sandbox: true, MaskedKey: "sand••••"},
		Drafts: DraftOptions{Store: store, Profile: "default", Found: foundDraft(t, draft.Outcome{Kind: draft.OutcomeUnknown}), Resume: true}}
	h := startWizard(t, d, 100, 30)
	h.waitFor("s looks the email up first")
	h.press("s")
	h.waitFor("(id "+existing+")", "that's the one: print its id and discard the draft")
	h.press("t")
	h.waitFor(existing, "found")
	h.press("q")
	m := h.final()
	if err := m.finalSave(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := m.outcome()
	if len(out.IDs) != 1 || out.IDs[0] != existing || out.err() != nil || out.DraftSaved {
		t.Fatalf("outcome %+v, want the found id reported like a created one", out)
	}
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("%d records, want the one found (nothing sent)", n)
	}
	saves, last, discards, _ := store.snapshot()
	if discards == 0 || last == nil || last.ID != existing || len(saves) != 0 {
		t.Fatalf("saves %d discards %d last %+v: want the draft discarded and the id kept as the last success", len(saves), discards, last)
	}
}
