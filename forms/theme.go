package forms

import (
	"sync"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient/i18n/glyphs"
)

// fixedTheme hands out styles built once. huh asks its theme for styles on
// every lookup and the stock themes rebuild everything each time, which made
// one keystroke on a long select cost tens of milliseconds.
type fixedTheme struct{ styles *huh.Styles }

func (t fixedTheme) Theme(bool) *huh.Styles { return t.styles }

// themeKey is what a theme is built for: the background, and whether the
// run draws with the ASCII glyph set.
type themeKey struct{ dark, ascii bool }

var themes sync.Map // themeKey → fixedTheme

// Theme returns the form's theme for a dark or light background, with the
// run's glyph set (glyphs.Current). It is built once per kind and shared;
// it ignores huh's own guess of the background, which an embedded form
// only learns if the host forwards it.
func Theme(dark bool) huh.Theme {
	k := themeKey{dark: dark, ascii: glyphs.Current().ASCII}
	if t, ok := themes.Load(k); ok {
		return t.(fixedTheme)
	}
	t, _ := themes.LoadOrStore(k, fixedTheme{withGlyphs(withErrorMark(huh.ThemeCharm(dark)), glyphs.Current())})
	return t.(fixedTheme)
}

// withGlyphs draws the marks of huh's theme whose width terminals disagree
// on from the glyph set: the bar beside the focused field (┃, a box-drawing
// character two cells wide in a terminal that draws ambiguous characters
// wide) and the arrows of an inline select. The bar keeps its one cell.
func withGlyphs(s *huh.Styles, g glyphs.Set) *huh.Styles {
	if !g.ASCII {
		return s
	}
	bar := lipgloss.Border{Left: g.Bar}
	s.Focused.Base = s.Focused.Base.BorderStyle(bar)
	s.Focused.NextIndicator = s.Focused.NextIndicator.SetString(g.Right)
	s.Focused.PrevIndicator = s.Focused.PrevIndicator.SetString(g.Left)
	s.Focused.UnselectedPrefix = s.Focused.UnselectedPrefix.SetString(g.Bullet + " ")
	s.Blurred.UnselectedPrefix = s.Blurred.UnselectedPrefix.SetString(g.Bullet + " ")
	return s
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
