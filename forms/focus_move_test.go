package forms

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
)

// MoveWatch must see every way a field of this form moves the focus: it
// relies on huh's move command and page messages being what they are in
// huh v2.0.3, and this test is where a huh that changed them shows.
func TestMoveWatch(t *testing.T) {
	full := apiclient.Submission{Admin: "ops@example.com", FullName: "Kim", Email: "kim@example.com",
		BirthDate: "1990-01-02", Gender: "female", Nationality: "KOR", IDType: "passport"}
	tests := []struct {
		name     string
		at       string // the focused field
		key      string
		waits    bool   // a move is asked for
		landOn   string // where the focus is once the messages are in
		clearKey bool   // empty the field first
	}{
		{"input enter", apiclient.FieldFullName, "enter", true, apiclient.FieldEmail, false},
		{"input refused", apiclient.FieldEmail, "enter", false, apiclient.FieldEmail, true},
		{"input back", apiclient.FieldEmail, "shift+tab", true, apiclient.FieldFullName, false},
		{"input last of page", apiclient.FieldAdmin, "enter", true, apiclient.FieldFullName, false},
		{"input first of page back", apiclient.FieldFullName, "shift+tab", true, apiclient.FieldAdmin, false},
		{"date enter", apiclient.FieldBirthDate, "enter", true, apiclient.FieldGender, false},
		{"select enter", apiclient.FieldGender, "enter", true, apiclient.FieldNationality, false},
		{"select moves cursor only", apiclient.FieldGender, "down", false, apiclient.FieldGender, false},
		{"country enter", apiclient.FieldNationality, "enter", true, apiclient.FieldUserID, false},
		{"typing", apiclient.FieldFullName, "x", false, apiclient.FieldFullName, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := full
			h := newTestForm(t, &sub, Options{})
			if !Focus(h.f, tt.at) {
				t.Fatalf("cannot focus %s", tt.at)
			}
			if tt.clearKey {
				drive(t, h, ctrlU)
			}
			var w MoveWatch
			var msg tea.Msg = press(tt.key)
			before := FocusedKey(h.f)
			_, cmd := h.f.Update(msg)
			w.Observe(h.f, msg, before)
			if w.Waiting() != tt.waits {
				t.Fatalf("after %s on %s: waiting %v, want %v", tt.key, tt.at, w.Waiting(), tt.waits)
			}
			// Deliver what the commands bring back, one message at a time.
			queue := run(t, cmd)
			for n := 0; len(queue) > 0; n++ {
				if n > 100 {
					t.Fatal("the messages never end")
				}
				msg, queue = queue[0], queue[1:]
				before := FocusedKey(h.f)
				_, cmd := h.f.Update(msg)
				w.Observe(h.f, msg, before)
				queue = append(queue, run(t, cmd)...)
			}
			if w.Waiting() {
				t.Errorf("still waiting once every message is in")
			}
			if got := FocusedKey(h.f); got != tt.landOn {
				t.Errorf("focus on %s, want %s", got, tt.landOn)
			}
		})
	}
}
