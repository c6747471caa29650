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
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// batchListRows is how many refused rows the finished screen shows at once.
const batchListRows = 8

// View draws the screen inline (no alternate screen): its last frame stays
// in the terminal's scrollback when the program ends.
func (m *batchModel) View() tea.View {
	var b strings.Builder
	b.WriteString(m.viewHeader() + "\n\n")
	if m.final == nil {
		b.WriteString(m.viewRunning())
	} else {
		b.WriteString(m.viewFinished())
	}
	// No line wraps: a long path or message is cut, never folded into
	// the lines below it.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(m.width-2, 20), glyphs.Current().Ellipsis)
	}
	return tea.NewView(m.st.App.Render(strings.Join(lines, "\n")) + "\n")
}

// dot is the separator between items on one line, with its spaces.
func dot() string { return " " + glyphs.Current().Dot + " " }

// viewHeader says where the records go, as the wizard's header does: LIVE,
// NOT ARGOS, LOCAL or SANDBOX, the host, the profile and the masked key.
func (m *batchModel) viewHeader() string {
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
	line := badge + " " + m.st.Dim.Render(dest.Host) + "  " + m.st.Dim.Render(who)
	if brand := m.st.Brand.Render(i18n.T("import.screen.brand")) + "  "; ansi.StringWidth(brand+line) <= m.width-2 {
		line = brand + line // the name goes first, where it fits: the key is what must show
	}
	return ansi.Truncate(line, max(m.width-2, 20), glyphs.Current().Ellipsis)
}

func (m *batchModel) viewRunning() string {
	c := m.counts
	var b strings.Builder
	pace := i18n.T("import.screen.no_limit")
	if m.pace > 0 {
		pace = i18n.T("import.screen.pace", trimFloat(m.pace))
		if m.d.Rate > 0 && m.pace < m.d.Rate*0.99 {
			pace = i18n.T("import.screen.slowed", pace, trimFloat(m.d.Rate))
		}
	}
	b.WriteString(strings.Join([]string{i18n.T("import.screen.sending", apiclient.Sanitize(filepath.Base(m.d.File))),
		i18n.T("import.screen.at_a_time", m.d.Concurrency), pace}, dot()) + "\n\n")
	pct := 1.0
	if c.ToSend > 0 {
		pct = float64(c.Done()) / float64(c.ToSend)
	}
	fmt.Fprintf(&b, "%s  %3.0f%%  %s\n\n", m.bar.ViewAs(pct), math.Floor(pct*100), i18n.T("import.screen.of", c.Done(), c.ToSend))
	b.WriteString(m.viewCounts(c.Created, c.FoundByLookup, c.Rejected, c.Unknown, c.NotSent))
	if c.ImagesSent+c.ImagesFailed > 0 {
		b.WriteString("  " + i18n.T("import.screen.images", c.ImagesSent, c.ImagesFailed) + "\n")
	}
	var skipped []string
	if c.Earlier > 0 {
		skipped = append(skipped, i18n.T("import.screen.earlier", c.Earlier))
	}
	if c.Changed > 0 {
		skipped = append(skipped, i18n.T("import.screen.changed_since", c.Changed))
	}
	if c.Invalid > 0 {
		skipped = append(skipped, i18n.T("import.screen.invalid", c.Invalid))
	}
	if len(skipped) > 0 {
		b.WriteString(m.st.Dim.Render("  "+i18n.T("import.screen.skipped")+"   "+strings.Join(skipped, dot())) + "\n")
	}
	b.WriteString("\n" + m.viewPace() + "\n")
	if len(m.recent) > 0 {
		b.WriteString("\n" + m.st.Label.Render(i18n.T("import.screen.last_refusals")) + "\n")
		for _, r := range m.recent {
			b.WriteString(m.refusalLine(r, false) + "\n")
		}
	}
	b.WriteString("\n" + m.st.Help.ShortHelpView(m.runningKeys()))
	return b.String()
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

// viewPace is the speed, the time left, and what the run is waiting for.
func (m *batchModel) viewPace() string {
	c := m.counts
	ellipsis := glyphs.Current().Ellipsis
	switch {
	case m.aborting:
		return m.st.Bad.Render(i18n.T("import.screen.abandoning", ellipsis))
	case m.stopping:
		return m.st.Warn.Render(i18n.T("import.screen.stopping", ellipsis))
	case m.paused:
		return m.st.Warn.Render(i18n.T("import.screen.paused"))
	}
	rate := m.perSecond()
	parts := []string{i18n.T("import.screen.rate", rate)}
	if left := c.ToSend - c.Done(); rate > 0 && left > 0 {
		parts = append(parts, i18n.T("import.screen.left", batch.Duration(time.Duration(float64(left)/rate*float64(time.Second)))))
	}
	if d := m.waitTill.Sub(m.now); d > 0 {
		parts = append(parts, m.st.Warn.Render(i18n.T("import.screen.wait", batch.Duration(d))))
	}
	return strings.Join(parts, dot())
}

// viewCounts lists the outcomes, one a line, with their marks: the names
// padded to the widest as the terminal draws them (a Hangul syllable
// takes two columns), the counts right-aligned.
func (m *batchModel) viewCounts(created, byLookup, rejected, unknown, notSent int) string {
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
	if byLookup > 0 {
		note = i18n.T("import.screen.by_lookup", byLookup)
	}
	may := ""
	if unknown > 0 {
		may = i18n.T("import.screen.may_exist")
	}
	counts := []count{
		{m.st.Good.Render(g.Check), i18n.T("import.screen.created"), created, note},
		{m.st.Bad.Render(g.Cross), i18n.T("import.screen.rejected"), rejected, ""},
		{m.st.Warn.Render("?"), i18n.T("import.screen.unknown"), unknown, may},
		{m.st.Warn.Render(notSentMark), i18n.T("import.screen.not_sent"), notSent, ""},
	}
	nameW, numW := 9, 7
	nums := make([]string, len(counts))
	for i, c := range counts {
		nameW = max(nameW, ansi.StringWidth(c.name))
		nums[i] = i18n.T("import.screen.count", c.n)
		numW = max(numW, ansi.StringWidth(nums[i]))
	}
	var b strings.Builder
	for i, c := range counts {
		b.WriteString("  " + c.mark + " " + padRight(c.name, nameW) + " " + padLeft(nums[i], numW))
		if c.note != "" {
			b.WriteString("  " + m.st.Dim.Render(c.note))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (m *batchModel) refusalLine(r BatchRefusal, selected bool) string {
	mark := "  "
	if selected {
		cursor := "›"
		if glyphs.Current().ASCII {
			cursor = ">"
		}
		mark = m.st.Cursor.Render(cursor + " ")
	}
	text := padRight(i18n.T("import.screen.row", strconv.Itoa(r.Row)), 10) + " " + apiclient.Sanitize(r.Email) + "  " + apiclient.Sanitize(r.Text)
	style := m.st.Dim
	if selected {
		style = m.st.Value
	}
	return mark + style.Render(ansi.Truncate(text, max(m.width-6, 20), glyphs.Current().Ellipsis))
}

func (m *batchModel) viewFinished() string {
	f := m.final
	t, r := f.Totals, f.Result
	var b strings.Builder
	head := i18n.T("import.screen.done")
	switch r.Stopped {
	case batch.StopOperator, batch.StopAborted:
		head = i18n.T("import.screen.go_on", m.st.Warn.Render(i18n.T("import.screen.stopped")))
	case batch.StopErrors:
		head = m.st.Bad.Render(i18n.T("import.screen.stopped_errors"))
	case batch.StopRefused:
		head = m.st.Bad.Render(i18n.T("import.screen.stopped_why", apiclient.LowerFirst(i18n.Text(r.Err))))
	case batch.StopJournal, batch.StopInput:
		head = m.st.Bad.Render(i18n.T("import.screen.stopped_why", apiclient.Sanitize(i18n.Text(r.Err))))
	}
	sent := r.Counts.Done() - r.Counts.Pending
	b.WriteString(i18n.T("import.screen.took", head, batch.Duration(r.Took), sent,
		float64(sent)/math.Max(r.Took.Seconds(), 0.001), glyphs.Current().Dot) + "\n\n")
	b.WriteString(m.viewCounts(t.Created, r.Counts.FoundByLookup, t.Rejected, t.Unknown, t.NotSent))
	var rest []string
	if t.Invalid > 0 {
		rest = append(rest, i18n.T("import.screen.invalid_not_sent", t.Invalid))
	}
	if t.Pending > 0 {
		rest = append(rest, i18n.T("import.screen.not_tried", t.Pending))
	}
	if t.Changed > 0 {
		rest = append(rest, i18n.T("import.screen.changed", t.Changed))
	}
	if t.ImagesSent+t.ImagesFailed > 0 {
		rest = append(rest, i18n.T("import.screen.images", t.ImagesSent, t.ImagesFailed))
	}
	if len(rest) > 0 {
		b.WriteString(m.st.Dim.Render("  "+strings.Join(rest, dot())) + "\n")
	}
	b.WriteString("\n")
	if f.Err != nil {
		b.WriteString(m.st.Bad.Render("! "+apiclient.Sanitize(i18n.Text(f.Err))) + "\n")
	}
	b.WriteString(m.st.Label.Render(i18n.T("import.label.results")) + " " + apiclient.Sanitize(f.Results) + "\n")
	if f.Rejects != "" {
		b.WriteString(m.st.Label.Render(i18n.T("import.label.rejects")) + " " + apiclient.Sanitize(f.Rejects) + "\n")
	}
	b.WriteString(m.st.Label.Render(i18n.T("import.label.journal")) + " " + apiclient.Sanitize(f.Journal) + "\n")
	if n := len(f.Refused); n > 0 && !m.leaveAtOnce() {
		b.WriteString("\n" + m.st.Title.Render(i18n.T("import.screen.refused_rows")) + m.st.Dim.Render(i18n.T("import.screen.pick_one")) + "\n")
		first := min(max(m.cursor-batchListRows/2, 0), max(n-batchListRows, 0))
		for i := first; i < min(first+batchListRows, n); i++ {
			b.WriteString(m.refusalLine(f.Refused[i], i == m.cursor) + "\n")
		}
		if more := n - batchListRows + f.MoreRefused; more > 0 {
			b.WriteString(m.st.Dim.Render("  "+i18n.T("import.screen.refused_all", n+f.MoreRefused)) + "\n")
		}
		b.WriteString("\n" + m.st.Help.ShortHelpView([]key.Binding{m.keys.Up, m.keys.Fix, m.keys.Leave}))
	}
	return b.String()
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}
