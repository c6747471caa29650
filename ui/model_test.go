package ui

import (
	"context"
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// A late answer never moves the screen, but a late success is still a
// created record: its id is kept for stdout. A late failure changes nothing.
func TestLateSubmitResultKeepsAnIDButNotTheScreen(t *testing.T) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample()})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.seq = 2
	m.setScreen(screenSubmitting)

	m.Update(submitDoneMsg{seq: 1, err: errors.New("old failure")})
	if m.screen != screenSubmitting || len(m.ids) != 0 {
		t.Fatalf("an older failure was used: screen %v, ids %v", m.screen, m.ids)
	}
	m.Update(submitDoneMsg{seq: 1, id: "old_mg"})
	if m.screen != screenSubmitting || len(m.ids) != 1 || m.ids[0] != "old_mg" {
		t.Fatalf("an older success: screen %v, ids %v; want the id kept and the screen unchanged", m.screen, m.ids)
	}
	m.setScreen(screenReview)
	m.Update(submitDoneMsg{seq: 2, id: "late_mg"})
	if m.screen != screenReview || len(m.ids) != 2 || m.ids[1] != "late_mg" {
		t.Fatalf("a late success: screen %v, ids %v; want the id kept and the screen unchanged", m.screen, m.ids)
	}
	m.setScreen(screenSubmitting)
	m.Update(submitDoneMsg{seq: 2, id: "new_mg"})
	if m.screen != screenResult || len(m.ids) != 3 || m.ids[2] != "new_mg" {
		t.Fatalf("current answer not used: screen %v, ids %v", m.screen, m.ids)
	}
}

func TestQuitWhileSubmittingSaysOutcomeUnknown(t *testing.T) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample()})
	cancelled := false
	m.cancel = func() { cancelled = true }
	m.setScreen(screenSubmitting)
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil || !cancelled {
		t.Fatalf("ctrl+c while submitting: cmd %v, cancelled %v", cmd, cancelled)
	}
	if err := m.outcome().err(); !errors.Is(err, apiclient.ErrOutcomeUnknown) {
		t.Fatalf("outcome error = %v, want ErrOutcomeUnknown", err)
	}
}

func TestMissingDataJumpsToFirstEmptyRequiredField(t *testing.T) {
	rec := apitest.Sample()
	rec.BirthDate = ""
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: rec})
	m.showError(&apiclient.APIError{Status: 400, Code: apiclient.CodeMissingData, Message: "Required input data is missing."})
	if m.fail.Field != apiclient.FieldBirthDate {
		t.Fatalf("fixKey = %q, want birthDate", m.fail.Field)
	}
	if m.notes[apiclient.FieldBirthDate] == "" {
		t.Fatal("no server note for the field")
	}
	m.showError(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidFormat, Field: "issueDate", Message: "invalid format: issueDate"})
	if m.fail.Field != apiclient.FieldIssueDate || m.notes[apiclient.FieldIssueDate] != "invalid format: issueDate" {
		t.Fatalf("invalid_format: fixKey %q notes %v", m.fail.Field, m.notes)
	}
	m.showError(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidParameter, Field: "nickname", Message: "invalid parameter: nickname"})
	if m.fail.Field != "" {
		t.Fatalf("unknown field gave fixKey %q", m.fail.Field)
	}
}
