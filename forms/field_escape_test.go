package forms

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

// A value holding escape codes (a hand-edited draft, say) is drawn as
// visible text by this package's own fields, focused or not; the bound value
// is left as it is.
func TestOwnFieldsDrawEscapesAsText(t *testing.T) {
	const evil = "\x1b]0;pwned\a\x1b[2J"
	sub := apiclient.Submission{BirthDate: evil, IssuingCountry: evil}
	date := newTestDate(t, &sub, apiclient.FieldBirthDate)
	country := newTestCountry(t, &sub.IssuingCountry, false)
	for _, f := range []struct {
		name string
		view func() string
		blur func()
	}{
		{"date", date.View, func() { date.Blur() }},
		{"country", country.View, func() { country.Blur() }},
	} {
		for _, state := range []string{"focused", "blurred"} {
			v := f.view()
			if strings.Contains(v, "\x1b]0;pwned") || strings.Contains(v, "\x1b[2J") {
				t.Errorf("%s field, %s: the escape reaches the screen: %q", f.name, state, v)
			}
			f.blur()
		}
	}
	if v := date.View(); !strings.Contains(v, "␛]0;pwned␇␛[2J") {
		t.Errorf("the date field does not show the value as text: %q", v)
	}
	if sub.BirthDate != evil || sub.IssuingCountry != evil {
		t.Errorf("drawing changed the record: %q %q", sub.BirthDate, sub.IssuingCountry)
	}
}
