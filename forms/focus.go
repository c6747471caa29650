package forms

import (
	"argos-migrate/apiclient"

	"charm.land/huh/v2"
)

// Focus moves the focus of f, a form built by New, to the field whose wire
// key is key, without rebuilding it, and reports whether it got there.
// Invalid fields on the way do not block it.
func Focus(f *huh.Form, key string) bool {
	target := apiclient.PageOf(key)
	if target < 0 || f.GetFocusedField() == nil {
		return false
	}
	if g, ok := f.GetFocusedField().(*guard); ok {
		g.nav.lenient = true
	}
	// Each step moves one page or one field; the bound keeps a surprise (a
	// field huh refuses to leave) from looping forever.
	for range 64 {
		cur := f.GetFocusedField().GetKey()
		if cur == key {
			return true
		}
		page := apiclient.PageOf(cur)
		switch {
		case page < target:
			f.NextGroup()
		case page > target:
			f.PrevGroup()
		case indexOf(apiclient.Pages[page].Keys, cur) < indexOf(apiclient.Pages[page].Keys, key):
			f.NextField()
		default:
			f.PrevField()
		}
	}
	return f.GetFocusedField().GetKey() == key
}

func indexOf(keys []string, key string) int {
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	return -1
}
