package ui

import (
	"context"
	"image/color"
	"math"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestStylesAreReadableOnDarkAndLight checks every text colour against the
// usual backgrounds of each kind, and every coloured band against its own
// background, at the WCAG AA ratio for text (4.5:1).
func TestStylesAreReadableOnDarkAndLight(t *testing.T) {
	for _, tc := range []struct {
		dark bool
		bgs  []string
	}{
		{false, []string{"#FFFFFF", "#FDF6E3"}}, // white, Solarized light
		{true, []string{"#000000", "#1E1E1E", "#282C34"}},
	} {
		st := newStyles(tc.dark)
		named := map[string]lipgloss.Style{
			"Brand": st.Brand, "Dim": st.Dim, "Rule": st.Rule, "Title": st.Title, "PageTitle": st.PageTitle,
			"Label": st.Label, "Value": st.Value, "Invalid": st.Invalid, "Cursor": st.Cursor,
			"Good": st.Good, "Bad": st.Bad, "Warn": st.Warn, "IDBox": st.IDBox,
			"Sandbox": st.Sandbox, "Prod": st.Prod, "Local": st.Local,
		}
		for name, s := range named {
			fg := s.GetForeground()
			if bg := s.GetBackground(); bg != nil {
				if _, none := bg.(lipgloss.NoColor); !none {
					if r := contrast(fg, bg); r < 4.5 {
						t.Errorf("dark=%v %s: contrast %.2f on its own background", tc.dark, name, r)
					}
					continue
				}
			}
			for _, hex := range tc.bgs {
				if r := contrast(fg, lipgloss.Color(hex)); r < 4.5 {
					t.Errorf("dark=%v %s: contrast %.2f on %s, want at least 4.5", tc.dark, name, r, hex)
				}
			}
		}
	}
}

// The form is built before the terminal says its background; once it says
// light, the form must look exactly as one built for light from the start.
func TestFormFollowsALightBackground(t *testing.T) {
	light := tea.BackgroundColorMsg{Color: color.White}
	view := func(before bool) string {
		m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		if before {
			m.Update(light)
		}
		m.Init() // builds the form
		if !before {
			m.Update(light)
		}
		return m.View().Content
	}
	dark := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow})
	dark.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	dark.Init()
	if late, early := view(false), view(true); late != early {
		t.Fatalf("a form told 'light' after it was built differs from one built for light:\n%q\n%q", late, early)
	} else if late == dark.View().Content {
		t.Fatal("light and dark forms look the same: the check could not fail")
	}
}
