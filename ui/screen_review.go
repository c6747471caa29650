package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
)

// Review layout: label column width, the narrowest value column worth
// showing, and the gap between the two page columns.
const (
	labelWidth  = 17
	minValueCol = 14
	columnGap   = 3
	reviewFoot  = 3 // blank line, detail line, status line
)

// validate checks the whole record with the one rulebook and puts the cursor
// on the field just edited or, after filling the form, on the first field
// that needs fixing.
func (m *model) validate() {
	m.problems = nil
	err := apiclient.Validate(*m.sub, m.now())
	var ve *apiclient.ValidationError
	if errors.As(err, &ve) {
		m.problems = ve
	}
	if k, ok := m.backTo(); ok {
		m.cursor = max(keyIndex(k), 0)
	} else if ve != nil {
		for i, k := range apiclient.AllKeys() {
			if ve.Field(k) != nil {
				m.cursor = i
				break
			}
		}
	}
	m.back = editReturn{}
	m.clampScroll()
}

func (m *model) updateReview(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	order := apiclient.AllKeys()
	switch {
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
		m.clampScroll()
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, len(order)-1)
		m.clampScroll()
	case key.Matches(k, m.keys.Edit):
		return m, m.editField(order[m.cursor])
	case key.Matches(k, m.keys.EditPage):
		n := int(k.String()[0] - '1')
		if pages := apiclient.AllPages(); n < len(pages) {
			return m, m.editPage(n)
		}
	case key.Matches(k, m.keys.Reveal):
		m.revealed = !m.revealed
	case key.Matches(k, m.keys.Submit):
		if m.problems == nil {
			return m, m.submitOrLookup()
		}
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// reviewColumns says how many page columns fit in the width.
func (m *model) reviewColumns() int {
	if m.contentWidth() >= 2*(2+labelWidth+1+minValueCol)+columnGap {
		return 2
	}
	return 1
}

// reviewLines renders the pages as lines, in one or two columns, and reports
// on which line the cursor's field is. When the window is short it drops the
// blank lines between pages before it resorts to scrolling.
func (m *model) reviewLines() (lines []string, cursorLine int) {
	lines, cursorLine = m.layoutReview(true)
	if len(lines) > m.reviewListHeight() {
		lines, cursorLine = m.layoutReview(false)
	}
	return lines, cursorLine
}

func (m *model) layoutReview(gaps bool) (lines []string, cursorLine int) {
	pages := apiclient.AllPages()
	cols := m.reviewColumns()
	colWidth := m.contentWidth()
	if cols == 2 {
		colWidth = (m.contentWidth() - columnGap) / 2
	}
	blocks := make([][]string, len(pages))
	cursorAt := make(map[int]int) // block -> line in block
	idx, total := 0, 0
	for i, p := range pages {
		b := []string{m.st.PageTitle.Render(fmt.Sprintf("%d  %s", i+1, p.Title))}
		for _, k := range p.Keys {
			if idx == m.cursor {
				cursorAt[i] = len(b)
			}
			b = append(b, m.reviewRow(k, idx == m.cursor, colWidth))
			idx++
		}
		blocks[i] = b
		total += len(b) + 1
	}
	// Split the pages where the first column reaches half the height.
	split := len(blocks)
	if cols == 2 {
		h := 0
		for i, b := range blocks {
			if h > 0 && h+len(b)/2 >= total/2 {
				split = i
				break
			}
			h += len(b) + 1
		}
	}
	column := func(bs [][]string, base int) ([]string, int) {
		var out []string
		cl := -1
		for i, b := range bs {
			if at, ok := cursorAt[base+i]; ok {
				cl = len(out) + at
			}
			out = append(out, b...)
			if gaps && i < len(bs)-1 {
				out = append(out, "")
			}
		}
		return out, cl
	}
	left, cl := column(blocks[:split], 0)
	if cols == 1 || split == len(blocks) {
		return left, cl
	}
	right, cr := column(blocks[split:], split)
	if cl < 0 {
		cl = cr
	}
	n := max(len(left), len(right))
	lines = make([]string, n)
	pad := lipgloss.NewStyle().Width(colWidth + columnGap)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		lines[i] = pad.Render(l) + r
	}
	return lines, cl
}

// reviewRow is one field: cursor mark, label, value (or a dimmed "—" when an
// optional field is empty), flagged when the rulebook rejects it.
func (m *model) reviewRow(k string, selected bool, width int) string {
	mark := "  "
	if selected {
		mark = m.st.Cursor.Render("› ")
	}
	spec, _ := apiclient.Spec(k)
	label := spec.Label
	if spec.Required {
		label += "*"
	}
	labelStyle := m.st.Label
	if selected {
		labelStyle = m.st.Cursor
	}
	label = labelStyle.Render(ansi.Truncate(label, labelWidth, "…") + strings.Repeat(" ", max(labelWidth-ansi.StringWidth(label), 0)))
	valWidth := max(width-2-labelWidth-1, 1)
	v := m.sub.Get(k)
	var val string
	bad := m.problems != nil && m.problems.Field(k) != nil
	switch {
	case bad && v == "":
		val = m.st.Invalid.Render("✗ missing")
	case bad:
		val = m.st.Invalid.Render("✗ " + ansi.Truncate(displayValue(k, v, m.revealed), valWidth-2, "…"))
	case v == "":
		val = m.st.Empty.Render("—")
	default:
		val = m.st.Value.Render(ansi.Truncate(displayValue(k, v, m.revealed), valWidth, "…"))
	}
	return mark + label + " " + val
}

// reviewListHeight is how many lines the field list may use.
func (m *model) reviewListHeight() int { return max(m.bodyHeight()-reviewFoot, 3) }

// clampScroll keeps the cursor's line in view.
func (m *model) clampScroll() {
	if m.screen != screenReview {
		return
	}
	lines, cl := m.reviewLines()
	h := m.reviewListHeight()
	if cl < m.scroll {
		m.scroll = max(cl-1, 0)
	}
	if cl >= m.scroll+h {
		m.scroll = cl - h + 1
	}
	m.scroll = max(min(m.scroll, len(lines)-h), 0)
}

func (m *model) viewReview() string {
	lines, _ := m.reviewLines()
	h := m.reviewListHeight()
	if m.scroll < len(lines) {
		lines = lines[m.scroll:]
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	for range h - len(lines) {
		b.WriteString("\n")
	}
	b.WriteString("\n\n" + m.reviewDetail() + "\n" + m.reviewStatus())
	return b.String()
}

// reviewDetail shows the cursor's field in full: its whole value, or what is
// wrong with it.
func (m *model) reviewDetail() string {
	k := apiclient.AllKeys()[m.cursor]
	w := m.contentWidth()
	if m.problems != nil {
		if p := m.problems.Field(k); p != nil {
			return m.st.Invalid.Render(ansi.Truncate("✗ "+apiclient.Label(k)+" "+apiclient.Sanitize(p.Detail()), w, "…"))
		}
	}
	v := displayValue(k, m.sub.Get(k), m.revealed)
	if v == "" {
		v = m.st.Empty.Render("(empty: not sent)")
	}
	return ansi.Truncate(m.st.Label.Render(apiclient.Label(k)+" ("+k+"): ")+v, w, "…")
}

// reviewStatus says whether the record can be sent, and where.
func (m *model) reviewStatus() string {
	w := m.contentWidth()
	switch {
	case m.problems != nil:
		n := len(m.problems.Problems)
		noun := "fields need"
		if n == 1 {
			noun = "field needs"
		}
		return m.st.Bad.Render(ansi.Truncate(fmt.Sprintf("✗ %d %s fixing before this can be submitted (e to edit).", n, noun), w, "…"))
	case m.needsLookup():
		return m.st.Warn.Render(ansi.Truncate("! The last attempt may have created this record: s looks the email up first.", w, "…"))
	}
	where := "ARGOS (" + apiclient.Sanitize(m.target.URL) + ")"
	switch {
	case m.target.Sandbox:
		where = "the SANDBOX"
	case apiclient.IsLoopbackURL(m.target.URL):
		where = "the LOCAL server (" + apiclient.Sanitize(m.target.URL) + ")"
	}
	return m.st.Good.Render(ansi.Truncate("✓ Ready. Press s to submit to "+where+".", w, "…"))
}

// keysReview are the keys of the review, in the order the footer shows them.
func (m *model) keysReview() []key.Binding {
	k := m.keys
	rev := k.Reveal
	if m.revealed {
		rev.SetHelp("v", "hide id number")
	}
	sub := k.Submit
	if m.problems != nil {
		sub.SetEnabled(false)
	}
	page := k.EditPage
	page.SetHelp("1-"+strconv.Itoa(min(len(apiclient.AllPages()), 9)), "edit page")
	return []key.Binding{sub, k.Up, k.Edit, page, rev, k.QuitSoft}
}

// enterReview opens the review: the form is let go and every field checked.
func (m *model) enterReview() tea.Cmd {
	m.form = nil
	m.copied = false
	m.validate()
	return nil
}
