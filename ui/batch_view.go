package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
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
		lines[i] = ansi.Truncate(l, max(m.width-2, 20), "…")
	}
	return tea.NewView(m.st.App.Render(strings.Join(lines, "\n")) + "\n")
}

// viewHeader says where the records go, as the wizard's header does: LIVE,
// NOT ARGOS, LOCAL or SANDBOX, the host, the profile and the masked key.
func (m *batchModel) viewHeader() string {
	t := m.d.Target
	dest := apiclient.DestinationOf(t.URL, t.Sandbox)
	badge := m.st.Prod.Render(dest.Badge())
	switch dest.Kind {
	case apiclient.DestinationSandbox:
		badge = m.st.Sandbox.Render(dest.Badge())
	case apiclient.DestinationLocal:
		badge = m.st.Local.Render(dest.Badge())
	}
	who := "key " + t.MaskedKey
	if !t.Sandbox {
		who = "profile " + orDefault(apiclient.Sanitize(t.Profile)) + " · " + who
	}
	if t.Encrypted {
		who += " " + m.st.Encrypted.Render("encrypted")
	}
	line := m.st.Brand.Render("argos-migrate import") + "  " + badge + " " + m.st.Dim.Render(dest.Host) + "  " + m.st.Dim.Render(who)
	return ansi.Truncate(line, max(m.width-2, 20), "…")
}

func (m *batchModel) viewRunning() string {
	c := m.counts
	var b strings.Builder
	pace := "no rate limit"
	if m.pace > 0 {
		pace = fmt.Sprintf("at most %s a second", trimFloat(m.pace))
		if m.d.Rate > 0 && m.pace < m.d.Rate*0.99 {
			pace += fmt.Sprintf(" (slowed from %s: the server asked)", trimFloat(m.d.Rate))
		}
	}
	fmt.Fprintf(&b, "Sending %s · %d at a time · %s\n\n", apiclient.Sanitize(filepath.Base(m.d.File)), m.d.Concurrency, pace)
	pct := 1.0
	if c.ToSend > 0 {
		pct = float64(c.Done()) / float64(c.ToSend)
	}
	fmt.Fprintf(&b, "%s  %3.0f%%  %s of %s\n\n", m.bar.ViewAs(pct), math.Floor(pct*100), commas(c.Done()), commas(c.ToSend))
	b.WriteString(m.viewCounts(c.Created, c.FoundByLookup, c.Rejected, c.Unknown, c.NotSent))
	var skipped []string
	if c.Earlier > 0 {
		skipped = append(skipped, commas(c.Earlier)+" created in an earlier run")
	}
	if c.Changed > 0 {
		skipped = append(skipped, commas(c.Changed)+" of them changed since (not sent again)")
	}
	if c.Invalid > 0 {
		skipped = append(skipped, commas(c.Invalid)+" invalid")
	}
	if len(skipped) > 0 {
		b.WriteString(m.st.Dim.Render("  skipped   "+strings.Join(skipped, " · ")) + "\n")
	}
	b.WriteString("\n" + m.viewPace() + "\n")
	if len(m.recent) > 0 {
		b.WriteString("\n" + m.st.Label.Render("Last refusals:") + "\n")
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
		pause.SetHelp("p", "resume")
	}
	return []key.Binding{pause, k.Stop}
}

// viewPace is the speed, the time left, and what the run is waiting for.
func (m *batchModel) viewPace() string {
	c := m.counts
	switch {
	case m.aborting:
		return m.st.Bad.Render("Abandoning the requests in flight: their rows are looked up on the next run…")
	case m.stopping:
		return m.st.Warn.Render("Stopping: the requests in flight finish, nothing new starts…")
	case m.paused:
		return m.st.Warn.Render("Paused: the requests in flight finish, nothing new starts. p resumes.")
	}
	rate := m.perSecond()
	parts := []string{fmt.Sprintf("%.1f records/s", rate)}
	if left := c.ToSend - c.Done(); rate > 0 && left > 0 {
		parts = append(parts, "about "+roundDuration(time.Duration(float64(left)/rate*float64(time.Second)))+" left")
	}
	if d := m.waitTill.Sub(m.now); d > 0 {
		parts = append(parts, m.st.Warn.Render("the server asked to wait "+roundDuration(d)))
	}
	return strings.Join(parts, " · ")
}

// viewCounts lists the outcomes, one a line, with their marks.
func (m *batchModel) viewCounts(created, byLookup, rejected, unknown, notSent int) string {
	var b strings.Builder
	line := func(mark, name string, n int, note string) {
		fmt.Fprintf(&b, "  %s %-9s %7s", mark, name, commas(n))
		if note != "" {
			b.WriteString("  " + m.st.Dim.Render(note))
		}
		b.WriteString("\n")
	}
	note := ""
	if byLookup > 0 {
		note = commas(byLookup) + " found by a lookup after an unknown answer"
	}
	line(m.st.Good.Render("✓"), "created", created, note)
	line(m.st.Bad.Render("✗"), "rejected", rejected, "")
	line(m.st.Warn.Render("?"), "unknown", unknown, pick(unknown > 0, "may exist: looked up on the next run", ""))
	line(m.st.Warn.Render("○"), "not sent", notSent, "")
	return b.String()
}

func (m *batchModel) refusalLine(r BatchRefusal, selected bool) string {
	mark := "  "
	if selected {
		mark = m.st.Cursor.Render("› ")
	}
	text := fmt.Sprintf("row %-6d %s  %s", r.Row, apiclient.Sanitize(r.Email), apiclient.Sanitize(r.Text))
	style := m.st.Dim
	if selected {
		style = m.st.Value
	}
	return mark + style.Render(ansi.Truncate(text, max(m.width-6, 20), "…"))
}

func (m *batchModel) viewFinished() string {
	f := m.final
	t, r := f.Totals, f.Result
	var b strings.Builder
	head := "Done"
	switch r.Stopped {
	case batch.StopOperator, batch.StopAborted:
		head = m.st.Warn.Render("Stopped") + ": run the same command again to go on"
	case batch.StopErrors:
		head = m.st.Bad.Render("Stopped: the server kept failing")
	case batch.StopRefused:
		head = m.st.Bad.Render("Stopped: " + apiclient.LowerFirst(errText(r.Err)))
	case batch.StopJournal, batch.StopInput:
		head = m.st.Bad.Render("Stopped: " + apiclient.Sanitize(errText(r.Err)))
	}
	sent := r.Counts.Done() - r.Counts.Pending
	fmt.Fprintf(&b, "%s in %s · %s sent, %.1f records/s\n\n", head, roundDuration(r.Took), commas(sent),
		float64(sent)/math.Max(r.Took.Seconds(), 0.001))
	b.WriteString(m.viewCounts(t.Created, r.Counts.FoundByLookup, t.Rejected, t.Unknown, t.NotSent))
	var rest []string
	if t.Invalid > 0 {
		rest = append(rest, commas(t.Invalid)+" invalid (not sent)")
	}
	if t.Pending > 0 {
		rest = append(rest, commas(t.Pending)+" not tried yet")
	}
	if t.Changed > 0 {
		rest = append(rest, commas(t.Changed)+" created rows changed since (not sent again)")
	}
	if len(rest) > 0 {
		b.WriteString(m.st.Dim.Render("  "+strings.Join(rest, " · ")) + "\n")
	}
	b.WriteString("\n")
	if f.Err != nil {
		b.WriteString(m.st.Bad.Render("! "+apiclient.Sanitize(f.Err.Error())) + "\n")
	}
	b.WriteString(m.st.Label.Render("Results: ") + apiclient.Sanitize(f.Results) + "\n")
	if f.Rejects != "" {
		b.WriteString(m.st.Label.Render("Rejects: ") + apiclient.Sanitize(f.Rejects) + "\n")
	}
	b.WriteString(m.st.Label.Render("Journal: ") + apiclient.Sanitize(f.Journal) + "\n")
	if n := len(f.Refused); n > 0 && !m.leaveAtOnce() {
		b.WriteString("\n" + m.st.Title.Render("Refused rows") + m.st.Dim.Render(" (pick one to fix it in the wizard):") + "\n")
		first := min(max(m.cursor-batchListRows/2, 0), max(n-batchListRows, 0))
		for i := first; i < min(first+batchListRows, n); i++ {
			b.WriteString(m.refusalLine(f.Refused[i], i == m.cursor) + "\n")
		}
		if more := n - batchListRows + f.MoreRefused; more > 0 {
			b.WriteString(m.st.Dim.Render(fmt.Sprintf("  %d refused rows in all: every one is in the rejects file", n+f.MoreRefused)) + "\n")
		}
		b.WriteString("\n" + m.st.Help.ShortHelpView([]key.Binding{m.keys.Up, m.keys.Fix, m.keys.Leave}))
	}
	return b.String()
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func pick(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// commas writes n with thousands separators: 9,988.
func commas(n int) string {
	if n < 0 {
		return "-" + commas(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// roundDuration says a duration the way a person reads it: 45s, 3m 20s,
// 1h 05m.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Round(time.Second).Seconds()))
	case d < time.Hour:
		d = d.Round(time.Second)
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}
