package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Review layout: the widest label column, the narrowest value column worth
// showing, and the gap between the two page columns.
const (
	labelWidth  = 17
	minValueCol = 14
	columnGap   = 3
	// The review's foot: a blank line, the selected field in full (up to
	// reviewDetailMax lines), the status (up to reviewStatusMax lines).
	reviewDetailMax = 3
	reviewStatusMax = 2
)

// reviewLayout is the review's list of fields laid out for the window.
type reviewLayout struct {
	lines      []string
	cursorLine int
	// keys are the fields (indexes into apiclient.AllKeys) drawn on each
	// line, pages the pages whose rows are on it: what a window over the
	// lines shows, and what lies above and below it.
	keys  [][]int
	pages [][]int
}

// reviewBlock is one page of the review: its title and its fields.
type reviewBlock struct {
	page int
	keys []int // indexes into apiclient.AllKeys
}

// reviewColumns says how many page columns fit in the width.
func (m *model) reviewColumns() int {
	if m.contentWidth() >= 2*(2+labelWidth+1+minValueCol)+columnGap {
		return 2
	}
	return 1
}

// layoutReviewList lays the pages out in one or two columns. When the
// window is short it drops the blank lines between pages before it resorts
// to scrolling.
func (m *model) layoutReviewList() reviewLayout { return m.layoutReviewListAt(m.reviewListHeight()) }

// layoutReviewListAt is the layout for a list h lines high.
func (m *model) layoutReviewListAt(h int) reviewLayout {
	k := reviewLayoutKey{sub: *m.sub, cursor: m.cursor, width: m.width, height: h,
		revealed: m.revealed, problems: m.problems, dark: m.dark}
	// An update and its frame ask for the same layout several times, at
	// the list's height and at the one the status's length is judged by.
	for _, e := range m.revLayout.e {
		if e.ok && e.key == k {
			return e.l
		}
	}
	l := m.layoutReview(true)
	if len(l.lines) > k.height {
		l = m.layoutReview(false)
	}
	m.revLayout.next = (m.revLayout.next + 1) % len(m.revLayout.e)
	m.revLayout.e[m.revLayout.next] = reviewLayoutEntry{key: k, l: l, ok: true}
	return l
}

// reviewLayoutKey is everything the review's layout depends on.
type reviewLayoutKey struct {
	sub      apiclient.Submission
	cursor   int
	width    int
	height   int
	revealed bool
	problems *apiclient.ValidationError
	dark     bool
}

// reviewLayoutCache keeps the last layouts of the review.
type reviewLayoutCache struct {
	e    [2]reviewLayoutEntry
	next int
}

type reviewLayoutEntry struct {
	key reviewLayoutKey
	l   reviewLayout
	ok  bool
}

func (m *model) layoutReview(gaps bool) reviewLayout {
	pages := apiclient.AllPages()
	blocks := make([]reviewBlock, len(pages))
	idx, total := 0, 0
	for i, p := range pages {
		blocks[i].page = i
		for range p.Keys {
			blocks[i].keys = append(blocks[i].keys, idx)
			idx++
		}
		total += len(p.Keys) + 2
	}
	if m.reviewColumns() == 1 {
		return m.renderColumn(blocks, m.contentWidth(), gaps)
	}
	// Split the pages where the first column reaches half the height.
	split := len(blocks)
	h := 0
	for i, b := range blocks {
		if h > 0 && h+(len(b.keys)+1)/2 >= total/2 {
			split = i
			break
		}
		h += len(b.keys) + 2
	}
	if split == len(blocks) {
		return m.renderColumn(blocks, m.contentWidth(), gaps)
	}
	lw, rw := m.columnWidths(blocks[:split], blocks[split:])
	left := m.renderColumn(blocks[:split], lw, gaps)
	right := m.renderColumn(blocks[split:], rw, gaps)
	n := max(len(left.lines), len(right.lines))
	out := reviewLayout{lines: make([]string, n), keys: make([][]int, n), pages: make([][]int, n), cursorLine: left.cursorLine}
	if out.cursorLine < 0 {
		out.cursorLine = right.cursorLine
	}
	pad := lipgloss.NewStyle().Width(lw + columnGap)
	for i := range n {
		var l, r string
		if i < len(left.lines) {
			l = left.lines[i]
			out.keys[i] = append(out.keys[i], left.keys[i]...)
			out.pages[i] = append(out.pages[i], left.pages[i]...)
		}
		if i < len(right.lines) {
			r = right.lines[i]
			out.keys[i] = append(out.keys[i], right.keys[i]...)
			out.pages[i] = append(out.pages[i], right.pages[i]...)
		}
		out.lines[i] = pad.Render(l) + r
	}
	return out
}

// columnWidths shares the width between two columns by what they hold: a
// column whose values are short gives the other the room it does not need,
// so long values are shortened only when the window really is too narrow.
// A column first gets what it needs with the values sent ("drivers_license"),
// then, as room allows, what it needs to show them in words.
func (m *model) columnWidths(left, right []reviewBlock) (int, int) {
	avail := m.contentWidth() - columnGap
	lFull, rFull := m.naturalWidth(left, false), m.naturalWidth(right, false)
	if lFull+rFull <= avail {
		return lFull, avail - lFull
	}
	lMin, rMin := m.naturalWidth(left, true), m.naturalWidth(right, true)
	if lMin+rMin <= avail {
		extra := avail - lMin - rMin
		l := lMin + min(extra, lFull-lMin)
		return l, avail - l
	}
	half := avail / 2
	switch {
	case lMin <= half:
		return lMin, avail - lMin
	case rMin <= half:
		return avail - rMin, rMin
	}
	return half, avail - half
}

// naturalWidth is the width a column needs to show every row in full: in
// words, or (short) as the values sent where those are shorter.
func (m *model) naturalWidth(blocks []reviewBlock, short bool) int {
	lw := columnLabelWidth(blocks)
	w := 0
	keys := apiclient.AllKeys()
	for _, b := range blocks {
		w = max(w, lipgloss.Width(m.pageTitle(b.page)))
		for _, i := range b.keys {
			vw := ansi.StringWidth(m.rowValueText(keys[i]))
			if v := m.sub.Get(keys[i]); short && v != "" {
				vw = min(vw, ansi.StringWidth(shortValue(keys[i], v, m.revealed)))
			}
			w = max(w, 2+lw+1+vw)
		}
	}
	return w
}

// columnLabelWidth is the widest label of a column, its required mark
// included, at most labelWidth.
func columnLabelWidth(blocks []reviewBlock) int {
	w := 0
	keys := apiclient.AllKeys()
	for _, b := range blocks {
		for _, i := range b.keys {
			w = max(w, ansi.StringWidth(reviewLabel(keys[i])))
		}
	}
	return min(w, labelWidth)
}

func reviewLabel(k string) string {
	spec, _ := apiclient.Spec(k)
	if spec.Required {
		return spec.Label + "*"
	}
	return spec.Label
}

func (m *model) pageTitle(i int) string {
	return m.st.PageTitle.Render(strconv.Itoa(i+1) + "  " + apiclient.AllPages()[i].Title())
}

// renderColumn draws blocks one under the other in a column width wide.
func (m *model) renderColumn(blocks []reviewBlock, width int, gaps bool) reviewLayout {
	l := reviewLayout{cursorLine: -1}
	lw := columnLabelWidth(blocks)
	keys := apiclient.AllKeys()
	for bi, b := range blocks {
		l.lines = append(l.lines, m.pageTitle(b.page))
		l.keys = append(l.keys, nil)
		l.pages = append(l.pages, []int{b.page})
		for _, i := range b.keys {
			if i == m.cursor {
				l.cursorLine = len(l.lines)
			}
			l.lines = append(l.lines, m.reviewRow(keys[i], i == m.cursor, width, lw))
			l.keys = append(l.keys, []int{i})
			l.pages = append(l.pages, []int{b.page})
		}
		if gaps && bi < len(blocks)-1 {
			l.lines = append(l.lines, "")
			l.keys = append(l.keys, nil)
			l.pages = append(l.pages, nil)
		}
	}
	return l
}

// rowValueText is a row's value as text, before it is fitted and styled.
func (m *model) rowValueText(k string) string {
	v := m.sub.Get(k)
	bad := m.problems != nil && m.problems.Field(k) != nil
	g := m.st.G
	switch {
	case bad && v == "":
		return g.Cross + " " + i18n.T("wizard.review.missing")
	case bad:
		return g.Cross + " " + displayValue(k, v, m.revealed)
	case v == "":
		return g.Dash
	}
	return displayValue(k, v, m.revealed)
}

// reviewRow is one field: cursor mark, label, value (or a dimmed "—" when an
// optional field is empty), flagged when the rulebook rejects it. A value
// too long for the column keeps its start and its end ("migratio…comment1"),
// where values that look alike differ. Every part is measured in cells: a
// Korean label or value takes two a syllable.
func (m *model) reviewRow(k string, selected bool, width, lw int) string {
	mark := "  "
	if selected {
		mark = m.st.Cursor.Render(cursorMark)
	}
	label := reviewLabel(k)
	labelStyle := m.st.Label
	if selected {
		labelStyle = m.st.Cursor
	}
	label = labelStyle.Render(m.st.fitPad(label, lw))
	valWidth := max(width-2-lw-1, 1)
	text := m.rowValueText(k)
	if ansi.StringWidth(text) > valWidth && m.sub.Get(k) != "" && (m.problems == nil || m.problems.Field(k) == nil) {
		// Too long in words ("Driver's license (drivers_license)"): the
		// value sent, which the detail line spells out.
		if raw := shortValue(k, m.sub.Get(k), m.revealed); ansi.StringWidth(raw) < ansi.StringWidth(text) {
			text = raw
		}
	}
	val := truncMiddle(text, valWidth, m.st.G.Ellipsis)
	bad := m.problems != nil && m.problems.Field(k) != nil
	switch {
	case bad:
		val = m.st.Invalid.Render(val)
	case m.sub.Get(k) == "":
		val = m.st.Empty.Render(val)
	default:
		val = m.st.Value.Render(val)
	}
	return mark + label + " " + val
}

// truncMiddle fits s into w cells, cutting from its middle with ellipsis:
// "migratio…comment1" keeps what tells two long values apart.
func truncMiddle(s string, w int, ellipsis string) string {
	sw, ew := ansi.StringWidth(s), ansi.StringWidth(ellipsis)
	if sw <= w {
		return s
	}
	if w < ew+2 {
		return ansi.Truncate(s, w, ellipsis)
	}
	h := ansi.Truncate(s, (w-ew)/2, "")
	// A wide rune that did not fit in the head leaves its cell to the tail.
	t := keepRight(s, w-ew-ansi.StringWidth(h))
	// A wide rune cut on either side leaves a cell empty; fill it.
	gap := w - ansi.StringWidth(h) - ew - ansi.StringWidth(t)
	return h + ellipsis + strings.Repeat(" ", max(gap, 0)) + t
}

// cursorMark points at the row under the cursor. "›" is one cell in every
// terminal (its East Asian width is neutral, not ambiguous).
const cursorMark = "› "
