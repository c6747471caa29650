package ui

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// The offer at start: a record created by an earlier run waits for its
// images ("record created, images failed", kept with the last success).
// It comes before the draft question; attaching, leaving them for later or
// dismissing them, the wizard then goes on where it would have opened.

// imagesRecheckedMsg carries the files kept from an earlier run, checked
// again: a file may have moved or changed since.
type imagesRecheckedMsg struct {
	files    []*apiclient.ImageFile
	problems []string
}

// offersImages reports whether the wizard opens on the offer.
func (m *model) offersImages() bool {
	p := m.deps.Drafts.Pending
	return p != nil && p.ImagesPending() && m.deps.Attach != nil
}

// enterImagesOffer prepares the offer the first time it opens.
func (m *model) enterImagesOffer() tea.Cmd {
	if m.im.last == nil {
		last := *m.deps.Drafts.Pending
		m.im = newImagesState(&last, screenImagesOffer)
		for i, k := range apiclient.ImageKinds {
			m.im.paths[i] = last.ImagePaths()[k]
		}
	}
	return nil
}

// recheck checks the kept files again, in a command, and opens the slots.
func (m *model) recheck() tea.Cmd {
	m.im.checking = true
	paths := append([]string(nil), m.im.paths...)
	open := m.setScreen(screenImages)
	return tea.Batch(open, func() tea.Msg {
		msg := imagesRecheckedMsg{files: make([]*apiclient.ImageFile, numKinds), problems: make([]string, numKinds)}
		for i, p := range paths {
			if p == "" {
				continue
			}
			f, err := apiclient.CheckImageFile(apiclient.ImageKinds[i], p)
			if err != nil {
				msg.problems[i] = problemWords(err)
				continue
			}
			msg.files[i] = f
		}
		return msg
	})
}

// rechecked fills the slots with the files that passed.
func (m *model) rechecked(msg imagesRecheckedMsg) (tea.Model, tea.Cmd) {
	im := &m.im
	im.checking = false
	for i := range numKinds {
		if im.paths[i] == "" {
			continue
		}
		im.files[i], im.problems[i] = msg.files[i], msg.problems[i]
		if msg.files[i] != nil && im.dir == "" {
			im.dir = filepath.Dir(im.paths[i])
		}
	}
	return m, m.enterImages()
}

func (m *model) updateImagesOffer(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	pending := len(m.pendingPaths()) > 0
	switch {
	case pending && key.Matches(k, m.imgKeys.AttachNow):
		return m, m.recheck()
	case pending && key.Matches(k, m.imgKeys.Later):
		return m, m.afterOffer()
	case pending && key.Matches(k, m.imgKeys.Dismiss):
		for i := range numKinds {
			m.im.files[i], m.im.paths[i], m.im.problems[i] = nil, "", ""
		}
		m.note(i18n.T("wizard_images.offer.dismissed", apiclient.Sanitize(m.im.last.ID)))
		return m, tea.Batch(m.keepImages(&draft.Outcome{}), m.afterOffer())
	case !pending && key.Matches(k, m.imgKeys.Continue):
		return m, m.afterOffer()
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// afterOffer opens what the wizard would have opened without the offer.
func (m *model) afterOffer() tea.Cmd {
	cmd := m.draftScreen()
	return tea.Batch(cmd, m.applyFocus())
}

func (m *model) viewImagesOffer() string {
	l := m.im.last
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	labels := []string{i18n.T("wizard.resume.record"), i18n.T("wizard_images.offer.images"), i18n.T("wizard.resume.last_try"), i18n.T("wizard.resume.api")}
	label := labelColumn(m.st, labels)
	id := apiclient.Sanitize(l.ID)
	lines := []string{""}
	if m.im.attached != "" {
		lines = append(lines, m.st.Good.Render(wrap.Render(m.st.G.Check+" "+i18n.T("wizard_images.offer.attached", m.im.attached, id))), "")
	}
	if len(m.pendingPaths()) == 0 {
		return strings.Join(append(lines, wrap.Render(m.nextWords())), "\n")
	}
	lines = append(lines, m.st.Title.Render(wrap.Render(i18n.T("wizard_images.offer.title", id))), "",
		label(labels[0])+apiclient.Sanitize(l.Email)+m.st.Dim.Render(", "+i18n.T("wizard_images.slots.created", draft.When(l.At, m.now()))))
	var names []string
	for i, k := range apiclient.ImageKinds {
		if p := m.im.paths[i]; p != "" {
			names = append(names, k.Label()+": "+apiclient.Sanitize(filepath.Base(p)))
		}
	}
	indent := lipgloss.Width(label(labels[1]))
	lines = append(lines, label(labels[1])+lipgloss.NewStyle().Width(max(w-indent, 10)).Render(strings.Join(names, " "+m.st.G.Dot+" ")))
	if last := l.ImagesLastTry(); last != "" {
		lines = append(lines, label(labels[2])+last)
	}
	switch {
	case m.target.Sandbox:
	case l.APIURL != "" && l.APIURL != m.target.URL:
		lines = append(lines, label(labels[3])+apiclient.Sanitize(l.APIURL)+m.st.Warn.Render("  "+i18n.T("wizard.resume.other_url", apiclient.Sanitize(m.target.URL))))
	case l.APIURL != "":
		lines = append(lines, label(labels[3])+apiclient.Sanitize(l.APIURL))
	}
	lines = append(lines, "")
	lines = append(lines, m.choiceRows([][3]string{
		{"a", i18n.T("wizard_images.keys.attach_now"), i18n.T("wizard_images.offer.attach_means")},
		{"l", i18n.T("wizard_images.keys.later"), i18n.T("wizard_images.offer.later_means")},
		{"d", i18n.T("wizard_images.keys.dismiss"), i18n.T("wizard_images.offer.dismiss_means")},
	}, w)...)
	return strings.Join(lines, "\n")
}

// nextWords says where enter goes after the offer.
func (m *model) nextWords() string {
	o := m.deps.Drafts
	switch {
	case o.Found != nil && o.Resume:
		return i18n.T("wizard_images.offer.next_draft")
	case o.Found != nil:
		return i18n.T("wizard_images.offer.next_question")
	case o.StartAtReview:
		return i18n.T("wizard_images.offer.next_file")
	}
	return i18n.T("wizard_images.offer.next_new")
}

// keysImagesOffer are the offer's keys, in the order the footer shows them.
func (m *model) keysImagesOffer() []key.Binding {
	k := m.imgKeys
	if len(m.pendingPaths()) == 0 {
		return []key.Binding{k.Continue, m.keys.QuitSoft}
	}
	return []key.Binding{k.AttachNow, k.Later, k.Dismiss, m.keys.QuitSoft}
}
