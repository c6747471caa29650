package forms

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
)

// benchForm is the whole form at 100×30 with the focus on the issuing
// country, as the wizard holds it while an operator picks a country.
func benchForm(b *testing.B) *formHarness {
	b.Helper()
	sub := apiclient.Submission{Admin: "ops@example.com"}
	h := newTestForm(b, &sub, Options{Width: 100, Height: 30, Dark: true})
	if !Focus(h.f, apiclient.FieldIssuingCountry) {
		b.Fatal("could not focus the issuing country")
	}
	_ = h.f.View()
	return h
}

// BenchmarkCountryKeyMove is one ↓ or ↑ on the country picker inside the
// whole form, and the frame after it: what the operator waits for on each
// key while scrolling the 249 countries.
func BenchmarkCountryKeyMove(b *testing.B) {
	h := benchForm(b)
	down, up := press("down"), press("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%100 >= 50 {
			k = up
		}
		h.f.Update(k)
		_ = h.f.View()
		i++
	}
}

// BenchmarkCountryKeyFilter is one filter character (then its backspace, so
// the list does not shrink to nothing) on the country picker inside the
// whole form, each with the frame after it; per key, so divide nothing.
func BenchmarkCountryKeyFilter(b *testing.B) {
	h := benchForm(b)
	keys := []tea.KeyPressMsg{press("k"), press("backspace")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		h.f.Update(keys[i%2])
		_ = h.f.View()
		i++
	}
}

// BenchmarkNew builds the whole form (22 fields, six pages) at the wizard's
// size, what the wizard does before its first frame and on every "edit".
func BenchmarkNew(b *testing.B) {
	var sub apiclient.Submission
	o := Options{Width: 100, Height: 30, Dark: true, Now: fixedNow}
	b.ReportAllocs()
	for b.Loop() {
		f := New(&sub, o)
		_ = f.Init()
		_ = f.View()
	}
}
