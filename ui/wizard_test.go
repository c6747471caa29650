package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms"
	"argos-migrate/ui/termtest"
)

// fillForm enters every field of rec, page by page, waiting for focus to
// reach each field before typing into it.
func fillForm(h *harness, rec apiclient.Submission) {
	h.tb.Helper()
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			h.waitFor("┃ " + apiclient.Label(k))
			typed, downs := termtest.Entry(k, rec.Get(k))
			h.typeText(typed)
			for range downs {
				h.press("down")
			}
			h.press("enter")
		}
	}
}

func TestHappyPathAgainstSandbox(t *testing.T) {
	d, sb := sandboxDeps(t, apiclient.Submission{})
	h := startWizard(t, d, 100, 30)
	h.waitFor("SANDBOX", sb.URL, "sand••••")
	rec := apitest.Sample()
	fillForm(h, rec)

	scr := h.waitFor("Review", "홍길동", "✓ Ready. Press s to submit")
	if strings.Contains(scr, rec.IdentityNumber) {
		t.Fatalf("identity number shown in clear on the review:\n%s", scr)
	}
	h.press("s")
	scr = h.waitFor("Submission created")
	recs := sb.Records()
	if len(recs) != 1 {
		t.Fatalf("sandbox has %d records, want 1", len(recs))
	}
	if recs[0].Submission != rec {
		t.Errorf("sandbox got %+v\nwant %+v", recs[0].Submission, rec)
	}
	if !strings.Contains(scr, recs[0].ID) {
		t.Errorf("result screen does not show id %s:\n%s", recs[0].ID, scr)
	}
	h.press("q")
	if out := h.final().outcome(); len(out.IDs) != 1 || out.IDs[0] != recs[0].ID || out.err() != nil {
		t.Errorf("outcome = %+v, want the one id and no error", out)
	}
}

func TestReviewMasksIdentityNumberUntilRevealed(t *testing.T) {
	rec := apitest.Sample()
	h := startWizard(t, Deps{Submit: failSubmit, Initial: rec}, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("Identity number", "••••••-•••••••")
	if scr := h.screen(); strings.Contains(scr, rec.IdentityNumber) {
		t.Fatalf("identity number in clear before reveal:\n%s", scr)
	}
	h.press("v")
	h.waitFor(rec.IdentityNumber, "hide id number")
	h.press("v")
	h.waitGone(rec.IdentityNumber)
}

func TestReviewEditJumpsToPageAndField(t *testing.T) {
	rec := apitest.Sample()
	h := startWizard(t, Deps{Submit: failSubmit, Initial: rec}, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("✓ Ready")

	// A page by number: 4 is the address; ctrl+r comes back with the
	// cursor on the field left.
	h.press("4")
	h.waitFor("┃ " + apiclient.Label(apiclient.Pages[3].Keys[0]))
	h.press("ctrl+r")
	h.waitFor("✓ Ready", "Street (address_street): ")

	// A field under the cursor: move up to the email and edit it.
	order := apiclient.AllKeys()
	for i := keyIndex(apiclient.FieldAddressStreet); order[i] != apiclient.FieldEmail; i-- {
		h.press("up")
	}
	h.waitFor("Email (email): " + rec.Email)
	h.press("e")
	h.waitFor("┃ Email")
	h.press("ctrl+u")
	h.typeText("someone@example.org")
	h.press("ctrl+r")
	h.waitFor("someone@example.org", "✓ Ready", "홍길동")
}

// After e on the review (or f on an error), Enter on the edited field goes
// back to the review, with the cursor on that field; the footer says so. A
// page opened with its number goes back after its last field.
func TestEnterAfterEditGoesBackToTheReview(t *testing.T) {
	rec := apitest.Sample()
	h := startWizard(t, Deps{Submit: failSubmit, Initial: rec, Drafts: DraftOptions{StartAtReview: true}}, 100, 30)
	h.waitFor("✓ Ready")
	for i := 0; apiclient.AllKeys()[i] != apiclient.FieldEmail; i++ {
		h.press("down")
	}
	h.press("e")
	h.waitFor("┃ Email", "enter back to review")
	h.press("ctrl+u")
	h.typeText("someone@example.org")
	h.press("enter")
	scr := h.waitFor("✓ Ready", "Email (email): someone@example.org")
	if strings.Contains(scr, "┃ Birth date") {
		t.Fatalf("enter went on to the next field:\n%s", scr)
	}
	// A refused value stays in the form, saying why.
	h.press("e")
	h.waitFor("┃ Email")
	h.press("ctrl+u")
	h.typeText("bad@")
	h.press("enter")
	h.waitFor("✗ Email is not an email address")
	h.press("ctrl+u")
	h.typeText("good@example.org")
	h.press("enter")
	h.waitFor("✓ Ready", "Email (email): good@example.org")

	// A page: enter walks its fields, then goes back.
	h.press("4")
	h.waitFor("┃ Street", "enter next")
	for _, k := range apiclient.Pages[3].Keys[:len(apiclient.Pages[3].Keys)-1] {
		h.waitFor("┃ " + apiclient.Label(k))
		h.press("enter")
	}
	h.waitFor("┃ Full address", "enter back to review")
	h.press("enter")
	h.waitFor("✓ Ready", "Full address (address_full): ")
}

func TestReviewFlagsInvalidFieldsAndBlocksSubmit(t *testing.T) {
	rec := apitest.Sample()
	rec.BirthDate = "2002-02-30"
	rec.KYCStatus = ""
	d, sb := sandboxDeps(t, rec)
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("✗ 2 fields need fixing", "✗ 2002-02-30", "✗ missing", "Birth date is not a real date")
	// Keys are handled in order: once v has revealed the identity number,
	// s has been handled too.
	h.press("s", "v")
	h.waitFor(rec.IdentityNumber)
	if scr := h.screen(); !strings.Contains(scr, "need fixing") || strings.Contains(scr, "Sending") {
		t.Fatalf("submit went ahead with an invalid record:\n%s", scr)
	}
	if n := len(sb.Records()); n != 0 {
		t.Fatalf("sandbox got %d records from an invalid review", n)
	}
}

func TestInvalidAdminJumpsToAdminKeepsValuesThenSucceeds(t *testing.T) {
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminInvalid
	d, sb := sandboxDeps(t, rec)
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	h.waitFor("✓ Ready")
	h.press("s")
	h.waitFor("The admin account was refused", "admin account has no rights", "The record was not created", "f fix Admin account")
	h.press("f")
	h.waitFor("┃ Admin account", "Invalid admin.")
	h.press("ctrl+u")
	h.typeText("admin@sample.com")
	h.press("ctrl+r")
	h.waitFor("✓ Ready", "admin@sample.com", "홍길동", "migration-comment3")
	h.press("s")
	h.waitFor("Submission created")
	recs := sb.Records()
	want := apitest.Sample()
	if len(recs) != 1 || recs[0].Submission != want {
		t.Fatalf("sandbox records = %+v, want exactly the sample record", recs)
	}
}

func TestErrorScreens(t *testing.T) {
	tests := []struct {
		name    string
		admin   string
		key     string
		timeout time.Duration
		want    []string
	}{
		{"forbidden", "admin@sample.com", "wrong-key", 5 * time.Second,
			[]string{"The API key was refused", "allow-list", "The record was not created", "ARGOS_API_KEY"}},
		{"server failure", sandbox.AdminFail, sandbox.Key, 5 * time.Second,
			[]string{"The server failed", "may have been created", "Check the dashboard"}},
		{"processing error", sandbox.AdminError, sandbox.Key, 5 * time.Second,
			[]string{"failed to complete the migration", "contact ARGOS support"}},
		{"timeout", sandbox.AdminStall, sandbox.Key, 300 * time.Millisecond,
			[]string{"No answer from the server", "may have been created"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := apitest.Sample()
			rec.Admin = tt.admin
			sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
			d := Deps{Submit: submitTo(t, sb.URL, tt.key, tt.timeout), Initial: rec}
			h := startWizard(t, d, 100, 30)
			h.waitFor("┃ Admin account")
			h.press("ctrl+r")
			h.waitFor("✓ Ready")
			h.press("s")
			h.waitFor(tt.want...)
			h.press("b")
			h.waitFor("Identity number")
			h.press("q")
			out := h.final().outcome()
			if len(out.IDs) != 0 || out.err() != ErrQuit {
				t.Errorf("outcome = %+v, want no ids and ErrQuit", out)
			}
		})
	}
}

func TestNetworkErrorOffersRetry(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	url := sb.URL
	_ = sb.Close() // nothing listens there now: the request is never sent
	rec := apitest.Sample()
	h := startWizard(t, Deps{Submit: submitTo(t, url, sandbox.Key, time.Second), Initial: rec}, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r", "s")
	h.waitFor("Could not reach the server", "The record was not sent", "r try again")
	h.press("q")
	if err := h.final().outcome().err(); !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("quit on the error screen returned %v, want the network error", err)
	}
}

func TestEscCancelsSubmitAndSaysRecordMayExist(t *testing.T) {
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminStall
	d, sb := sandboxDeps(t, rec)
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r", "s")
	h.waitFor("Sending the record", "esc cancel")
	// Wait until the sandbox holds the record, so the request was sent.
	if !termtest.Poll(termtest.Limit, func() bool { return len(sb.Records()) > 0 }) {
		t.Fatal("the record never reached the sandbox")
	}
	h.press("esc")
	h.waitFor("Stopped waiting for the server", "may have been created")
}

// While the window is too small the screen is hidden: s, typing, enter and
// paste change nothing, on the review or in the form; a resize brings the
// screen back as it was.
func TestTooSmallTakesNoKeys(t *testing.T) {
	rec := apitest.Sample()
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: rec,
		Drafts: DraftOptions{StartAtReview: true}})
	m.Init()
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	if !strings.Contains(ansi.Strip(m.render()), "needs at least 60×20") {
		t.Fatalf("no too-small message at 50x15:\n%s", m.render())
	}
	send(t, m, keyMsg("s"), keyMsg("e"), keyMsg("enter"), keyMsg("x"), keyMsg("3"), tea.PasteMsg{Content: "pasted"}, keyMsg("v"), keyMsg("q"))
	if m.screen != screenReview || *m.sub != rec || m.revealed {
		t.Fatalf("keys acted while too small: screen %v, revealed %v, record %+v", m.screen, m.revealed, *m.sub)
	}

	m = newFormModel(t, apiclient.Submission{}, 80, 24)
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	send(t, m, keyMsg("a"), keyMsg("@"), keyMsg("b"), tea.PasteMsg{Content: "x@y.z"}, keyMsg("enter"), keyMsg("ctrl+r"))
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.screen != screenForm || !m.sub.IsZero() || forms.FocusedKey(m.form) != apiclient.FieldAdmin {
		t.Fatalf("keys acted while too small: screen %v, focus %q, record %+v", m.screen, forms.FocusedKey(m.form), *m.sub)
	}
	// ctrl+c still quits.
	send(t, m, tea.WindowSizeMsg{Width: 50, Height: 15})
	if _, cmd := m.update(keyMsg("ctrl+c")); cmd == nil {
		t.Fatal("ctrl+c does not quit while too small")
	}
}

func TestMinimumSizeMessage(t *testing.T) {
	h := startWizard(t, Deps{Submit: failSubmit}, 50, 15)
	h.waitFor("needs at least 60×20", "nothing you typed is lost")
	h.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.term.Resize(80, 24)
	h.waitFor("┃ Admin account", "SANDBOX")
}

func TestWorksAt80x24(t *testing.T) {
	rec := apitest.Sample()
	h := startWizard(t, Deps{Submit: failSubmit, Initial: rec}, 80, 24)
	h.waitFor("┃ Admin account")
	h.press("ctrl+r")
	scr := h.waitFor("1  Admin", "6  KYC result", "✓ Ready", "s submit")
	for i, line := range strings.Split(scr, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("line %d is %d cells wide", i, w)
		}
	}
}

// ctrl+n leaves an optional page as it is; the footer offers it only there.
// After n on the Done screen, the header counts what this run created.
func TestSkipOptionalPageAndCreatedCount(t *testing.T) {
	rec := apitest.Sample()
	d, _ := sandboxDeps(t, rec)
	h := startWizard(t, d, 100, 30)
	h.waitFor("┃ Admin account")
	if scr := h.screen(); strings.Contains(scr, "skip page") {
		t.Fatalf("skip offered on a required page:\n%s", scr)
	}
	h.press("ctrl+r")
	h.waitFor("✓ Ready")
	h.press("4")
	h.waitFor("┃ Street", "ctrl+n skip page")
	h.press("ctrl+n")
	h.waitFor("✓ Ready", "Street (address_street)")
	h.press("s")
	h.waitFor("Submission created")
	if scr := h.screen(); strings.Contains(scr, "✓ 1 created") {
		t.Fatalf("the Done screen shows the count badge:\n%s", scr)
	}
	h.press("n")
	h.waitFor("┃ Full name", "✓ 1 created")
	// On the person page (required) ctrl+n does nothing.
	h.press("ctrl+n")
	h.waitFor("┃ Full name")
}

func TestSkipPageWhileFilling(t *testing.T) {
	m := newFormModel(t, apitest.Sample(), 80, 24)
	m.editAt(apiclient.FieldAddressStreet)
	send(t, m, keyMsg("ctrl+n"))
	if k := forms.FocusedKey(m.form); k != apiclient.FieldIPAddress || m.screen != screenForm {
		t.Fatalf("ctrl+n on the address page went to %q (screen %v), want the next page's first field", k, m.screen)
	}
	send(t, m, keyMsg("ctrl+n"))
	if k := forms.FocusedKey(m.form); k != apiclient.FieldKYCStatus {
		t.Fatalf("ctrl+n on the other page went to %q", k)
	}
	send(t, m, keyMsg("ctrl+n"))
	if k := forms.FocusedKey(m.form); k != apiclient.FieldKYCStatus || m.screen != screenForm {
		t.Fatalf("ctrl+n on a required page moved to %q (screen %v)", k, m.screen)
	}
}
