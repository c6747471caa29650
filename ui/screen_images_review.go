package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
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
	case m.uploadProblems() == nil && key.Matches(k, imageKeys.Send):
		return m, m.startAttach()
	case key.Matches(k, imageKeys.Edit):
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
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	label := func(s string) string { return m.st.Label.Render(fmt.Sprintf("%-*s", slotWidth, s)) }
	where := apiclient.Sanitize(m.target.URL)
	if m.target.Sandbox {
		where = "the sandbox"
	}
	lines := []string{"", m.st.Title.Render("Review the images. Nothing has been sent yet."), "",
		label("Submission") + ansi.Truncate(apiclient.Sanitize(u.SubmissionID)+m.st.Dim.Render(" for "+apiclient.Sanitize(m.im.last.Email)), w-slotWidth, "…"),
		label("Admin") + apiclient.Sanitize(u.Admin)}
	if u.IDType != "" {
		lines = append(lines, label("ID type")+idTypeWords(u.IDType))
	}
	lines = append(lines, label("API")+ansi.Truncate(where, w-slotWidth, "…"), "")
	var size int64
	for _, p := range u.Parts() {
		f := p.File
		size += f.Size
		row := label(p.Kind.Label()) + ansi.Truncate(fmt.Sprintf("%s  %s  %s", f.Name(), f.TypeName(), apiclient.ByteSize(f.Size)), w-slotWidth, "…")
		lines = append(lines, row)
		if f.Large() {
			lines = append(lines, strings.Repeat(" ", slotWidth)+m.st.Warn.Render(ansi.Truncate("! above "+apiclient.ByteSize(apiclient.LargeImageBytes)+
				" (ARGOS recommends less); sent all the same", w-slotWidth, "…")))
		}
	}
	var sent int64
	for _, p := range u.Parts() {
		sent += p.File.EncodedSize()
	}
	lines = append(lines, "", wrap.Render(fmt.Sprintf("%s, %s (%s as sent, in base64). Each replaces the image of its kind the submission may hold; the others stay as they are.",
		countOf(len(u.Parts()), "image"), apiclient.ByteSize(size), apiclient.ByteSize(sent))))
	if m.target.Encrypted {
		lines = append(lines, m.st.Dim.Render(wrap.Render("This profile has secure data transmission on; ARGOS does not document it for images, "+
			"so they are sent as its image page describes them, unencrypted (over TLS on https).")))
	}
	if probs := m.uploadProblems(); probs != nil {
		lines = append(lines, "")
		for _, p := range probs {
			lines = append(lines, m.st.Invalid.Render(wrap.Render("✗ "+apiclient.Sanitize(p.Error()))))
		}
		lines = append(lines, wrap.Render("Press b to change the files or the ID type."))
	} else {
		lines = append(lines, "", wrap.Render(m.st.Title.Render("Press s to send")+" the images to "+where+"."))
	}
	return strings.Join(lines, "\n")
}

// keysImagesReview are the review's keys, in the order the footer shows them.
func (m *model) keysImagesReview() []key.Binding {
	var b []key.Binding
	if m.uploadProblems() == nil {
		b = append(b, imageKeys.Send)
	}
	return append(b, imageKeys.Edit, m.keys.QuitSoft)
}
