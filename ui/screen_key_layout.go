package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyBlock is one part of the key screen: its text wrapped to the screen's
// width, the style it is drawn in, whether a blank line stands before it,
// and how it gives way when the window is short. The input and the choices
// (keep) never give way: they are what the footer's keys act on.
type keyBlock struct {
	lines []string
	style lipgloss.Style
	gap   bool
	keep  bool
	rank  int  // lower gives way first
	cut   bool // lines were left out: the last one ends with the ellipsis
}

// keyText is a block of prose wrapped at word boundaries to w cells.
func keyText(s string, w int, style lipgloss.Style, gap bool, rank int) keyBlock {
	return keyBlock{lines: wrapWords(s, w), style: style, gap: gap, rank: rank}
}

// keyFixed is a block drawn as it is (the input, a title, a choice).
func keyFixed(style lipgloss.Style, gap bool, lines ...string) keyBlock {
	return keyBlock{lines: lines, style: style, gap: gap, keep: true}
}

// fitKeyBlocks lays the blocks out in at most h lines: first the asides
// (rank below 1) go whole, then the blank lines between them, then the blocks of the lowest rank give way a
// line at a time (the last line kept ending with "…" after a whole word),
// then whole. What must stay (the input, the
// choices) is never touched, so the keys the footer names always act on
// something on screen.
func (m *model) fitKeyBlocks(blocks []keyBlock, w, h int) string {
	height := func() int {
		n := 0
		for i, b := range blocks {
			if len(b.lines) == 0 {
				continue
			}
			n += len(b.lines)
			if b.gap && i > 0 {
				n++
			}
		}
		return n
	}
	for i := range blocks {
		if blocks[i].rank < 1 && !blocks[i].keep && height() > h {
			blocks[i].lines = nil // asides go whole before the layout is squeezed
		}
	}
	for i := len(blocks) - 1; i > 0 && height() > h; i-- {
		blocks[i].gap = false
	}
	for height() > h {
		best := -1
		for i, b := range blocks {
			if b.keep || len(b.lines) == 0 {
				continue
			}
			if best < 0 || b.rank < blocks[best].rank {
				best = i
			}
		}
		if best < 0 {
			break
		}
		b := &blocks[best]
		if len(b.lines) == 1 {
			b.lines = nil // it goes whole
			continue
		}
		b.lines = b.lines[:len(b.lines)-1]
		b.cut = true
	}
	var out []string
	for i, b := range blocks {
		if len(b.lines) == 0 {
			continue
		}
		if b.gap && i > 0 && len(out) > 0 {
			out = append(out, "")
		}
		lines := b.lines
		if b.cut {
			lines = append([]string(nil), lines...)
			lines[len(lines)-1] = m.cutAtWord(lines[len(lines)-1], w, true)
		}
		for _, l := range lines {
			if !b.keep && ansi.StringWidth(l) > w {
				l = m.cutAtWord(l, w, false)
			}
			out = append(out, b.style.Render(l))
		}
	}
	return strings.Join(out, "\n")
}

// keyRow is a choice of the key screen, wrapped under its mark when it is
// wider than the screen (a long profile or host), never cut.
func keyRow(mark, text string, w int) []string {
	indent := strings.Repeat(" ", ansi.StringWidth(mark))
	lines := wrapWords(text, max(w-ansi.StringWidth(mark), 1))
	for i := range lines {
		if i == 0 {
			lines[i] = mark + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return lines
}
