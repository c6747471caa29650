package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// minHostCells is the least of a URL the header keeps before it gives up
// laying out and truncates the whole line.
const minHostCells = 8

// viewHeader shows, on one line, where requests go (LIVE, NOT ARGOS,
// SANDBOX or LOCAL and the URL) and with which key: the profile, the masked key, where the key came
// from, and an "encrypted" badge when bodies are encrypted. The key's side is
// what an agent checks before submitting, so a narrow window gives up the
// brand first (it moves to the second line), then the URL's scheme, then
// the labels, then the URL's tail.
func (m *model) viewHeader() string {
	line, branded := m.headerLine()
	return line + "\n" + m.stepsLine(branded)
}

// headerLine is the header's first line, and whether the brand is on it.
func (m *model) headerLine() (string, bool) {
	t, w := m.target, m.contentWidth()
	dest := apiclient.DestinationOf(t.URL, t.Sandbox)
	badge := m.st.badge(dest)
	brand := m.st.Brand.Render("argos-migrate")
	full, host := dest.URL, hostOf(t.URL)
	long, short := m.keyInfo(true, 0), m.keyInfo(false, 0)

	layouts := []struct{ left, right string }{
		{brand + "  " + badge + " " + m.st.Dim.Render(full), long},
		{brand + "  " + badge + " " + m.st.Dim.Render(host), long},
		{badge + " " + m.st.Dim.Render(host), long},
		{badge + " " + m.st.Dim.Render(host), short},
	}
	line, branded := "", false
	for i, l := range layouts {
		if gap := w - lipgloss.Width(l.left) - lipgloss.Width(l.right); gap >= 2 {
			line, branded = l.left+strings.Repeat(" ", gap)+l.right, i < 2
			break
		}
	}
	if line == "" {
		// Cut the URL's tail; past a few cells, cut the profile's name too.
		room := w - lipgloss.Width(badge) - 1 - 2 - lipgloss.Width(short)
		if room < minHostCells {
			over := minHostCells - room
			short = m.keyInfo(false, max(lipgloss.Width(orDefault(m.target.Profile))-over, minHostCells))
			room = w - lipgloss.Width(badge) - 1 - 2 - lipgloss.Width(short)
		}
		left := badge + " " + m.st.Dim.Render(m.st.fit(host, max(room, 1)))
		line = m.st.fit(left+strings.Repeat(" ", max(w-lipgloss.Width(left)-lipgloss.Width(short), 2))+short, w)
	}
	return line, branded
}

// stepsLine is the header's second line: the steps, and on the right the
// standing states (drafts saved unencrypted) and, when the first line had
// no room for it, the brand; the brand gives way first.
func (m *model) stepsLine(branded bool) string {
	w := m.contentWidth()
	steps := m.st.Rule.Render(m.steps())
	var right []string
	if b := m.badges(); b != "" {
		right = append(right, b)
	}
	if !branded {
		right = append(right, m.st.Brand.Render("argos-migrate"))
	}
	for len(right) > 0 {
		r := strings.Join(right, "  ")
		if gap := w - lipgloss.Width(steps) - lipgloss.Width(r); gap >= 2 {
			return steps + strings.Repeat(" ", gap) + r
		}
		right = right[:len(right)-1]
	}
	return steps
}

// badges are the standing states of this run that the header keeps in
// sight. The Done screen shows none: the record is created.
func (m *model) badges() string {
	var b []string
	if n := len(m.ids); n > 0 && m.screen != screenResult {
		// After "start another": how many this run has created so far.
		b = append(b, m.st.Good.Render(m.st.G.Check+" "+i18n.T("wizard.header.created", n)))
	}
	if m.deps.Drafts.Unencrypted && m.screen != screenResult {
		b = append(b, m.st.Warn.Render("! "+i18n.T("wizard.header.drafts_unencrypted")))
	}
	return strings.Join(b, "  ")
}

// keyInfo is the key's side of the header: "profile acme · key abcd••••
// (keyring)" with labels, "acme · abcd•••• (keyring)" without, and the
// encrypted badge; a profile name longer than maxProfile cells (when above
// zero) is cut. The sandbox has no profile of its own.
func (m *model) keyInfo(labels bool, maxProfile int) string {
	t, dim := m.target, m.st.Dim.Render
	var b strings.Builder
	if !t.Sandbox {
		if labels {
			b.WriteString(dim(i18n.T("wizard.header.profile") + " "))
		}
		profile := orDefault(apiclient.Sanitize(t.Profile))
		if maxProfile > 0 {
			profile = m.st.fit(profile, maxProfile)
		}
		b.WriteString(profile + dim(" "+m.st.G.Dot+" "))
	}
	if t.MaskedKey == "" {
		b.WriteString(m.st.Warn.Render(i18n.T("wizard.header.no_key")))
	} else {
		if labels || t.Sandbox {
			b.WriteString(dim(i18n.T("wizard.header.key") + " "))
		}
		b.WriteString(t.MaskedKey)
		if t.KeySource != "" {
			b.WriteString(dim(" (" + keySourceWords(t.KeySource) + ")"))
		}
	}
	if t.Encrypted {
		b.WriteString(" " + m.st.Encrypted.Render(i18n.T("wizard.header.encrypted")))
	}
	return b.String()
}

// The sources of a key, as Target.KeySource gives them: codes, which the
// header says in the run's language.
const (
	KeySourceKeyring     = "keyring"
	KeySourceEnvironment = "environment"
	KeySourceSandbox     = "sandbox"
	KeySourceSession     = "this session"
)

// keySourceWords names a key's source for the header; a source the wizard
// does not know is shown as given, cleaned.
func keySourceWords(source string) string {
	switch source {
	case KeySourceKeyring:
		return i18n.T("wizard.header.source_keyring")
	case KeySourceEnvironment:
		return i18n.T("wizard.header.source_environment")
	case KeySourceSandbox:
		return i18n.T("wizard.header.source_sandbox")
	case KeySourceSession:
		return i18n.T("wizard.header.source_session")
	}
	return apiclient.Sanitize(source)
}
