package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms"
	"argos-migrate/forms/draft"
)

// firstScreen picks where the wizard opens: the resume question when a
// draft was found, the draft itself with --resume, the review with --from,
// else the empty form.
func (m *model) firstScreen() tea.Cmd {
	m.startNotices(m.deps.Drafts.Notices)
	if m.offersImages() {
		return m.setScreen(screenImagesOffer) // first; then draftScreen
	}
	return m.draftScreen()
}

// draftScreen is where the wizard opens for the record.
func (m *model) draftScreen() tea.Cmd {
	o := m.deps.Drafts
	switch {
	case o.Found != nil && o.Resume:
		return m.resume()
	case o.Found != nil:
		return m.setScreen(screenResume)
	case o.StartAtReview:
		return m.setScreen(screenReview)
	}
	return m.setScreen(screenForm)
}

// resume loads the found draft: the field the server rejected, with its
// message, or the review.
func (m *model) resume() tea.Cmd {
	d := m.deps.Drafts.Found
	*m.sub = d.Submission
	m.dr.outcome = d.Outcome
	m.mayExist = d.Outcome.Kind == draft.OutcomeUnknown
	if d.Outcome.Kind == draft.OutcomeRejected && d.Outcome.Field != "" {
		m.notes = map[string]string{d.Outcome.Field: serverMessage(d.Outcome, d.Submission)}
		m.form = m.buildForm()
		cmd := m.setScreen(screenForm)
		m.dr.focus = d.Outcome.Field
		// The record had reached the review: once the field is fixed,
		// Enter goes back there.
		m.back = editReturn{on: true, key: d.Outcome.Field}
		return cmd
	}
	return m.setScreen(screenReview)
}

func (m *model) updateResume(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	store := m.deps.Drafts.Store
	confirm := m.dr.discard
	m.dr.discard = false
	switch {
	case key.Matches(k, m.keys.Resume):
		cmd := m.resume()
		return m, tea.Batch(cmd, m.applyFocus())
	case key.Matches(k, m.keys.StartEmpty):
		cmd := m.setScreen(screenForm)
		if store == nil {
			return m, cmd
		}
		return m, tea.Batch(cmd, func() tea.Msg {
			path, err := store.Backup()
			return draftBackedUpMsg{path: path, err: err}
		})
	case key.Matches(k, m.keys.Discard) && store != nil:
		if !confirm {
			m.dr.discard = true
			return m, nil
		}
		cmd := m.setScreen(screenForm)
		return m, tea.Batch(cmd, func() tea.Msg { return draftDiscardedMsg{err: store.Discard()} })
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// applyFocus moves the form's focus to the field a resume asked for, once
// the form has been built and started.
func (m *model) applyFocus() tea.Cmd {
	if m.dr.focus != "" && m.form != nil {
		forms.Focus(m.form, m.dr.focus)
		m.dr.focus = ""
	}
	return nil
}

func (m *model) viewResume() string {
	d := m.deps.Drafts.Found
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	labels := []string{i18n.T("wizard.resume.record"), i18n.T("wizard.resume.profile"), i18n.T("wizard.resume.api"), i18n.T("wizard.resume.last_try")}
	label := labelColumn(m.st, labels)
	lines := []string{"", m.st.Title.Render(wrap.Render(i18n.T("wizard.resume.question", draft.When(d.SavedAt, m.now())))), "",
		label(labels[0]) + recordName(d.Submission),
		label(labels[1]) + apiclient.Sanitize(d.Profile)}
	switch {
	case m.target.Sandbox:
		// A --sandbox run opens only sandbox drafts, and the sandbox's
		// port is new every run: the URLs differ and it does not matter.
		lines = append(lines, label(labels[2])+i18n.T("wizard.submitting.the_sandbox"))
	case d.APIURL != "":
		where := apiclient.Sanitize(d.APIURL)
		if d.APIURL != m.target.URL {
			where += m.st.Warn.Render("  " + i18n.T("wizard.resume.other_url", apiclient.Sanitize(m.target.URL)))
		}
		lines = append(lines, label(labels[2])+where)
	}
	if last := lastTry(d.Outcome, d.Submission); last != "" {
		lines = append(lines, label(labels[3])+last)
	}
	if d.Outcome.Kind == draft.OutcomeUnknown {
		lines = append(lines, "", m.st.Warn.Render(wrap.Render("! "+i18n.T("wizard.resume.may_exist"))))
	}
	resumeTo := i18n.T("wizard.resume.opens_review")
	if d.Outcome.Kind == draft.OutcomeRejected && d.Outcome.Field != "" {
		resumeTo = i18n.T("wizard.resume.opens_field", apiclient.Label(d.Outcome.Field))
	}
	choices := [][3]string{
		{"r", i18n.T("wizard.keys.resume"), resumeTo},
		{"n", i18n.T("wizard.keys.start_empty"), i18n.T("wizard.resume.start_empty")},
	}
	if m.deps.Drafts.Store != nil {
		choices = append(choices, [3]string{"d", i18n.T("wizard.keys.discard"), i18n.T("wizard.resume.discard")})
	}
	lines = append(lines, "")
	lines = append(lines, m.choiceRows(choices, w)...)
	if m.dr.discard {
		lines = append(lines, "", m.st.Warn.Render(wrap.Render(i18n.T("wizard.resume.discard_again"))))
	}
	return strings.Join(lines, "\n")
}

// labelColumn returns a function that draws a label of labels dimmed and
// padded to the widest of them and a gap: the values after it line up, in
// cells, whatever the language.
func labelColumn(st styles, labels []string) func(string) string {
	w := 0
	for _, l := range labels {
		w = max(w, ansi.StringWidth(l))
	}
	return func(s string) string { return st.Dim.Render(padRight(s, w+1)) }
}

// choiceRows lays out the answers of a question, one a row: the key, its
// name in a column as wide as the widest name, and what it does, wrapped
// under itself.
func (m *model) choiceRows(choices [][3]string, w int) []string {
	nameW := 0
	for _, c := range choices {
		nameW = max(nameW, ansi.StringWidth(c[1]))
	}
	rows := make([]string, len(choices))
	for i, c := range choices {
		left := m.st.Title.Render(c[0]) + "  " + padRight(c[1], nameW+2)
		rows[i] = lipgloss.JoinHorizontal(lipgloss.Top, left,
			m.st.Dim.Render(lipgloss.NewStyle().Width(max(w-lipgloss.Width(left), 10)).Render(c[2])))
	}
	return rows
}

// recordName names a draft's record by its person: "홍길동 <m@sample.com>",
// either part alone, or that it has neither yet.
func recordName(s apiclient.Submission) string {
	name, email := apiclient.Sanitize(strings.TrimSpace(s.FullName)), apiclient.Sanitize(strings.TrimSpace(s.Email))
	switch {
	case name != "" && email != "":
		return name + " <" + email + ">"
	case name != "":
		return name
	case email != "":
		return "<" + email + ">"
	}
	return i18n.T("wizard.resume.no_name")
}

// outcomeFailure reads a draft's last outcome through the failure policy,
// as the error screen read it when it happened.
func outcomeFailure(o draft.Outcome, rec apiclient.Submission) (apiclient.Failure, bool) {
	err, ok := o.Cause()
	if !ok {
		return apiclient.Failure{}, false
	}
	return apiclient.Classify(err, rec), true
}

// lastTry says what happened to the draft's last submit in the failure
// policy's words, with the server's code: "The admin account was refused
// (invalid_admin)".
func lastTry(o draft.Outcome, rec apiclient.Submission) string {
	f, ok := outcomeFailure(o, rec)
	if !ok {
		return ""
	}
	s := f.Title
	if f.Code != "" {
		s += " (" + apiclient.Sanitize(f.Code) + ")"
	}
	return s
}

// serverMessage is what the server said about the field it refused, for
// the note beside it: the draft keeps the policy's detail ("HTTP 400
// invalid_admin: Invalid admin."), of which the server's own words are the
// part after the status and code; without them, the policy's explanation.
func serverMessage(o draft.Outcome, rec apiclient.Submission) string {
	msg := strings.TrimSpace(o.Message)
	prefix := fmt.Sprintf("HTTP %d", o.Status)
	if o.Code != "" {
		prefix += " " + o.Code
	}
	if rest, ok := strings.CutPrefix(msg, prefix+": "); ok && o.Status != 0 {
		return rest
	}
	if msg != "" && !strings.HasPrefix(msg, "HTTP ") {
		return msg // a draft of an older version kept the server's words
	}
	if f, ok := outcomeFailure(o, rec); ok {
		return f.Explain
	}
	return o.Code
}

// keysResume are the keys of the resume question, in the order the footer shows them.
func (m *model) keysResume() []key.Binding {
	k := m.keys
	b := []key.Binding{k.Resume, k.StartEmpty}
	if m.deps.Drafts.Store != nil {
		b = append(b, k.Discard)
	}
	return append(b, k.QuitSoft)
}
