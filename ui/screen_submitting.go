package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// submitDoneMsg carries the answer to submit number seq.
type submitDoneMsg struct {
	seq int
	id  string
	err error
}

// startSubmit sends a copy of the record in a tea.Cmd; the answer comes back
// as a submitDoneMsg.
func (m *model) startSubmit() tea.Cmd {
	m.seq++
	seq, rec, submit := m.seq, *m.sub, m.deps.Submit
	ctx, cancel := context.WithCancel(m.ctx)
	m.cancel = cancel
	// Until the answer comes, a draft must say the record may exist.
	m.dr.outcome = endedWhileSending(m.now())
	save := m.saveBeforeSend()
	start := m.setScreen(screenSubmitting)
	return tea.Batch(start, func() tea.Msg {
		save(ctx)
		id, err := submit(ctx, rec)
		return submitDoneMsg{seq: seq, id: id, err: err}
	})
}

// submitDone handles an answer; one for a submit the agent has moved on from
// (another screen, or an older attempt) is dropped.
func (m *model) submitDone(msg submitDoneMsg) (tea.Model, tea.Cmd) {
	current := msg.seq == m.seq && m.screen == screenSubmitting
	if msg.err == nil && !current {
		// A created record is never dropped, even after the agent has moved
		// on: its id still reaches stdout and the draft is cleared.
		m.ids = append(m.ids, msg.id)
		m.lastID = msg.id
		return m, m.afterSubmit(msg.id, nil)
	}
	if !current {
		return m, nil // a failure of an attempt the agent has left behind
	}
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	if msg.err == nil {
		m.ids = append(m.ids, msg.id)
		m.lastID = msg.id
		m.mayExist = false
		m.notes = nil
		return m, tea.Batch(m.setScreen(screenResult), m.afterSubmit(msg.id, nil))
	}
	m.showError(msg.err)
	return m, tea.Batch(m.setScreen(screenError), m.afterSubmit("", msg.err))
}

func (m *model) updateSubmitting(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Cancel) && !m.cancelling && m.cancel != nil {
			m.cancelling = true
			m.cancel() // the answer (a cancellation error) arrives as submitDoneMsg
		}
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *model) viewSubmitting() string {
	elapsed := m.st.Dim.Render(m.now().Sub(m.started).Truncate(100 * time.Millisecond).String())
	email := apiclient.Sanitize(m.sub.Email)
	line := m.spin.View() + " " + i18n.T("wizard.submitting.sending", email, m.sendingTo()) + m.st.G.Ellipsis + " " + elapsed
	if m.cancelling {
		line = m.spin.View() + " " + i18n.T("wizard.submitting.cancelling") + m.st.G.Ellipsis + " " + elapsed
	}
	wrap := lipgloss.NewStyle().Width(min(m.contentWidth(), 90))
	return "\n" + wrap.Render(line) + "\n\n" +
		m.st.Dim.Render(wrap.Render(i18n.T("wizard.submitting.stop")))
}

// sendingTo names where a send goes, for the sending screens: the URL, or
// the sandbox.
func (m *model) sendingTo() string {
	if m.target.Sandbox {
		return i18n.T("wizard.submitting.the_sandbox")
	}
	return apiclient.Sanitize(m.target.URL)
}

// keysSubmitting are the keys while sending, in the order the footer shows them.
func (m *model) keysSubmitting() []key.Binding {
	k := m.keys
	return []key.Binding{k.Cancel, k.Quit}
}

// enterSubmitting opens the sending screen: its clock and spinner start.
func (m *model) enterSubmitting() tea.Cmd {
	m.started = m.now()
	m.cancelling = false
	return m.spin.Tick
}
