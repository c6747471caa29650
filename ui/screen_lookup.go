package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// lookupDoneMsg carries the answer to lookup number seq.
type lookupDoneMsg struct {
	seq   int
	match apiclient.LookupMatch
	err   error
}

// lookupState is the duplicate check's part of the model.
type lookupState struct {
	seq     int
	running bool
	match   apiclient.LookupMatch // the answer, sorted into this record's entries and others
	err     error
	taken   string // the id of a found submission the agent took as this record
}

// needsLookup reports whether sending now could create a duplicate: the
// last submit (in this session or the draft's) had an unknown outcome.
func (m *model) needsLookup() bool {
	return m.mayExist || m.dr.outcome.Kind == draft.OutcomeUnknown
}

// submitOrLookup is the review's "s": it sends, or first looks the email up
// when the record may already exist.
func (m *model) submitOrLookup() tea.Cmd {
	if !m.needsLookup() {
		return m.startSubmit()
	}
	m.lk.seq++
	m.lk.running, m.lk.match, m.lk.err = true, apiclient.LookupMatch{}, nil
	seq, rec, lookup, ctx := m.lk.seq, *m.sub, m.deps.Lookup, m.ctx
	start := m.setScreen(screenLookup)
	return tea.Batch(start, func() tea.Msg {
		if lookup == nil {
			return lookupDoneMsg{seq: seq, err: apiclient.ErrNoLookup}
		}
		found, err := lookup(ctx, rec.Email)
		return lookupDoneMsg{seq: seq, match: apiclient.MatchFound(rec, found), err: err}
	})
}

// lookupDone shows what the lookup found; a late answer is dropped.
func (m *model) lookupDone(msg lookupDoneMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.lk.seq || m.screen != screenLookup {
		return m, nil
	}
	m.lk.running, m.lk.match, m.lk.err = false, msg.match, msg.err
	return m, nil
}

func (m *model) updateLookup(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !m.lk.running {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		switch {
		case !m.lk.running && len(m.lk.match.Matches) > 0 && key.Matches(msg, m.keys.ThatsOne):
			return m, m.takeFound()
		case !m.lk.running && key.Matches(msg, m.keys.SendAnyway):
			return m, m.startSubmit()
		case key.Matches(msg, m.keys.Back):
			return m, m.setScreen(screenReview)
		case key.Matches(msg, m.keys.QuitSoft):
			return m.quit()
		}
	}
	return m, nil
}

// takeFound ends a duplicate check that found the earlier submission and
// the agent says it is this record: its id is reported as if created now
// (on the result screen, and on stdout at the end) and the draft is cleared,
// as after a successful submit. Nothing is sent.
func (m *model) takeFound() tea.Cmd {
	f := m.lk.match.Taken()
	m.ids = append(m.ids, f.ID)
	m.lastID, m.lk.taken = f.ID, f.ID
	m.mayExist, m.notes = false, nil
	return tea.Batch(m.setScreen(screenResult), m.afterSubmit(f.ID, nil))
}

func (m *model) viewLookup() string {
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	email := apiclient.Sanitize(m.sub.Email)
	if m.lk.running {
		return "\n" + m.spin.View() + " " + i18n.T("wizard.lookup.looking", email) + m.st.G.Ellipsis
	}
	lines := []string{""}
	switch {
	case m.lk.err != nil:
		why := apiclient.LookupWhy(m.lk.err, *m.sub)
		lines = append(lines, m.st.Warn.Render(wrap.Render("! "+i18n.T("wizard.lookup.failed"))),
			m.st.Dim.Render(wrap.Render(why)), "",
			wrap.Render(i18n.T("wizard.lookup.check_dashboard", email)), "",
			m.st.Title.Render(i18n.T("wizard.lookup.send_anyway")))
	case len(m.lk.match.Matches) > 0:
		matches, taken := m.lk.match.Matches, m.lk.match.Taken()
		if len(matches) > 1 {
			lines = append(lines, m.st.Warn.Render(wrap.Render("! "+i18n.T("wizard.lookup.duplicates", len(matches)))))
		}
		for _, f := range matches {
			id := apiclient.Sanitize(f.ID)
			var line string
			switch {
			case len(matches) > 1 && f.CreatedAt.IsZero():
				line = "  " + m.st.G.Bullet + " " + i18n.T("wizard.lookup.item_unknown_time", id)
			case len(matches) > 1:
				line = "  " + m.st.G.Bullet + " " + i18n.T("wizard.lookup.item", draft.When(f.CreatedAt, m.now()), id)
			case f.CreatedAt.IsZero():
				line = "! " + i18n.T("wizard.lookup.found_unknown_time", id)
			default:
				line = "! " + i18n.T("wizard.lookup.found", draft.When(f.CreatedAt, m.now()), id)
			}
			lines = append(lines, m.st.Warn.Render(wrap.Render(line)))
		}
		that := i18n.T("wizard.lookup.take_it")
		if len(matches) > 1 {
			that = i18n.T("wizard.lookup.take_newest", apiclient.Sanitize(taken.ID))
		}
		lines = append(lines, "", wrap.Render(i18n.T("wizard.lookup.most_likely")), "",
			m.st.Title.Render(i18n.T("wizard.lookup.resubmit_anyway")),
			choice(m.st.Title.Render("t"), that, w),
			choice(m.st.Title.Render("y"), i18n.T("wizard.lookup.send_again"), w),
			choice(m.st.Title.Render("b"), i18n.T("wizard.lookup.back"), w))
		return strings.Join(lines, "\n")
	case m.lk.match.Others > 0:
		// The server answered with other people's submissions: it did not
		// filter as asked, so its answer says nothing about this record.
		lines = append(lines, m.st.Warn.Render(wrap.Render("! "+i18n.T("wizard.lookup.others", m.lk.match.Others))),
			"", wrap.Render(i18n.T("wizard.lookup.not_filtered")+" "+i18n.T("wizard.lookup.check_dashboard", email)), "",
			m.st.Title.Render(i18n.T("wizard.lookup.send_anyway")))
	default:
		lines = append(lines, m.st.Good.Render(i18n.T("wizard.lookup.none", email)), "",
			wrap.Render(i18n.T("wizard.lookup.not_created")), "")
		if m.target.Sandbox {
			lines = append(lines, m.st.Dim.Render(wrap.Render(i18n.T("wizard.lookup.sandbox_forgets"))), "")
		}
		lines = append(lines, m.st.Title.Render(i18n.T("wizard.lookup.send_now")))
	}
	lines = append(lines, m.st.Title.Render("y")+"  "+i18n.T("wizard.keys.send")+"   "+m.st.Title.Render("b")+"  "+i18n.T("wizard.lookup.back"))
	return strings.Join(lines, "\n")
}

// keysLookup are the keys of the lookup, in the order the footer shows them.
func (m *model) keysLookup() []key.Binding {
	k := m.keys
	if m.lk.running {
		return []key.Binding{k.Back, k.Quit}
	}
	if len(m.lk.match.Matches) > 0 {
		return []key.Binding{k.ThatsOne, k.SendAnyway, k.Back, k.QuitSoft}
	}
	return []key.Binding{k.SendAnyway, k.Back, k.QuitSoft}
}

// enterLookup opens the lookup screen: the form is let go and the spinner starts.
func (m *model) enterLookup() tea.Cmd {
	m.form = nil
	return m.spin.Tick
}

// choice is one answer of a question, "k  what it does", its words wrapped
// under themselves when the window is narrow.
func choice(k, what string, width int) string {
	lines := wrapWords(what, max(width-3, 10))
	for i := 1; i < len(lines); i++ {
		lines[i] = "   " + lines[i]
	}
	return k + "  " + strings.Join(lines, "\n")
}
