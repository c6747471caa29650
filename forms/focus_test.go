package forms

import (
	"testing"

	"argos-migrate/apiclient"
)

func TestFocusEveryKey(t *testing.T) {
	for _, init := range []bool{false, true} {
		for _, p := range apiclient.Pages {
			for _, k := range p.Keys {
				var sub apiclient.Submission
				f := New(&sub, Options{Now: fixedNow, Width: 80, Height: 24})
				if init {
					run(t, f.Init())
				}
				if !Focus(f, k) {
					t.Fatalf("init=%v: Focus(%q) failed; focused %q", init, k, f.GetFocusedField().GetKey())
				}
				// and back to the first field from there
				if !Focus(f, apiclient.FieldAdmin) {
					t.Fatalf("init=%v: Focus back to admin from %q failed", init, k)
				}
			}
		}
	}
}

func TestFocusUnknownKey(t *testing.T) {
	var sub apiclient.Submission
	f := New(&sub, Options{Now: fixedNow})
	if Focus(f, "nope") {
		t.Fatal("Focus of an unknown key reported success")
	}
}
