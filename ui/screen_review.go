package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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
	if m.deps.Check != nil {
		if extra := m.deps.Check(*m.sub); len(extra) > 0 {
			if ve == nil {
				ve = &apiclient.ValidationError{}
			}
			ve.Problems = append(ve.Problems, extra...)
			m.problems = ve
		}
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
	confirm := m.confirmUnseen
	m.confirmUnseen = false
	order := apiclient.AllKeys()
	switch {
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
		m.clampScroll()
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, len(order)-1)
		m.clampScroll()
	case key.Matches(k, m.keys.PageDown):
		m.pageCursor(1)
	case key.Matches(k, m.keys.PageUp):
		m.pageCursor(-1)
	case key.Matches(k, m.keys.Edit):
		return m, m.editField(order[m.cursor])
	case key.Matches(k, m.keys.EditPage):
		n := int(k.String()[0] - '1')
		if pages := apiclient.AllPages(); n < len(pages) {
			return m, m.editPage(n)
		}
	case key.Matches(k, m.keys.Reveal):
		m.revealed = !m.revealed
		m.confirmUnseen = confirm
	case key.Matches(k, m.keys.Submit):
		switch {
		case m.problems != nil:
		case len(m.unseenPages()) > 0 && !confirm:
			// Part of the record has not been on screen: say which, and
			// send only when asked again.
			m.confirmUnseen = true
		default:
			return m, m.submitOrLookup()
		}
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// reviewListHeight is how many lines the field list may use: what the
// foot leaves, the foot being a blank line, the selected field in full and
// the status, each as many lines as it needs (the list gives way). The
// status's length may depend on the list (which sections are above and
// below it), so it is judged with the list as high as a one-line status
// leaves it.
func (m *model) reviewListHeight() int {
	base := m.bodyHeight() - 1 - len(m.reviewDetailLines())
	text, _ := m.reviewStatusText(max(base-1, 3))
	return max(base-len(m.wrapCapped(text, m.contentWidth(), reviewStatusMax)), 3)
}

// reviewWindow is the part of the list on screen: the first line and how
// many lines of fields; when the list is taller than its room, its last
// line says what is above and below.
func (m *model) reviewWindow(l reviewLayout) (first, n int, more bool) {
	return m.reviewWindowAt(l, m.reviewListHeight())
}

// reviewWindowAt is reviewWindow for a list h lines high.
func (m *model) reviewWindowAt(l reviewLayout, h int) (first, n int, more bool) {
	if len(l.lines) <= h {
		return 0, len(l.lines), false
	}
	return m.scroll, min(h-1, len(l.lines)-m.scroll), true
}

// clampScroll keeps the cursor's line in view and remembers which fields
// have been on screen.
func (m *model) clampScroll() {
	if m.screen != screenReview {
		return
	}
	l := m.layoutReviewList()
	h := m.reviewListHeight()
	if len(l.lines) > h {
		h-- // the line that says what is above and below
	}
	cl := l.cursorLine
	if cl < m.scroll {
		m.scroll = max(cl-1, 0)
	}
	if cl >= m.scroll+h {
		m.scroll = cl - h + 1
	}
	m.scroll = max(min(m.scroll, len(l.lines)-h), 0)
	if !m.sized {
		return // the window's size is not known yet: nothing is on screen
	}
	first, n, _ := m.reviewWindow(l)
	if len(m.seen) != len(apiclient.AllKeys()) {
		m.seen = make([]bool, len(apiclient.AllKeys()))
	}
	for _, keys := range l.keys[first : first+n] {
		for _, i := range keys {
			m.seen[i] = true
		}
	}
}

// pageCursor scrolls the list by a window, less one line so that nothing
// is skipped, and puts the cursor on the first field of the new window
// (the last, going up).
func (m *model) pageCursor(dir int) {
	l := m.layoutReviewList()
	first, n, more := m.reviewWindow(l)
	if !more {
		return
	}
	m.scroll = max(min(first+dir*max(n-1, 1), len(l.lines)-n), 0)
	if m.scroll == first {
		// At the end already: to the last field (the first, going up).
		m.cursor = 0
		if dir > 0 {
			m.cursor = len(apiclient.AllKeys()) - 1
		}
		m.clampScroll()
		return
	}
	var in []int
	for _, keys := range l.keys[m.scroll : m.scroll+n] {
		in = append(in, keys...)
	}
	if len(in) > 0 {
		if dir > 0 {
			m.cursor = slices.Min(in)
		} else {
			m.cursor = slices.Max(in)
		}
	}
	m.clampScroll()
}

// unseenPages are the pages (numbered from 1) with a field that has not
// been on screen since the review of this record first opened.
func (m *model) unseenPages() []int {
	var out []int
	i := 0
	for p, page := range apiclient.AllPages() {
		unseen := false
		for range page.Keys {
			unseen = unseen || i >= len(m.seen) || !m.seen[i]
			i++
		}
		if unseen {
			out = append(out, p+1)
		}
	}
	return out
}

// unseenWhere splits the pages with a field not seen yet by where those
// fields are from the window: above it (pgup) and below it (pgdn). A page
// with unseen fields on both sides is in both.
func (m *model) unseenWhere(h int) (above, below []int) {
	l := m.layoutReviewListAt(h)
	first, n, more := m.reviewWindowAt(l, h)
	if !more {
		return nil, nil
	}
	pageOf := make([]int, 0, len(apiclient.AllKeys()))
	for p, page := range apiclient.AllPages() {
		for range page.Keys {
			pageOf = append(pageOf, p+1)
		}
	}
	add := func(out []int, p int) []int {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
		return out
	}
	for line, keys := range l.keys {
		for _, i := range keys {
			if i < len(m.seen) && m.seen[i] {
				continue
			}
			switch {
			case line < first:
				above = add(above, pageOf[i])
			case line >= first+n:
				below = add(below, pageOf[i])
			}
		}
	}
	slices.Sort(above)
	slices.Sort(below)
	return above, below
}

// pageList names pages by number, runs as ranges: "5", "5 and 6", "3-6",
// "1, 3 and 5" (in Korean "3~6", "1, 3, 5").
func pageList(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, i18n.T("wizard.review.page_range", strconv.Itoa(pages[i]), strconv.Itoa(pages[j])))
		case j > i:
			parts = append(parts, strconv.Itoa(pages[i]), strconv.Itoa(pages[j]))
		default:
			parts = append(parts, strconv.Itoa(pages[i]))
		}
		i = j + 1
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return i18n.T("wizard.review.page_list", strings.Join(parts[:len(parts)-1], i18n.T("wizard.review.page_comma")), parts[len(parts)-1])
}

func (m *model) viewReview() string {
	l := m.layoutReviewList()
	first, n, more := m.reviewWindow(l)
	lines := l.lines[first : first+n]
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	for range m.reviewListHeight() - len(lines) - boolInt(more) {
		b.WriteString("\n")
	}
	if more {
		b.WriteString("\n" + m.moreLine(l, first, n))
	}
	b.WriteString("\n\n" + strings.Join(m.reviewDetailLines(), "\n") + "\n" + m.reviewStatus())
	return b.String()
}

// moreLine says which sections are above and below the window.
func (m *model) moreLine(l reviewLayout, first, n int) string {
	pagesIn := func(from, to int) []int {
		var out []int
		for _, ps := range l.pages[from:to] {
			for _, p := range ps {
				if len(out) == 0 || !slices.Contains(out, p+1) {
					out = append(out, p+1)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	above, below := pagesIn(0, first), pagesIn(first+n, len(l.lines))
	style := m.st.Dim
	if len(below) > 0 {
		style = m.st.Warn
	}
	// The long form when it fits, else shorter ones written for a narrow
	// window: "↑ sections 1-3 · ↓ sections 5 and 6 more", then the numbers
	// alone, "↑ 1-3 · ↓ 5 and 6 more"; never a word cut in two.
	form := func(word func([]int) string, long bool) string {
		var parts []string
		if len(above) > 0 {
			a := word(above)
			if long {
				a = i18n.T("wizard.review.more_above", a)
			}
			parts = append(parts, m.st.G.Up+" "+a)
		}
		if len(below) > 0 {
			b := word(below)
			if long {
				b = i18n.T("wizard.review.more_below", b)
			}
			parts = append(parts, m.st.G.Down+" "+b)
		}
		line := strings.Join(parts, " "+m.st.G.Dot+" ")
		if !long {
			line = i18n.T("wizard.review.more_short", line)
		}
		return line
	}
	w := m.contentWidth()
	line := form(sectionWord, true)
	for _, short := range []func([]int) string{sectionWord, pageList} {
		if ansi.StringWidth(line) <= w {
			break
		}
		line = form(short, false)
	}
	return style.Render(m.fitWords(line, w))
}

// sectionWord names review sections by number: "section 5", "sections 3-6".
func sectionWord(pages []int) string {
	if len(pages) == 1 {
		return i18n.T("wizard.review.section", pageList(pages))
	}
	return i18n.T("wizard.review.sections", pageList(pages))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// reviewDetailLines show the cursor's field in full: its whole value, or
// what is wrong with it, wrapped (at most reviewDetailMax lines).
func (m *model) reviewDetailLines() []string {
	k := apiclient.AllKeys()[m.cursor]
	w := m.contentWidth()
	if m.problems != nil {
		if p := m.problems.Field(k); p != nil {
			lines := m.wrapCapped(m.st.G.Cross+" "+apiclient.Label(k)+" "+apiclient.Sanitize(p.Detail()), w, reviewDetailMax)
			for i := range lines {
				lines[i] = m.st.Invalid.Render(lines[i])
			}
			return lines
		}
	}
	label := apiclient.Label(k) + " (" + k + "):"
	v := displayValue(k, m.sub.Get(k), m.revealed)
	if v == "" {
		return []string{m.st.fit(m.st.Label.Render(label)+" "+m.st.Empty.Render(i18n.T("wizard.review.empty")), w)}
	}
	lines := m.wrapCapped(label+" "+v, w, reviewDetailMax)
	if rest, ok := strings.CutPrefix(lines[0], label); ok {
		lines[0] = m.st.Label.Render(label) + rest
	}
	return lines
}

// reviewStatus says whether the record can be sent, and where, wrapped (at
// most reviewStatusMax lines).
func (m *model) reviewStatus() string {
	h := m.reviewListHeight()
	text, style := m.reviewStatusText(h)
	// As many lines as the list left it (judged by a text that may differ
	// a little from this one, for the list's final height).
	room := min(max(m.bodyHeight()-1-len(m.reviewDetailLines())-h, 1), reviewStatusMax)
	lines := m.wrapCapped(text, m.contentWidth(), room)
	for i := range lines {
		lines[i] = style.Render(lines[i])
	}
	return strings.Join(lines, "\n")
}

// reviewStatusText is the status for a list h lines high, and its style.
func (m *model) reviewStatusText(h int) (string, lipgloss.Style) {
	unseen := m.unseenPages()
	g := m.st.G
	switch {
	case m.problems != nil:
		n := len(m.problems.Problems)
		return g.Cross + " " + i18n.T("wizard.review.status_fix", n), m.st.Bad
	case m.confirmUnseen:
		return "! " + apiclient.UpperFirst(i18n.T("wizard.review.status_unseen", m.unseenDirections(h))), m.st.Warn
	case m.needsLookup():
		return "! " + i18n.T("wizard.review.status_lookup"), m.st.Warn
	case len(unseen) > 0:
		return g.Check + " " + i18n.T("wizard.review.status_look", m.unseenDirections(h)), m.st.Good
	}
	where := apiclient.DestinationOf(m.target.URL, m.target.Sandbox).Phrase()
	return g.Check + " " + i18n.T("wizard.review.status_ready", where), m.st.Good
}

// unseenDirections names the sections not seen yet with the way to them:
// "sections 1-4 (↑)", "section 1 (↑), section 6 (↓)". The ASCII set's arrows
// are letters ("v" is this screen's key that shows the identity number), so
// there the keys are named instead: pgup, pgdn.
func (m *model) unseenDirections(h int) string {
	g := m.st.G
	up, down := g.Up, g.Down
	if g.ASCII {
		up, down = "pgup", "pgdn"
	}
	above, below := m.unseenWhere(h)
	var parts []string
	if len(above) > 0 {
		parts = append(parts, i18n.T("wizard.review.look_where", sectionWord(above), up))
	}
	if len(below) > 0 {
		parts = append(parts, i18n.T("wizard.review.look_where", sectionWord(below), down))
	}
	if len(parts) == 0 {
		// Unseen, yet neither above nor below: the window has not been
		// drawn since; the pages, without a way.
		return sectionWord(m.unseenPages())
	}
	return strings.Join(parts, i18n.T("wizard.review.look_and"))
}

// keysReview are the keys of the review, in the order the footer shows them.
func (m *model) keysReview() []key.Binding {
	k := m.keys
	rev := k.Reveal
	if m.revealed {
		rev.SetHelp("v", i18n.T("wizard.keys.hide_id_number"))
	}
	sub := k.Submit
	if m.problems != nil {
		sub.SetEnabled(false)
	}
	page := k.EditPage
	page.SetHelp("1-"+strconv.Itoa(min(len(apiclient.AllPages()), 9)), i18n.T("wizard.keys.edit_page"))
	// While sections are unseen, the key toward them comes before the
	// others: a narrow footer leaves out the last ones.
	b := []key.Binding{sub}
	pages := m.pageKeys()
	if len(m.unseenPages()) > 0 {
		b, pages = append(b, pages...), nil
	}
	b = append(b, k.Up, k.Edit, page)
	if m.hasMasked() {
		b = append(b, rev)
	}
	b = append(b, pages...)
	return append(b, k.QuitSoft)
}

// pageKeys are the paging keys the footer offers: toward the sections not
// seen yet (pgup, pgdn, or both), else toward what is below the window, or
// above it at the end of the list.
func (m *model) pageKeys() []key.Binding {
	l := m.layoutReviewList()
	first, n, more := m.reviewWindow(l)
	if !more {
		return nil
	}
	k := m.keys
	up := k.PageUp
	up.SetHelp("pgup", i18n.T("wizard.keys.more"))
	above, below := m.unseenWhere(m.reviewListHeight())
	canUp, canDown := first > 0, first+n < len(l.lines)
	showUp := canUp && (len(above) > 0 || !canDown)
	showDown := canDown && (len(below) > 0 || len(above) == 0 || !canUp)
	switch {
	case showUp && showDown:
		both := k.PageDown
		both.SetHelp("pgup/pgdn", i18n.T("wizard.keys.more"))
		return []key.Binding{both}
	case showUp:
		return []key.Binding{up}
	case showDown:
		return []key.Binding{k.PageDown}
	}
	return nil
}

// hasMasked reports whether the record has a value the review masks: the
// only thing v would show.
func (m *model) hasMasked() bool {
	for _, k := range apiclient.AllKeys() {
		v := m.sub.Get(k)
		if shown, masked := apiclient.MaskField(k, v, false); masked && shown != v {
			return true
		}
	}
	return false
}

// enterReview opens the review: the form is let go and every field checked.
func (m *model) enterReview() tea.Cmd {
	m.form = nil
	m.copied = false
	m.validate()
	return nil
}
