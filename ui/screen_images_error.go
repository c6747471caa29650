package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// The error screen of the images reads the failure through the one policy
// (apiclient.Classify of the *ImageError), as the record's does, and
// offers what it allows: another file for the image to blame, another ID
// type, or the same images again when that is safe (Retryable). The record
// exists whatever happened: the screen says so first.

// blamedSlot is the slot of the image the failure points at, as the
// policy says it (Failure.Image), -1 when none.
func (m *model) blamedSlot() int {
	return slices.Index(apiclient.ImageKinds, m.im.fail.Image)
}

func (m *model) updateImagesError(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	f := m.im.fail
	switch {
	case m.blamedSlot() >= 0 && key.Matches(k, m.imgKeys.Another):
		return m, m.openPicker(m.blamedSlot())
	case f.Field == apiclient.ImageFieldIDType && key.Matches(k, m.imgKeys.IDType):
		m.im.cursor = numKinds
		return m, m.setScreen(screenImages)
	case f.Retryable() && key.Matches(k, m.imgKeys.Retry):
		return m, m.startAttach()
	case key.Matches(k, m.imgKeys.Files):
		return m, m.setScreen(screenImages)
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

func (m *model) viewImagesError() string {
	f := m.im.fail
	explain := i18n.T("wizard_images.error.record_exists", apiclient.Sanitize(m.im.last.ID)) + " " + f.Explain
	return m.failureView(f, explain, f.MayExist(), m.imagesNextStep())
}

// imagesNextStep is what the agent can do about the failure, by the keys
// that do it, and where the images wait if the agent leaves.
func (m *model) imagesNextStep() string {
	f := m.im.fail
	var s string
	switch {
	case m.blamedSlot() >= 0 && f.Reason == apiclient.ReasonTooLarge:
		s = i18n.T("wizard_images.error.next_smaller", apiclient.LowerFirst(slotLabel(m.blamedSlot())))
	case m.blamedSlot() >= 0:
		s = i18n.T("wizard_images.error.next_another", apiclient.LowerFirst(slotLabel(m.blamedSlot())))
	case f.Field == apiclient.ImageFieldIDType:
		s = i18n.T("wizard_images.error.next_id_type")
	case f.Reason == apiclient.ReasonUnreachable:
		s = i18n.T("wizard_images.error.next_unreachable")
	case f.Retryable():
		s = i18n.T("wizard_images.error.next_retry")
	case f.KeyRefused(), f.Reason == apiclient.ReasonWrongURL, f.Reason == apiclient.ReasonRedirect:
		s = i18n.T("wizard_images.error.next_check")
	case f.Field == apiclient.ImageFieldSubmissionID:
		s = i18n.T("wizard_images.error.next_project")
	default:
		s = i18n.T("wizard_images.error.next_back")
	}
	if m.deps.Drafts.Store != nil && !m.target.Sandbox {
		// (The built-in sandbox ends with the run, and the record with it.)
		s += " " + i18n.T("wizard_images.error.kept")
	}
	return s
}

// keysImagesError are the error screen's keys, in the order the footer
// shows them.
func (m *model) keysImagesError() []key.Binding {
	k := m.imgKeys
	var b []key.Binding
	if slot := m.blamedSlot(); slot >= 0 {
		another := k.Another
		another.SetHelp("f", i18n.T("wizard_images.keys.another_slot", apiclient.LowerFirst(slotLabel(slot))))
		b = append(b, another)
	}
	if m.im.fail.Field == apiclient.ImageFieldIDType {
		b = append(b, k.IDType)
	}
	if m.im.fail.Retryable() {
		b = append(b, k.Retry)
	}
	return append(b, k.Files, m.keys.QuitSoft)
}
