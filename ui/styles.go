package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n/glyphs"
)

// styles are built once per background (dark or light), never per frame,
// with the run's glyph set (glyphs.Current): every mark the wizard draws
// whose width a terminal may disagree on (•, …, ·, arrows, box drawing)
// comes from G, so --ascii and a terminal that draws them wide keep every
// column in place.
type styles struct {
	G         glyphs.Set
	App       lipgloss.Style
	Brand     lipgloss.Style
	Sandbox   lipgloss.Style
	Prod      lipgloss.Style
	Local     lipgloss.Style // a server on loopback that is not the sandbox
	Encrypted lipgloss.Style
	Dim       lipgloss.Style
	Rule      lipgloss.Style
	Title     lipgloss.Style
	PageTitle lipgloss.Style
	Label     lipgloss.Style
	Value     lipgloss.Style
	Empty     lipgloss.Style
	Invalid   lipgloss.Style
	Cursor    lipgloss.Style
	Good      lipgloss.Style
	Bad       lipgloss.Style
	Warn      lipgloss.Style
	IDBox     lipgloss.Style
	Help      help.Model
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	var (
		accent             = ld(lipgloss.Color("#5A3FD0"), lipgloss.Color("#9D8CFF"))
		muted              = ld(lipgloss.Color("#6C6C6C"), lipgloss.Color("#969696")) // ≥ 4.5:1 on usual light and dark backgrounds
		text               = ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#EDEDED"))
		green              = ld(lipgloss.Color("#1E7D32"), lipgloss.Color("#5FD787"))
		red                = ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF6B6B"))
		amber              = ld(lipgloss.Color("#9A6700"), lipgloss.Color("#FFB454"))
		onBand color.Color = lipgloss.Color("#1A1A1A")
	)
	g := glyphs.Current()
	h := help.New()
	h.Styles = help.DefaultStyles(dark)
	h.ShortSeparator = " " + g.Bullet + " "
	h.Ellipsis = g.Ellipsis
	box := lipgloss.RoundedBorder()
	if g.ASCII {
		box = lipgloss.ASCIIBorder()
	}
	return styles{
		G:         g,
		App:       lipgloss.NewStyle().Padding(0, 1),
		Brand:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Sandbox:   lipgloss.NewStyle().Bold(true).Foreground(onBand).Background(lipgloss.Color("#FFB454")).Padding(0, 1),
		Prod:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#C62828")).Padding(0, 1),
		Local:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#1565C0")).Padding(0, 1),
		Encrypted: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#5A3FD0")).Padding(0, 1),
		Dim:       lipgloss.NewStyle().Foreground(muted),
		Rule:      lipgloss.NewStyle().Foreground(muted),
		Title:     lipgloss.NewStyle().Bold(true).Foreground(text),
		PageTitle: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Label:     lipgloss.NewStyle().Foreground(muted),
		Value:     lipgloss.NewStyle().Foreground(text),
		Empty:     lipgloss.NewStyle().Foreground(muted), // not faint: "(empty: not sent)" must stay readable
		Invalid:   lipgloss.NewStyle().Foreground(red),
		Cursor:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Good:      lipgloss.NewStyle().Bold(true).Foreground(green),
		Bad:       lipgloss.NewStyle().Bold(true).Foreground(red),
		Warn:      lipgloss.NewStyle().Bold(true).Foreground(amber),
		IDBox: lipgloss.NewStyle().Bold(true).Foreground(green).
			Border(box).BorderForeground(green).Padding(1, 4),
		Help: h,
	}
}

// badge draws the destination's word as every header shows it: LIVE only
// for the vendor's own hosts (any other remote host says NOT ARGOS, however
// much its name looks like the vendor's), LOCAL for a server on this
// machine that is not the built-in sandbox, SANDBOX for that one.
func (st styles) badge(dest apiclient.Destination) string {
	switch dest.Kind {
	case apiclient.DestinationSandbox:
		return st.Sandbox.Render(dest.Badge())
	case apiclient.DestinationLocal:
		return st.Local.Render(dest.Badge())
	}
	return st.Prod.Render(dest.Badge())
}
