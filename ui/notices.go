package ui

import (
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
	level noticeLevel
	seq   int // numbers notices as they come: the newest wins within a level
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
	m.dr.notices = append(m.dr.notices, notice{text: text, level: level, seq: m.dr.noticeSeq})
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
		if a.level != b.level {
			return int(b.level) - int(a.level)
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
		wrapped := m.wrapCapped(mark+apiclient.Sanitize(n.text), w, room)
		for _, l := range wrapped {
			lines = append(lines, style.Render(l))
		}
	}
	return lines
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
