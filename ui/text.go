package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/forms"
)

// Text fitted into cells. Everything the wizard aligns or cuts is measured
// in terminal cells (ansi.StringWidth), never in bytes or runes: a Hangul
// syllable takes two cells, and the glyph set decides how wide the marks
// are (glyphs: "…" is one cell, its ASCII form "..." three).

// padRight pads s with spaces to w cells; s wider than w is left as it is.
func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}

// padLeft pads s on the left with spaces to w cells.
func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(w-ansi.StringWidth(s), 0)) + s
}

// fit cuts s to w cells, ending with the glyph set's ellipsis when it cut.
func (st styles) fit(s string, w int) string {
	return ansi.Truncate(s, max(w, 0), st.G.Ellipsis)
}

// fitPad cuts s to w cells or pads it to them: a column of exactly w.
func (st styles) fitPad(s string, w int) string {
	return padRight(st.fit(s, w), w)
}

// keepRight is the end of s that fits in w cells: the longest, never
// wider (a wide rune that would straddle the cut is left out whole).
func keepRight(s string, w int) string {
	r := []rune(s)
	i, used := len(r), 0
	for i > 0 {
		rw := ansi.StringWidth(string(r[i-1]))
		if used+rw > w {
			break
		}
		used += rw
		i--
	}
	return string(r[i:])
}

// wrapCapped wraps plain text into at most n lines of w cells (wrapWords),
// the last ending with the glyph set's ellipsis when text was left out.
func (m *model) wrapCapped(s string, w, n int) []string {
	lines := wrapWords(s, w)
	if len(lines) == 0 {
		return []string{""}
	}
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = m.cutAtWord(lines[n-1], w, true)
	}
	return lines
}

// fitWords fits plain text into one line of w cells, cutting it after its
// last whole word that fits (cutAtWord): a hint or a status is never left
// ending in half a word.
func (m *model) fitWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return m.cutAtWord(s, w, false)
}

// cutAtWord ends s with " …" (the glyph set's) after the last whole word
// that leaves room for it in w cells (forms.CutAtWord, the one rule).
func (m *model) cutAtWord(s string, w int, cut bool) string {
	return forms.CutAtWord(s, w, cut, m.st.G.Ellipsis)
}
