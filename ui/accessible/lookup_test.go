package accessible

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
)

// unknownDraft is the sample record saved after a submit whose outcome is
// unknown.
func unknownDraft(rec apiclient.Submission) *Draft {
	return &Draft{Submission: rec, Saved: fixedNow(), Note: "outcome unknown: the record may have been created",
		Outcome: draft.OutcomeUnknown}
}

// TestResumedUnknownDraftIsLookedUpBeforeSending resumes a draft whose last
// submit may have created the record, which the sandbox already holds: the
// session says what it found and sends only on a yes.
func TestResumedUnknownDraftIsLookedUpBeforeSending(t *testing.T) {
	rec := apitest.Sample()
	for _, tc := range []struct {
		answer  string
		records int
		err     error
	}{
		{answer: "n", records: 1, err: ErrDeclined},
		{answer: "y", records: 2},
	} {
		t.Run("send anyway "+tc.answer, func(t *testing.T) {
			r := newRig(t, "y\ny\n"+tc.answer+"\n")
			first, err := submitTo(t, r.sb.URL, sandbox.Key)(context.Background(), rec)
			if err != nil {
				t.Fatal(err)
			}
			r.deps.Draft = unknownDraft(rec)
			if _, err := r.run(); !errors.Is(err, tc.err) {
				t.Fatalf("run: %v, want %v\n%s", err, tc.err, r.out)
			}
			if n := len(r.sb.Records()); n != tc.records {
				t.Fatalf("the sandbox holds %d record(s), want %d", n, tc.records)
			}
			want := "! A submission for this email was created at 12:00 today (id " + first + ").\n" +
				"It is most likely the record sent last time. Sending again creates a second one.\nSend anyway? (y/n): "
			if !strings.Contains(r.out.String(), want) {
				t.Errorf("transcript lacks %q:\n%s", want, r.out)
			}
			if tc.err != nil {
				// Declined: the draft still says the record may exist.
				d := r.saved()
				if len(d) != 1 || !apiclient.MaybeCreated(d[0].cause) || !strings.Contains(d[0].reason, "may have created") {
					t.Errorf("drafts %+v, want one that keeps the outcome unknown", d)
				}
			}
			r.assertClean(rec.IdentityNumber)
		})
	}
}

func TestResumedUnknownDraftNotFoundIsSentWithoutAsking(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, "y\ny\n")
	r.deps.Draft = unknownDraft(rec)
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v", got)
	}
	if !strings.Contains(r.out.String(), "No submission was found for "+rec.Email) || strings.Contains(r.out.String(), "Send anyway?") {
		t.Errorf("transcript:\n%s", r.out)
	}
}

func TestFailedLookupIsSaidAndAsked(t *testing.T) {
	rec := apitest.Sample()
	rec.Email = sandbox.EmailNoLookup
	for _, noFunc := range []bool{false, true} {
		name := "the server has no lookup"
		if noFunc {
			name = "no lookup function"
		}
		t.Run(name, func(t *testing.T) {
			r := newRig(t, "y\ny\ny\n")
			if noFunc {
				r.deps.Lookup = nil
			}
			r.deps.Draft = unknownDraft(rec)
			if _, err := r.run(); err != nil {
				t.Fatalf("run: %v\n%s", err, r.out)
			}
			if len(r.sb.Records()) != 1 {
				t.Fatalf("sandbox holds %d records, want the one sent anyway", len(r.sb.Records()))
			}
			for _, want := range []string{
				"! The lookup could not be made, so whether this record exists is unknown: ",
				"Check the dashboard for " + sandbox.EmailNoLookup + " before sending it again.\nSend anyway? (y/n): ",
			} {
				if !strings.Contains(r.out.String(), want) {
					t.Errorf("transcript lacks %q:\n%s", want, r.out)
				}
			}
		})
	}
}

// A draft that was never sent, or whose submit was refused, is sent without
// a lookup.
func TestResumedDraftWithAKnownOutcomeIsNotLookedUp(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, "y\ny\n")
	r.deps.Draft = &Draft{Submission: rec, Saved: fixedNow(), Outcome: draft.OutcomeRejected}
	r.deps.Lookup = func(context.Context, string) ([]apiclient.FoundSubmission, error) {
		t.Error("a lookup was made")
		return nil, nil
	}
	if _, err := r.run(); err != nil || len(r.sb.Records()) != 1 {
		t.Fatalf("run: %v, %d records\n%s", err, len(r.sb.Records()), r.out)
	}
}

// The draft is saved as "outcome unknown" before the request leaves, so a
// kill while it is out is remembered.
func TestDraftSaysOutcomeUnknownWhileSending(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y"))
	submit := r.deps.Submit
	r.deps.Submit = func(ctx context.Context, s apiclient.Submission) (string, error) {
		d := r.saved()
		if len(d) == 0 || d[len(d)-1].sub != s || !apiclient.MaybeCreated(d[len(d)-1].cause) {
			t.Errorf("while sending, the drafts saved are %+v; want the record with an unknown outcome", d)
		}
		return submit(ctx, s)
	}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
}

// A lookup that answers with another person's submission (a server that
// ignored ?email=) finds nothing for this record and says whether it exists
// is unknown; a no sends nothing.
func TestLookupForAnotherPersonMatchesNothing(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, "y\ny\nn\n")
	r.deps.Draft = unknownDraft(rec)
	r.deps.Lookup = func(context.Context, string) ([]apiclient.FoundSubmission, error) {
		return []apiclient.FoundSubmission{{ID: "sbx-someone-else", Email: "someone@else.com", UserID: rec.UserID}}, nil
	}
	if _, err := r.run(); !errors.Is(err, ErrDeclined) {
		t.Fatalf("run: %v, want declined\n%s", err, r.out)
	}
	if len(r.sb.Records()) != 0 {
		t.Fatalf("sandbox holds %d records", len(r.sb.Records()))
	}
	for _, want := range []string{
		"! The lookup answered, but nothing matches this record: 1 submission for another email or user id.",
		"whether this record exists is unknown. Check the dashboard for " + rec.Email,
		"Send anyway? (y/n): ",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out.String(), "sbx-someone-else") {
		t.Errorf("another person's id is shown:\n%s", r.out)
	}
}

// Several matches: each is listed, the duplicate is named, and the newest
// is said to be the likely one.
func TestLookupWithSeveralMatchesNamesTheDuplicate(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, "y\ny\nn\n")
	r.deps.Draft = unknownDraft(rec)
	r.deps.Lookup = func(context.Context, string) ([]apiclient.FoundSubmission, error) {
		return []apiclient.FoundSubmission{
			{ID: "sbx-older", Email: rec.Email, UserID: rec.UserID, CreatedAt: fixedNow().Add(-2 * time.Hour)},
			{ID: "sbx-newer", Email: rec.Email, UserID: rec.UserID, CreatedAt: fixedNow().Add(-time.Hour)},
		}, nil
	}
	if _, err := r.run(); !errors.Is(err, ErrDeclined) {
		t.Fatalf("run: %v, want declined\n%s", err, r.out)
	}
	for _, want := range []string{"A duplicate already exists: 2 submissions match this record", "(id sbx-older)", "(id sbx-newer)", "The newest is sbx-newer"} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
}
