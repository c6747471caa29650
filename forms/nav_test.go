package forms

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

func newTestForm(tb testing.TB, sub *apiclient.Submission, o Options) *formHarness {
	tb.Helper()
	if o.Now == nil {
		o.Now = fixedNow
	}
	if o.Width == 0 {
		o.Width, o.Height = 80, 30
	}
	f := New(sub, o)
	run(tb, f.Init())
	return &formHarness{f}
}

func TestBackNotBlockedByInvalidField(t *testing.T) {
	tests := []struct {
		name  string
		typed []string // keys typed on the person page before going back
	}{
		{"empty required field", nil},
		{"invalid email two fields in", []string{"K", "i", "m", "enter", "x", "@"}},
		{"required field emptied", []string{"A", "backspace"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := apiclient.Submission{}
			h := newTestForm(t, &sub, Options{})
			typeText(t, h, "ops@example.com")
			typeKeys(t, h, "enter")
			if got := h.focused(); got != apiclient.FieldFullName {
				t.Fatalf("after admin, focus on %q", got)
			}
			typeKeys(t, h, tt.typed...)
			// shift+tab until the admin page shows again
			for range 4 {
				if h.focused() == apiclient.FieldAdmin {
					break
				}
				typeKeys(t, h, "shift+tab")
			}
			if got := h.focused(); got != apiclient.FieldAdmin {
				t.Fatalf("going back stopped on %q; screen:\n%s", got, screen(h.f.View()))
			}
			if v := screen(h.f.View()); !strings.Contains(v, "ops@example.com") {
				t.Fatalf("admin value lost:\n%s", v)
			}
			// and forward again still validates: clear admin, enter is refused
			typeKeys(t, h, "enter")
			if got := h.focused(); got != apiclient.FieldFullName {
				t.Fatalf("forward again: focus on %q", got)
			}
			if sub.FullName != "" {
				return
			}
			typeKeys(t, h, "enter")
			if got := h.focused(); got != apiclient.FieldFullName {
				t.Fatalf("empty full name accepted; focus moved to %q", got)
			}
			if v := screen(h.f.View()); !strings.Contains(v, "✗ Full name is required") {
				t.Fatalf("no error shown for the empty full name:\n%s", v)
			}
		})
	}
}
