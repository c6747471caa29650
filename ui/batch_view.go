package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// batchListRows is how many refused rows the finished screen shows at
// most, on a window tall enough.
const batchListRows = 8

// View draws the screen inline (no alternate screen): its last frame stays
// in the terminal's scrollback when the program ends. It is never taller
// than the window (the lines above it would scroll away, the header with
// them) nor wider (no line wraps: a long path or message is cut, never
// folded into the lines below it).
func (m *batchModel) View() tea.View {
	var parts []batchPart
	if m.final == nil {
		parts = m.viewRunning()
	} else {
		parts = m.viewFinished()
	}
	lines := fitParts(parts, m.height-1) // the last line stays free for the cursor
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.textWidth(), glyphs.Current().Ellipsis)
	}
	return tea.NewView(m.st.App.Render(strings.Join(lines, "\n")) + "\n")
}

// textWidth is how wide a line may be inside the screen's margins.
func (m *batchModel) textWidth() int { return max(m.width-2, 20) }

// batchPart is a block of the screen's lines: fitParts drops the blank
// line before it, and shortens a list, until the screen fits the window.
type batchPart struct {
	lines []string
	gap   bool // a blank line before it
	// list: the lines can be cut to any number from min; cut turns the
	// block into the lines that show n of its rows (a "more" line among
	// them). nil for a block that stays whole.
	list func(n int) []string
	rows int // the list's rows when whole
	min  int // the fewest rows worth showing
	// keys: the keys' line, last: it stays when the rest is cut (in a
	// window too small for the screen, the keys are what still works).
	keys bool
}

// fitParts lays the parts out in at most height lines: first the lists
// are shortened to a few rows, then the blank lines between parts go
// (from the bottom up), then the lists shrink to their least, and what
// still does not fit is cut from the bottom: the header and the outcome,
// at the top, always show.
func fitParts(parts []batchPart, height int) []string {
	height = max(height, 1)
	shown := make([]int, len(parts))
	gaps := make([]bool, len(parts))
	for i, p := range parts {
		shown[i], gaps[i] = p.rows, p.gap && i > 0
	}
	size := func() int {
		n := 0
		for i, p := range parts {
			if gaps[i] {
				n++
			}
			if p.list != nil {
				n += len(p.list(shown[i]))
			} else {
				n += len(p.lines)
			}
		}
		return n
	}
	shrink := func(floor func(p batchPart) int) {
		for i := len(parts) - 1; i >= 0 && size() > height; i-- {
			if p := parts[i]; p.list != nil {
				for shown[i] > floor(p) && size() > height {
					shown[i]--
				}
			}
		}
	}
	shrink(func(p batchPart) int { return min(p.rows, max(p.min, 3)) })
	for i := len(parts) - 1; i > 0 && size() > height; i-- {
		gaps[i] = false
	}
	shrink(func(p batchPart) int { return min(p.rows, p.min) })
	var out []string
	for i, p := range parts {
		if gaps[i] {
			out = append(out, "")
		}
		if p.list != nil {
			out = append(out, p.list(shown[i])...)
		} else {
			out = append(out, p.lines...)
		}
	}
	if len(out) > height {
		if last := parts[len(parts)-1]; last.keys && len(last.lines) < height {
			out = append(out[:height-len(last.lines)], last.lines...)
		} else {
			out = out[:height]
		}
	}
	return out
}

// block is a part that stays whole.
func block(gap bool, lines ...string) batchPart { return batchPart{lines: lines, gap: gap} }

// dot is the separator between items on one line, with its spaces.
func dot() string { return " " + glyphs.Current().Dot + " " }

// viewHeader says where the records go, as the wizard's header does: LIVE,
// NOT ARGOS, LOCAL or SANDBOX, the host, the profile and the masked key;
// on two lines where one would cut the key.
func (m *batchModel) viewHeader() []string {
	t := m.d.Target
	dest := apiclient.DestinationOf(t.URL, t.Sandbox)
	badge := m.st.badge(dest)
	who := i18n.T("import.screen.key", t.MaskedKey)
	if !t.Sandbox {
		who = i18n.T("import.screen.profile", orDefault(apiclient.Sanitize(t.Profile))) + dot() + who
	}
	if t.Encrypted {
		who += " " + m.st.Encrypted.Render(i18n.T("import.screen.encrypted"))
	}
	where := badge + " " + m.st.Dim.Render(dest.Host)
	line := where + "  " + m.st.Dim.Render(who)
	if ansi.StringWidth(line) > m.textWidth() {
		return []string{where, m.st.Dim.Render(who)}
	}
	if brand := m.st.Brand.Render(i18n.T("import.screen.brand")) + "  "; ansi.StringWidth(brand+line) <= m.textWidth() {
		line = brand + line // the name goes first, where it fits: the key is what must show
	}
	return []string{line}
}

// wrapped is s broken at spaces into lines of the screen's width, each
// drawn with style.
func (m *batchModel) wrapped(s string, style lipgloss.Style) []string {
	lines := wrapWords(s, m.textWidth())
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

func (m *batchModel) viewRunning() []batchPart {
	c := m.counts
	pace := i18n.T("import.screen.no_limit")
	if m.pace > 0 {
		pace = i18n.T("import.screen.pace", trimFloat(m.pace))
		if m.d.Rate > 0 && m.pace < m.d.Rate*0.99 {
			pace = i18n.T("import.screen.slowed", pace, trimFloat(m.d.Rate))
		}
	}
	sending := m.wrapped(strings.Join([]string{i18n.T("import.screen.sending", apiclient.Sanitize(filepath.Base(m.d.File))),
		i18n.T("import.screen.at_a_time", m.d.Concurrency), pace}, dot()), lipgloss.NewStyle())
	pct := 1.0
	if c.ToSend > 0 {
		pct = float64(c.Reached()) / float64(c.ToSend)
	}
	bar := fmt.Sprintf("%s  %3.0f%%  %s", m.bar.ViewAs(pct), math.Floor(pct*100), i18n.T("import.screen.of", c.Reached(), c.ToSend))
	counts := m.viewCounts(batchTally{created: c.Created, byLookup: c.FoundByLookup, rejected: c.Rejected, unknown: c.Unknown,
		notSent: c.NotSent, invalid: c.Invalid})
	if c.ImagesSent+c.ImagesFailed > 0 {
		counts = append(counts, m.st.Dim.Render("  "+i18n.T("import.screen.images", c.ImagesSent, c.ImagesFailed)))
	}
	if c.Earlier > 0 {
		earlier := i18n.T("import.screen.earlier", c.Earlier)
		if c.Changed > 0 {
			earlier += dot() + i18n.T("import.screen.changed_since", c.Changed)
		}
		counts = append(counts, m.st.Dim.Render("  "+earlier))
	}
	parts := []batchPart{
		block(false, m.viewHeader()...),
		block(true, sending...),
		block(true, bar),
		block(true, counts...),
		block(true, m.viewPace()...),
	}
	if n := len(m.recent); n > 0 {
		title := m.st.Label.Render(i18n.T("import.screen.last_refusals"))
		parts = append(parts, batchPart{gap: true, rows: n, min: 1, list: func(k int) []string {
			if k == 0 {
				return nil
			}
			lines := []string{title}
			for _, r := range m.recent[n-k:] { // the latest
				lines = append(lines, m.refusalLine(r, false, m.recent[n-k:]))
			}
			return lines
		}})
	}
	if help := m.keysLine(m.runningKeys()...); help != "" {
		parts = append(parts, batchPart{lines: []string{help}, gap: true, keys: true})
	}
	return parts
}

func (m *batchModel) runningKeys() []key.Binding {
	k := m.keys
	switch {
	case m.aborting:
		return nil
	case m.stopping:
		return []key.Binding{k.Abandon}
	}
	pause := k.Pause
	if m.paused {
		pause.SetHelp("p", i18n.T("import.screen.key_resume"))
	}
	return []key.Binding{pause, k.Stop}
}

// viewPace is the speed, the time left, and what the run is waiting for;
// or why it is stopping.
func (m *batchModel) viewPace() []string {
	c := m.counts
	ellipsis := glyphs.Current().Ellipsis
	switch {
	case m.aborting:
		return m.wrapped(i18n.T("import.screen.abandoning", ellipsis), m.st.Bad)
	case m.stopping && m.stopWhy != batch.StopOperator && m.stopWhy != batch.StopNone:
		// The run stops by itself: why, and nothing of a key nobody pressed.
		return m.wrapped(i18n.T("import.screen.stopping_why", m.stopReason(m.stopErr), ellipsis), m.st.Bad)
	case m.stopping:
		return m.wrapped(i18n.T("import.screen.stopping", ellipsis), m.st.Warn)
	case m.paused:
		return m.wrapped(i18n.T("import.screen.paused"), m.st.Warn)
	}
	rate := m.perSecond()
	parts := []string{i18n.T("import.screen.rate", rate)}
	if left := c.ToSend - c.Reached(); rate > 0 && left > 0 {
		parts = append(parts, i18n.T("import.screen.left", batch.Duration(time.Duration(float64(left)/rate*float64(time.Second)))))
	}
	if d := m.waitTill.Sub(m.now); d > 0 {
		parts = append(parts, m.st.Warn.Render(i18n.T("import.screen.wait", batch.Duration(d))))
	}
	return []string{strings.Join(parts, dot())}
}

// stopReason is why the run stopped by itself, as a clause: the server
// kept failing, a refusal every row would meet, the journal or the input.
func (m *batchModel) stopReason(err error) string {
	if err == nil {
		return i18n.T("import.screen.server_failing")
	}
	return apiclient.LowerFirst(apiclient.Sanitize(i18n.Text(err)))
}

// batchTally is what the count column lists.
type batchTally struct {
	created, byLookup, rejected, unknown, notSent int
	pending, invalid                              int // listed when not 0
}

// viewCounts lists the outcomes, one a line, with their marks: the names
// padded to the widest as the terminal draws them (a Hangul syllable
// takes two columns), the counts right-aligned in one column.
func (m *batchModel) viewCounts(t batchTally) []string {
	g := glyphs.Current()
	notSentMark := "○" // ambiguous-width: drawn wide where the ASCII set is used
	if g.ASCII {
		notSentMark = "o"
	}
	type count struct {
		mark, name string
		n          int
		note       string
	}
	note := ""
	if t.byLookup > 0 {
		note = i18n.T("import.screen.by_lookup", t.byLookup)
	}
	may := ""
	if t.unknown > 0 {
		may = i18n.T("import.screen.may_exist")
	}
	counts := []count{
		{m.st.Good.Render(g.Check), i18n.T("import.screen.created"), t.created, note},
		{m.st.Bad.Render(g.Cross), i18n.T("import.screen.rejected"), t.rejected, ""},
		{m.st.Warn.Render("?"), i18n.T("import.screen.unknown"), t.unknown, may},
		{m.st.Warn.Render(notSentMark), i18n.T("import.screen.not_sent"), t.notSent, ""},
	}
	if t.pending > 0 {
		counts = append(counts, count{m.st.Dim.Render("-"), i18n.T("import.screen.pending"), t.pending, i18n.T("import.screen.pending_note")})
	}
	if t.invalid > 0 {
		counts = append(counts, count{m.st.Bad.Render("!"), i18n.T("import.screen.invalid_name"), t.invalid, i18n.T("import.screen.invalid_note")})
	}
	nameW, numW := 9, 7
	nums := make([]string, len(counts))
	for i, c := range counts {
		nameW = max(nameW, ansi.StringWidth(c.name))
		nums[i] = i18n.T("import.screen.count", c.n)
		numW = max(numW, ansi.StringWidth(nums[i]))
	}
	lines := make([]string, len(counts))
	for i, c := range counts {
		lines[i] = "  " + c.mark + " " + padRight(c.name, nameW) + " " + padLeft(nums[i], numW)
		if c.note != "" {
			lines[i] += "  " + m.st.Dim.Render(c.note)
		}
	}
	return lines
}

// refusalLine is a refused row: its number (padded to the widest of the
// rows shown with it), its email and why.
func (m *batchModel) refusalLine(r BatchRefusal, selected bool, shown []BatchRefusal) string {
	mark := "  "
	if selected {
		cursor := "›"
		if glyphs.Current().ASCII {
			cursor = ">"
		}
		mark = m.st.Cursor.Render(cursor + " ")
	}
	rowW := 0
	for _, s := range shown {
		rowW = max(rowW, ansi.StringWidth(i18n.T("import.screen.row", strconv.Itoa(s.Row))))
	}
	text := padRight(i18n.T("import.screen.row", strconv.Itoa(r.Row)), rowW) + "  " + apiclient.Sanitize(r.Email) + "  " + apiclient.Sanitize(r.Text)
	style := m.st.Dim
	if selected {
		style = m.st.Value
	}
	return mark + style.Render(ansi.Truncate(text, max(m.textWidth()-2, 18), glyphs.Current().Ellipsis))
}

// pathLine is a label and a path: a path too long keeps its end (the
// file's or the folder's name), cut at its start.
func (m *batchModel) pathLine(label, path string) string {
	label = m.st.Label.Render(label) + " "
	path = apiclient.Sanitize(path)
	room := m.textWidth() - ansi.StringWidth(label)
	if ansi.StringWidth(path) > room {
		e := glyphs.Current().Ellipsis
		path = e + keepRight(path, max(room-ansi.StringWidth(e), 1))
	}
	return label + path
}

func (m *batchModel) viewFinished() []batchPart {
	f := m.final
	t, r := f.Totals, f.Result
	head := m.st.Good.Render(i18n.T("import.screen.done"))
	var why []string
	switch r.Stopped {
	case batch.StopNone:
	case batch.StopOperator, batch.StopAborted:
		head = m.st.Warn.Render(i18n.T("import.screen.stopped"))
	default:
		head = m.st.Bad.Render(i18n.T("import.screen.stopped"))
		why = m.wrapped(apiclient.UpperFirst(m.stopReason(r.Err)), m.st.Bad)
	}
	sent := r.Counts.Sent()
	took := i18n.T("import.screen.took", head, batch.Duration(r.Took), sent, glyphs.Current().Dot)
	if sent > 0 {
		took += i18n.T("import.screen.took_rate", float64(sent)/math.Max(r.Took.Seconds(), 0.001))
	}
	counts := m.viewCounts(batchTally{created: t.Created, byLookup: r.Counts.FoundByLookup, rejected: t.Rejected, unknown: t.Unknown,
		notSent: t.NotSent, pending: t.Pending, invalid: t.Invalid})
	var rest []string
	if t.Changed > 0 {
		rest = append(rest, i18n.T("import.screen.changed", t.Changed))
	}
	if t.ImagesSent+t.ImagesFailed > 0 {
		rest = append(rest, i18n.T("import.screen.images", t.ImagesSent, t.ImagesFailed))
	}
	if len(rest) > 0 {
		counts = append(counts, m.st.Dim.Render("  "+strings.Join(rest, dot())))
	}
	var files []string
	if f.Err != nil {
		files = append(files, m.wrapped("! "+apiclient.Sanitize(i18n.Text(f.Err)), m.st.Bad)...)
	}
	files = append(files, m.pathLine(i18n.T("import.label.results"), f.Results))
	if f.Rejects != "" {
		files = append(files, m.pathLine(i18n.T("import.label.rejects"), f.Rejects))
	}
	files = append(files, m.pathLine(i18n.T("import.label.journal"), f.Journal))
	parts := []batchPart{
		block(false, m.viewHeader()...),
		block(true, append([]string{took}, why...)...),
		block(true, counts...),
	}
	if n := len(f.ImagesFailed); n > 0 {
		parts = append(parts, batchPart{rows: n, min: 1, list: m.imagesFailedLines})
	}
	parts = append(parts, block(true, files...))
	if f.Next != "" {
		parts = append(parts, block(true, m.wrapped(f.Next, m.st.Value)...))
	}
	if n := len(f.Refused); n > 0 && !m.leaveAtOnce() {
		title := m.st.Title.Render(i18n.T("import.screen.refused_rows")) + m.st.Dim.Render(i18n.T("import.screen.pick_one"))
		parts = append(parts, batchPart{gap: true, rows: min(n, batchListRows), min: 1, list: func(k int) []string {
			return m.refusedList(title, k)
		}})
		parts = append(parts, batchPart{lines: []string{m.keysLine(m.keys.Up, m.keys.Fix, m.keys.Leave)}, gap: true, keys: true})
	}
	return parts
}

// refusedList is the finished screen's list of refused rows, k of them
// shown around the cursor (↑/↓ scroll it), and a line for the rest.
func (m *batchModel) refusedList(title string, k int) []string {
	f := m.final
	n := len(f.Refused)
	lines := []string{title}
	first := min(max(m.cursor-k/2, 0), max(n-k, 0))
	shown := f.Refused[first:min(first+k, n)]
	for i, r := range shown {
		lines = append(lines, m.refusalLine(r, first+i == m.cursor, shown))
	}
	if more := n - len(shown) + f.MoreRefused; more > 0 {
		lines = append(lines, m.st.Dim.Render("  "+i18n.T("import.screen.more", more)))
	}
	return lines
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// imagesFailedLines name the first k rows whose images were not attached
// and why (the failure policy's words), and how many more the results file
// holds: the next step below says what to do.
func (m *batchModel) imagesFailedLines(k int) []string {
	f := m.final
	shown := f.ImagesFailed[:min(k, len(f.ImagesFailed))]
	lines := []string{"  " + m.st.Warn.Render(i18n.T("import.images.failed_title"))}
	rowW := 0
	for _, r := range shown {
		rowW = max(rowW, ansi.StringWidth(i18n.T("import.screen.row", strconv.Itoa(r.Row))))
	}
	for _, r := range shown {
		// The row and why: the email would push the reason out of a
		// narrow window, and the results file has it.
		text := padRight(i18n.T("import.screen.row", strconv.Itoa(r.Row)), rowW) + "  " + apiclient.Sanitize(r.Text)
		lines = append(lines, "    "+m.st.Dim.Render(ansi.Truncate(text, max(m.textWidth()-4, 18), glyphs.Current().Ellipsis)))
	}
	if more := len(f.ImagesFailed) - len(shown) + f.MoreImagesFailed; more > 0 {
		lines = append(lines, m.st.Dim.Render("    "+i18n.T("import.images.failed_more", more)))
	}
	return lines
}

// keysLine is the keys' help on one line; in a window too narrow for it,
// the last key (the way out: q) goes first, so that what is cut is not it.
func (m *batchModel) keysLine(keys ...key.Binding) string {
	line := m.st.Help.ShortHelpView(keys)
	if n := len(keys); n > 1 && ansi.StringWidth(line) > m.textWidth() {
		line = m.st.Help.ShortHelpView(append([]key.Binding{keys[n-1]}, keys[:n-1]...))
	}
	return line
}
