package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// The review of the images says what the send carries, in words: the
// submission, the admin, the ID type and each file by name, type and size.
// Never the images themselves.

func (m *model) updateImagesReview(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.uploadProblems() == nil && key.Matches(k, m.imgKeys.Send):
		return m, m.startAttach()
	case key.Matches(k, m.imgKeys.Edit):
		return m, m.setScreen(screenImages)
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// uploadProblems are the image call's rules the upload breaks (an ID image
// without an ID type, say); nil when it can be sent.
func (m *model) uploadProblems() []*apiclient.ImageProblem {
	var ce *apiclient.ImageCheckError
	if err := m.upload().Check(); errors.As(err, &ce) {
		return ce.Problems
	}
	return nil
}

func (m *model) viewImagesReview() string {
	u := m.upload()
	g := m.st.G
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	labels := []string{i18n.T("wizard_images.review.submission"), i18n.T("wizard_images.review.admin"),
		i18n.T("wizard_images.slots.id_type"), i18n.T("wizard_images.review.api")}
	col := slotColumn()
	for _, l := range labels {
		col = max(col, ansi.StringWidth(l)+3)
	}
	label := func(s string) string { return m.st.Label.Render(padRight(s, col)) }
	where := m.sendingTo()
	lines := []string{"", m.st.Title.Render(i18n.T("wizard_images.review.title")), "",
		label(labels[0]) + m.st.fit(apiclient.Sanitize(u.SubmissionID)+m.st.Dim.Render(" "+i18n.T("wizard.result.for", apiclient.Sanitize(m.im.last.Email))), w-col),
		label(labels[1]) + apiclient.Sanitize(u.Admin)}
	if u.IDType != "" {
		lines = append(lines, label(labels[2])+idTypeWords(u.IDType))
	}
	lines = append(lines, label(labels[3])+m.st.fit(where, w-col), "")
	var size int64
	for _, p := range u.Parts() {
		f := p.File
		size += f.Size
		row := label(p.Kind.Label()) + m.st.fit(m.fileWords(f, "  ", w-col), w-col)
		lines = append(lines, row)
		if f.Large() {
			lines = append(lines, strings.Repeat(" ", col)+m.st.Warn.Render(m.st.fit("! "+i18n.T("wizard_images.review.large", apiclient.ByteSize(apiclient.LargeImageBytes)), w-col)))
		}
	}
	var sent int64
	for _, p := range u.Parts() {
		sent += p.File.EncodedSize()
	}
	lines = append(lines, "", wrap.Render(i18n.T("wizard_images.review.summary", len(u.Parts()), apiclient.ByteSize(size), apiclient.ByteSize(sent))))
	if m.target.Encrypted {
		lines = append(lines, m.st.Dim.Render(wrap.Render(i18n.T("wizard_images.review.unencrypted"))))
	}
	if probs := m.uploadProblems(); probs != nil {
		lines = append(lines, "")
		for _, p := range probs {
			lines = append(lines, m.st.Invalid.Render(wrap.Render(g.Cross+" "+apiclient.Sanitize(i18n.Text(p)))))
		}
		lines = append(lines, wrap.Render(i18n.T("wizard_images.review.change")))
	} else {
		lines = append(lines, "", wrap.Render(m.st.Title.Render(i18n.T("wizard_images.review.press_s"))+" "+i18n.T("wizard_images.review.to", where)))
	}
	return strings.Join(lines, "\n")
}

// keysImagesReview are the review's keys, in the order the footer shows them.
func (m *model) keysImagesReview() []key.Binding {
	var b []key.Binding
	if m.uploadProblems() == nil {
		b = append(b, m.imgKeys.Send)
	}
	return append(b, m.imgKeys.Edit, m.keys.QuitSoft)
}
