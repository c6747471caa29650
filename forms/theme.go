package forms

import (
	"sync"

	"charm.land/huh/v2"

	"argos-migrate/apiclient/i18n/glyphs"
)

// fixedTheme hands out styles built once. huh asks its theme for styles on
// every lookup and the stock themes rebuild everything each time, which made
// one keystroke on a long select cost tens of milliseconds.
type fixedTheme struct{ styles *huh.Styles }

func (t fixedTheme) Theme(bool) *huh.Styles { return t.styles }

var (
	themeOnce  sync.Once
	darkTheme  fixedTheme
	lightTheme fixedTheme
)

// Theme returns the form's theme for a dark or light background. It is built
// once and shared; it ignores huh's own guess of the background, which an
// embedded form only learns if the host forwards it.
func Theme(dark bool) huh.Theme {
	themeOnce.Do(func() {
		darkTheme = fixedTheme{withErrorMark(huh.ThemeCharm(true))}
		lightTheme = fixedTheme{withErrorMark(huh.ThemeCharm(false))}
	})
	if dark {
		return darkTheme
	}
	return lightTheme
}

// withErrorMark flags a field in error with a cross, beside its title and
// before the message under the form. huh's stock mark is " *", which reads
// as "required" next to a title ("Issue date *" on an optional field).
func withErrorMark(s *huh.Styles) *huh.Styles {
	errorMark := " " + glyphs.Current().Cross
	for _, f := range []*huh.FieldStyles{&s.Focused, &s.Blurred} {
		f.ErrorIndicator = f.ErrorIndicator.SetString(errorMark)
		f.ErrorMessage = f.ErrorMessage.SetString(errorMark)
	}
	return s
}
