package draft

import (
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func TestWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "*.go", nil)
}

// The times, outcomes and headlines a draft is shown with, in Korean.
func TestDraftWordsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC) // a Thursday
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{now.Add(-time.Hour), "오늘 08:30"},
		{time.Date(2026, 11, 25, 14, 2, 0, 0, time.UTC), "어제 14:02"},
		{time.Date(2026, 11, 23, 14, 2, 0, 0, time.UTC), "월요일 14:02"},
		{time.Date(2026, 3, 1, 14, 2, 0, 0, time.UTC), "2026-03-01 14:02"},
	} {
		if got := When(c.at, now); got != c.want {
			t.Errorf("When(%v) = %q, want %q", c.at, got, c.want)
		}
	}
	d := Draft{SavedAt: time.Date(2026, 11, 25, 14, 2, 0, 0, time.UTC),
		Outcome: Outcome{Kind: OutcomeRejected, Code: "invalid_admin", Field: "admin"}}
	if got, want := d.Headline(now), "어제 14:02에 저장된 임시 저장본 — 거부됨: invalid_admin (admin)"; got != want {
		t.Errorf("Headline = %q, want %q", got, want)
	}
	for _, o := range []Outcome{{Kind: OutcomeUnknown}, {Kind: OutcomeNotSent}, {Kind: OutcomeRejected, Status: 400}} {
		i18ntest.Korean(t, "outcome", o.Summary())
	}
	if got := (Outcome{Kind: OutcomeRejected, Status: 400}).Summary(); got != "거부됨: HTTP 400" {
		t.Errorf("Summary = %q", got)
	}
	// Errors stay English; printed, they are Korean.
	le := &LockedError{PID: 4242}
	if !errors.Is(le, ErrLocked) || le.Error() != "the draft is in use by another argos-migrate (process 4242)" {
		t.Errorf("Error() = %q", le.Error())
	}
	if got := i18n.Text(le); got != "다른 argos-migrate가 임시 저장본을 사용하고 있습니다 (프로세스 4242)" {
		t.Errorf("Text = %q", got)
	}
	ue := &UnreadableError{Path: "/s/default.draft.json", MovedTo: "/s/default.draft.json.unreadable-1", Reason: errNewerFormat}
	if got := i18n.Text(ue); !strings.Contains(got, "/s/default.draft.json.unreadable-1") {
		t.Errorf("Text = %q: where it went is not named", got)
	}
	i18ntest.Korean(t, "unreadable draft", i18n.Text(ue))
}

// In English, When and Summary read as before.
func TestDraftWordsInEnglish(t *testing.T) {
	i18ntest.Use(t, i18n.EN)
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	if got := When(time.Date(2026, 11, 23, 14, 2, 0, 0, time.UTC), now); got != "Mon 14:02" {
		t.Errorf("When = %q", got)
	}
	if got := When(now.Add(-24*time.Hour), now); got != "09:30 yesterday" {
		t.Errorf("When = %q", got)
	}
	o := Outcome{Kind: OutcomeRejected, Status: 400, Field: "birthDate"}
	if got := o.Summary(); got != "rejected: HTTP 400 (birthDate)" {
		t.Errorf("Summary = %q", got)
	}
}
