package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// attachDoneMsg carries the answer to send number seq.
type attachDoneMsg struct {
	seq int
	err error
}

// errWhileAttaching is the outcome kept while the images are out: if the
// program dies then, the next run still offers them. The draft keeps its
// words (draft show prints them), in the run's language.
func errWhileAttaching() error {
	return &apiclient.ImageError{Err: fmt.Errorf("%w: %s", apiclient.ErrOutcomeUnknown, i18n.T("wizard_images.sending.ended"))}
}

// startAttach sends the images in a command; the answer comes back as an
// attachDoneMsg. Right before, the images are kept with the last success
// as "being sent".
func (m *model) startAttach() tea.Cmd {
	im := &m.im
	im.seq++
	seq, u, attach := im.seq, m.upload(), m.deps.Attach
	ctx, cancel := context.WithCancel(m.ctx)
	im.cancel = cancel
	sending := draft.OutcomeOf(errWhileAttaching(), apiclient.Submission{}, m.now())
	keep := m.keepImages(&sending)
	start := m.setScreen(screenImagesSending)
	return tea.Batch(start, func() tea.Msg {
		if keep != nil {
			keep() // before the images leave, as a record's draft is saved
		}
		return attachDoneMsg{seq: seq, err: attach(ctx, u)}
	})
}

// attachDone handles the answer: attached, the flow goes back where it
// came from and says so; a file that changed is refused in its slot; any
// other failure opens the error screen, and the images stay kept for the
// next run.
func (m *model) attachDone(msg attachDoneMsg) (tea.Model, tea.Cmd) {
	im := &m.im
	if msg.seq != im.seq || m.screen != screenImagesSending {
		return m, nil
	}
	if im.cancel != nil {
		im.cancel()
		im.cancel = nil
	}
	var ce *apiclient.ImageCheckError
	switch {
	case msg.err == nil:
		var names []string
		for i, f := range im.files {
			if f != nil {
				names = append(names, f.Name())
				im.files[i], im.paths[i], im.problems[i] = nil, "", ""
			}
		}
		im.attached = strings.Join(names, ", ")
		im.sends++
		return m, tea.Batch(m.keepImages(&draft.Outcome{}), m.setScreen(im.home))
	case errors.As(msg.err, &ce):
		// Nothing was sent: a file is no longer the one checked.
		for _, p := range ce.Problems {
			for i, k := range apiclient.ImageKinds {
				if p.Field == string(k) {
					im.files[i], im.problems[i], im.cursor = nil, apiclient.Sanitize(p.Message), i
				}
			}
		}
		return m, tea.Batch(m.keepImages(nil), m.setScreen(screenImages))
	}
	im.fail = apiclient.Classify(msg.err, apiclient.Submission{})
	outcome := draft.OutcomeOf(msg.err, apiclient.Submission{}, m.now())
	return m, tea.Batch(m.keepImages(&outcome), m.setScreen(screenImagesError))
}

func (m *model) updateImagesSending(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, m.imgKeys.Cancel) && !m.im.cancelling && m.im.cancel != nil {
			m.im.cancelling = true
			m.im.cancel() // the answer (a cancellation) arrives as attachDoneMsg
		}
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *model) viewImagesSending() string {
	elapsed := m.st.Dim.Render(m.now().Sub(m.im.started).Truncate(100 * time.Millisecond).String())
	n, size := m.chosen()
	line := m.spin.View() + " " + i18n.T("wizard_images.sending.sending", n, apiclient.ByteSize(size), m.sendingTo()) + m.st.G.Ellipsis + " " + elapsed
	if m.im.cancelling {
		line = m.spin.View() + " " + i18n.T("wizard.submitting.cancelling") + m.st.G.Ellipsis + " " + elapsed
	}
	wrap := lipgloss.NewStyle().Width(min(m.contentWidth(), 90))
	return "\n" + wrap.Render(line) + "\n\n" +
		m.st.Dim.Render(wrap.Render(i18n.T("wizard_images.sending.stop")))
}

// keysImagesSending are the keys while sending.
func (m *model) keysImagesSending() []key.Binding {
	return []key.Binding{m.imgKeys.Cancel, m.keys.Quit}
}

// enterImagesSending starts the clock and the spinner.
func (m *model) enterImagesSending() tea.Cmd {
	m.im.started = m.now()
	m.im.cancelling = false
	return m.spin.Tick
}
