package apiclient

import (
	"slices"
	"testing"
)

// Every field of the API is on exactly one page of AllPages, and AllKeys
// lists them in that order.
func TestAllPagesHoldEveryFieldOnce(t *testing.T) {
	count := map[string]int{}
	var order []string
	for _, p := range AllPages() {
		for _, k := range p.Keys {
			count[k]++
			order = append(order, k)
		}
	}
	for _, f := range Fields {
		if count[f.Key] != 1 {
			t.Errorf("field %s is on %d pages, want 1", f.Key, count[f.Key])
		}
	}
	if len(order) != len(Fields) || !slices.Equal(order, AllKeys()) {
		t.Errorf("AllKeys = %v, want %v", AllKeys(), order)
	}
}

// A field the pages leave out lands on a last "More" page, optional only
// when none of its fields is required.
func TestCompletePagesAddsTheFieldsLeftOut(t *testing.T) {
	pages := []Page{{ID: "admin", Keys: []string{FieldAdmin}}}
	fields := []FieldSpec{
		{Key: FieldAdmin, Required: true},
		{Key: FieldCF1},
		{Key: FieldCF2},
	}
	got := completePages(pages, fields)
	if len(got) != 2 || got[1].Title() != "More" || !got[1].Optional ||
		!slices.Equal(got[1].Keys, []string{FieldCF1, FieldCF2}) {
		t.Fatalf("completePages = %+v", got)
	}
	fields = append(fields, FieldSpec{Key: FieldEmail, Required: true})
	if got := completePages(pages, fields); got[1].Optional {
		t.Errorf("a page holding a required field is marked optional: %+v", got[1])
	}
	if got := completePages(pages, fields[:1]); len(got) != 1 {
		t.Errorf("nothing left out, yet %d pages", len(got))
	}
	got[0].ID = "changed"
	if pages[0].ID != "admin" {
		t.Error("completePages shares its result with its input")
	}
}
