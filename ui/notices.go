package ui

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// noticeLevel orders the notices above the footer's keys.
type noticeLevel int

const (
	noteLevel noticeLevel = iota // where a backup went, a draft discarded
	warnLevel                    // something the agent should act on
	errLevel                     // a failure now: the draft was not saved
)

// notice is one message for the status line.
type notice struct {
	text  string
	short string // its short form for later screens, when it has one
	level noticeLevel
	seq   int // numbers notices as they come: the newest wins within a level
	// first is the screen a note is first shown on (placed once it is
	// known); on any other screen the note is old: it stands in short,
	// below every newer notice.
	first  screen
	placed bool
	old    bool
}

// maxStatusLines is the most the status line grows to for a long message.
const maxStatusLines = 2

// addNotice adds a message once; a message given again counts as new.
func (m *model) addNotice(text string, level noticeLevel) {
	text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "!"))
	if text == "" {
		return
	}
	m.dr.notices = slices.DeleteFunc(m.dr.notices, func(n notice) bool { return n.text == text })
	m.dr.noticeSeq++
	m.dr.notices = append(m.dr.notices, notice{text: text, level: level, seq: m.dr.noticeSeq,
		first: m.screen, placed: m.dr.onScreen})
}

// screenNotices ages the notes as the wizard moves to screen s: a note is
// said in full on the screen it is first shown on (where it happened, or
// the first screen for those found before the program started), and after
// that stands in short, one line below every newer notice, so that it
// neither fills each later screen's status line nor is lost. Warnings and
// failures stand in full until they are resolved.
func (m *model) screenNotices(s screen) {
	m.dr.onScreen = true
	for i := range m.dr.notices {
		n := &m.dr.notices[i]
		switch {
		case n.level != noteLevel:
		case !n.placed:
			n.first, n.placed = s, true
		case s != n.first:
			n.old = true
		}
	}
}

// note adds a plain note.
func (m *model) note(s string) { m.addNotice(s, noteLevel) }

// startNotices takes the notices the caller found before the program
// started: those marked with "!" are warnings, the others notes, and the
// first given ranks first.
func (m *model) startNotices(given []string) {
	for i := len(given) - 1; i >= 0; i-- {
		level := noteLevel
		if strings.HasPrefix(strings.TrimSpace(given[i]), "!") {
			level = warnLevel
		}
		m.addNotice(given[i], level)
		if short := m.deps.Drafts.ShortNotices[given[i]]; short != "" {
			m.dr.notices[len(m.dr.notices)-1].short = short
		}
	}
}

// currentNotices are the notices to show, most important first: a failed
// save, then warnings, then notes, the newest first within each. The Done
// screen shows only a failure.
func (m *model) currentNotices() []notice {
	var out []notice
	if m.dr.saveErr != "" {
		out = append(out, notice{text: i18n.T("wizard.notice.draft_not_saved", m.dr.saveErr), level: errLevel})
	}
	if m.dr.clearErr != "" {
		out = append(out, notice{text: i18n.T("wizard.notice.draft_not_cleared", m.dr.clearErr), level: errLevel})
	}
	if m.screen == screenResult {
		return out
	}
	rest := slices.Clone(m.dr.notices)
	slices.SortStableFunc(rest, func(a, b notice) int {
		switch {
		case a.level != b.level:
			return int(b.level) - int(a.level)
		case a.old != b.old:
			return boolInt(a.old) - boolInt(b.old)
		}
		return b.seq - a.seq
	})
	return append(out, rest...)
}

// statusLines is the status line above the footer's keys: the most
// important notice, wrapped to a second line when it needs one; when it
// fits on one line, the next notice on the second. Nothing is cut without
// "…".
func (m *model) statusLines() []string {
	w := m.contentWidth()
	var lines []string
	for _, n := range m.currentNotices() {
		room := maxStatusLines - len(lines)
		if room == 0 {
			break
		}
		mark, style := "", m.st.Dim
		switch n.level {
		case errLevel:
			mark, style = "! ", m.st.Bad
		case warnLevel:
			mark, style = "! ", m.st.Warn
		}
		text := m.shortPaths(mark+apiclient.Sanitize(n.text), w)
		if n.old {
			// In short: one line, its short form when it has one, its
			// path down to the file's name.
			room = 1
			if n.short != "" {
				text = mark + apiclient.Sanitize(n.short)
			}
			text = m.keepPathEnd(m.shortPaths(text, 0), w, n.short != "")
		}
		wrapped := m.wrapCapped(text, w, room)
		for _, l := range wrapped {
			lines = append(lines, style.Render(l))
		}
	}
	return lines
}

// shortPaths shortens the paths in a notice that are longer than w cells
// (every path when w is 0) to their end, the file's name kept whole where
// it fits: "…/drafts/default.backup-20261201.json". A path wrapped over two
// lines, or cut at its end, loses the one part that tells it apart.
func (m *model) shortPaths(s string, w int) string {
	words := strings.Split(s, " ")
	for i, word := range words {
		if !looksLikePath(word) || (w > 0 && ansi.StringWidth(word) <= w) {
			continue
		}
		e := m.st.G.Ellipsis
		room := w - ansi.StringWidth(e)
		if w == 0 {
			room = ansi.StringWidth(filepath.Base(word)) + 1 // "/name"
		}
		if tail := keepRight(word, room); tail != word {
			words[i] = e + tail
		}
	}
	return strings.Join(words, " ")
}

// keepPathEnd fits s into one line of w cells, keeping its last path (and
// what follows it) when it has one. The words before the path give way,
// whole words (cutAtWord), so that the file's name stays whole; a short
// form (whole) is said whole, and its path is shortened from its start
// instead, while enough of its end is left to tell it apart.
func (m *model) keepPathEnd(s string, w int, whole bool) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	// The least of a path worth showing: a dated backup's name tells
	// itself apart by its last 16 cells ("T175000Z.json").
	const minPathEnd = 16
	e := m.st.G.Ellipsis
	words := strings.Split(s, " ")
	for i := len(words) - 1; i > 0; i-- {
		if !looksLikePath(words[i]) {
			continue
		}
		before, after := strings.Join(words[:i], " ")+" ", ""
		if i+1 < len(words) {
			after = " " + strings.Join(words[i+1:], " ")
		}
		room := w - ansi.StringWidth(before+after) - ansi.StringWidth(e)
		if whole && room >= minPathEnd {
			return before + e + keepRight(strings.TrimPrefix(words[i], e), room) + after
		}
		tail := " " + strings.Join(words[i:], " ")
		if room := w - ansi.StringWidth(tail); room > ansi.StringWidth(e)+4 {
			return m.cutAtWord(strings.Join(words[:i], " "), room, false) + tail
		}
		break
	}
	return s
}

// looksLikePath tells a path ("/tmp/x.json", "~/drafts/a.json",
// "drafts/2026/a.json", one already shortened: "…/a.json") from words with
// a slash ("jpg/png", "and/or").
func looksLikePath(word string) bool {
	return strings.HasPrefix(strings.TrimLeft(word, "….~"), "/") || strings.Count(word, "/") >= 2
}

// wrapWords breaks plain text into lines of at most w cells at spaces only
// (a path or a URL stays whole, so it can be copied), breaking a word only
// when it is longer than a line.
func wrapWords(s string, w int) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.Fields(s) {
		ww := ansi.StringWidth(word)
		switch {
		case curW > 0 && curW+1+ww <= w:
			cur.WriteString(" " + word)
			curW += 1 + ww
			continue
		case curW > 0:
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		for ww > w {
			head := ansi.Truncate(word, w, "")
			lines = append(lines, head)
			word = strings.TrimPrefix(word, head)
			ww = ansi.StringWidth(word)
		}
		cur.WriteString(word)
		curW = ww
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// footerHeight is the status line (one line, two for a long message) and
// the keys.
func (m *model) footerHeight() int { return max(len(m.statusLines()), 1) + 1 }
