// Package glyphs is the small set of marks argos-migrate draws (the mask
// of a hidden character, an ellipsis, separators, the focused field's bar,
// arrows), in two sets: Unicode, and ASCII for terminals that would
// misdraw Unicode.
//
// Many Unicode marks (•, …, ·, box drawing, arrows, —) have an East Asian
// "ambiguous" width: one cell in most terminals, two in a terminal set to
// draw them wide, as is common with CJK fonts and locales. A layout
// measured at one cell then breaks (columns shift, boxes tear). Detect
// says when that is likely, and the ASCII set measures the same
// everywhere. main chooses the set once at start (Use); the UI reads it
// with Current.
package glyphs

import (
	"strings"
	"sync/atomic"
)

// Set is one way to draw the tool's marks.
type Set struct {
	// ASCII: this is the ASCII set; borders drawn with lipgloss should then
	// be lipgloss.ASCIIBorder() too.
	ASCII    bool
	Mask     string // one hidden character of a secret or sensitive value
	Bullet   string // an item of a list
	Ellipsis string // text cut short
	Dot      string // a separator between items on one line
	Bar      string // the bar beside the focused field
	Rule     string // one cell of a horizontal line
	Dash     string // a long dash: a separator, or "no value"
	Arrow    string // "leads to", "next"
	Left     string // the arrow keys, as key help names them
	Right    string
	Up       string
	Down     string
	Times    string // a size or a count: 100×30, ×3
	Check    string // done, accepted
	Cross    string // failed, refused
}

// Unicode is the set for terminals that draw ambiguous-width characters
// one cell wide (most).
var Unicode = Set{
	Mask: "•", Bullet: "•", Ellipsis: "…", Dot: "·", Bar: "┃", Rule: "─", Dash: "—",
	Arrow: "→", Left: "←", Right: "→", Up: "↑", Down: "↓", Times: "×", Check: "✓", Cross: "✗",
}

// ASCII is the set that measures the same in every terminal, for --ascii
// and for terminals that draw ambiguous-width characters wide.
var ASCII = Set{
	ASCII: true,
	Mask:  "*", Bullet: "*", Ellipsis: "...", Dot: "-", Bar: "|", Rule: "-", Dash: "-",
	Arrow: "->", Left: "<-", Right: "->", Up: "^", Down: "v", Times: "x", Check: "+", Cross: "x",
}

var current atomic.Pointer[Set]

// Use makes s the set of the run; main calls it once at start.
func Use(s Set) { current.Store(&s) }

// Current is the run's set: Unicode until Use says otherwise.
func Current() Set {
	if s := current.Load(); s != nil {
		return *s
	}
	return Unicode
}

// Choose picks the set for a run: ASCII with --ascii (ascii true) or when
// the terminal likely draws ambiguous-width characters wide (Detect), else
// Unicode. why says what decided it ("--ascii", "RUNEWIDTH_EASTASIAN=1",
// "LANG=ko_KR.UTF-8"), "" for the default.
func Choose(ascii bool, getenv func(string) string) (s Set, why string) {
	if ascii {
		return ASCII, "--ascii"
	}
	if wide, why := Detect(getenv); wide {
		return ASCII, why
	}
	return Unicode, ""
}

// Detect reports whether the terminal likely draws East Asian
// ambiguous-width characters two cells wide, and what says so:
//
//   - RUNEWIDTH_EASTASIAN (the variable go-runewidth and the tools built on
//     it read): 1 or true means wide, 0 or false narrow, whatever the locale;
//   - else the locale for characters (LC_ALL, LC_CTYPE, LANG: the first set)
//     in Korean, Japanese or Chinese (ko_KR.UTF-8, ja_JP, zh_TW.Big5) means
//     wide, unless it ends in @cjk_narrow; any other, C and POSIX, narrow.
func Detect(getenv func(string) string) (wide bool, why string) {
	if getenv == nil {
		return false, ""
	}
	if v := strings.TrimSpace(getenv("RUNEWIDTH_EASTASIAN")); v != "" {
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on":
			return true, "RUNEWIDTH_EASTASIAN=" + v
		}
		return false, "RUNEWIDTH_EASTASIAN=" + v
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if strings.HasSuffix(strings.ToLower(v), "@cjk_narrow") {
			return false, name + "=" + v
		}
		lang := v
		if i := strings.IndexAny(lang, "_-.@"); i >= 0 {
			lang = lang[:i]
		}
		switch strings.ToLower(lang) {
		case "ko", "ja", "zh":
			return true, name + "=" + v
		}
		return false, ""
	}
	return false, ""
}
