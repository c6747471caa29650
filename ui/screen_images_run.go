package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// How the image screens fit in the run: their messages, the result screen's
// lines about them, the breadcrumb, the final save and what Run reports.

// ImagesOutcome is what a run did about images.
type ImagesOutcome struct {
	// Attached counts the sends that attached images in this run.
	Attached int
	// PendingID is the record whose images were chosen and not attached
	// when the run ended, "" when none; Kept says they are kept with its
	// last success, so that the next run offers them.
	PendingID string
	Kept      bool
}

// imagesMsg is every message of the image screens that must reach them
// whatever screen is open; Update routes them to updateImagesMsg.
type imagesMsg interface{ imagesMsg() }

func (attachDoneMsg) imagesMsg()      {}
func (imagesRecheckedMsg) imagesMsg() {}
func (imagesKeptMsg) imagesMsg()      {}

func (m *model) updateImagesMsg(msg imagesMsg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case attachDoneMsg:
		return m.attachDone(msg)
	case imagesRecheckedMsg:
		if m.screen != screenImages || !m.im.checking {
			return m, nil
		}
		return m.rechecked(msg)
	case imagesKeptMsg:
		if msg.err != nil {
			m.addNotice(i18n.T("wizard_images.notice.not_kept", apiclient.Sanitize(i18n.Text(msg.err))), warnLevel)
		}
	}
	return m, nil
}

// imagesOutcome is what Run reports about images.
func (m *model) imagesOutcome() ImagesOutcome {
	o := ImagesOutcome{Attached: m.im.sends}
	if m.im.last != nil && m.im.paths != nil && len(m.pendingPaths()) > 0 && m.imagesStillLast() {
		o.PendingID = m.im.last.ID
		o.Kept = m.deps.Drafts.Store != nil
	}
	return o
}

// imagesStillLast reports whether the images' record is still the last one
// created: a record created since replaced it as the last success.
func (m *model) imagesStillLast() bool {
	return len(m.ids) == 0 || m.im.last.ID == m.ids[len(m.ids)-1]
}

// finalImages keeps, once the program has ended, the images chosen and not
// attached with their record's last success (finalClear writes it too when
// the record was created in this run and nothing newer was typed).
func (m *model) finalImages(ctx context.Context) {
	if m.im.last == nil || !m.im.touched || !m.imagesStillLast() {
		return
	}
	m.syncImages()
	if m.im.last == m.dr.last && m.dr.cleared && !m.worthSaving() {
		return // finalClear writes it
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalSaveTimeout)
	defer cancel()
	_ = m.deps.Drafts.Store.SaveSuccess(ctx, *m.im.last)
}

// onImageScreen reports whether one of the image screens is open.
func (m *model) onImageScreen() bool {
	return m.screen >= screenImages && m.screen <= screenImagesOffer
}

// imagesSteps is the breadcrumb of the image screens: after Done for the
// record just created, alone for the offer at start.
func (m *model) imagesSteps() (string, bool) {
	if !m.onImageScreen() {
		return "", false
	}
	images := m.st.Title.Render(i18n.T("wizard_images.steps.images"))
	if m.im.home == screenImagesOffer {
		return i18n.T("wizard_images.steps.earlier") + stepSep + images, true
	}
	return strings.Join([]string{i18n.T("wizard.steps.fill"), i18n.T("wizard.steps.review"), i18n.T("wizard.steps.submit"),
		i18n.T("wizard.steps.done"), images}, stepSep), true
}

// resultImagesLines are the result screen's lines about images: what was
// attached, what waits, and the offer.
func (m *model) resultImagesLines() []string {
	if !m.canAttach() {
		return nil
	}
	wrap := lipgloss.NewStyle().Width(min(m.contentWidth(), 90))
	mine := m.im.last != nil && m.im.last.ID == m.lastID
	var lines []string
	if mine && m.im.attached != "" {
		lines = append(lines, m.st.Good.Render(wrap.Render(m.st.G.Check+" "+i18n.T("wizard_images.result.attached", m.im.attached))))
	}
	if n := len(m.pendingPaths()); mine && n > 0 {
		lines = append(lines, m.st.Warn.Render(wrap.Render("! "+i18n.T("wizard_images.result.pending", n))))
	} else if !mine || m.im.attached == "" {
		lines = append(lines, m.st.Dim.Render(wrap.Render(i18n.T("wizard_images.result.offer"))))
	}
	return append([]string{""}, lines...)
}
