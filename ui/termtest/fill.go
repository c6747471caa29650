package termtest

import (
	"slices"

	"argos-migrate/apiclient"
)

// Entry is how an operator enters v into field k of an empty form: text to
// type, or for a select, how many rows down from its empty first row.
func Entry(k, v string) (typed string, downs int) {
	spec, _ := apiclient.Spec(k)
	if spec.Kind != apiclient.KindEnum || v == "" {
		return v, 0
	}
	for i, o := range apiclient.EnumOptions(k) {
		if o.Value == v {
			return "", i + 1
		}
	}
	return "", 0
}

// Fill enters rec into the wizard's form page by page, each field once the
// focus has reached it, as an operator would: text typed, selects moved
// down to their option; the fields named in pasted are pasted instead (a
// value that must not appear in any tmux command's arguments).
func (p *Pane) Fill(rec apiclient.Submission, pasted ...string) {
	p.tb.Helper()
	p.FillPages(rec, len(apiclient.Pages), pasted...)
}

// FillPages is Fill for the first n pages only.
func (p *Pane) FillPages(rec apiclient.Submission, n int, pasted ...string) {
	p.tb.Helper()
	for _, page := range apiclient.Pages[:n] {
		for _, k := range page.Keys {
			p.WaitFor("┃ " + apiclient.Label(k))
			typed, downs := Entry(k, rec.Get(k))
			if slices.Contains(pasted, k) {
				p.Paste(typed)
			} else {
				p.Type(typed)
			}
			for range downs {
				p.Keys("Down")
			}
			p.Keys("Enter")
		}
	}
}
