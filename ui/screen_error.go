package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// showError prepares the error screen for a failed submit: the failure
// policy says what it means, what the agent can fix, and whether the record
// may exist.
func (m *model) showError(err error) {
	m.err = err
	m.fail = apiclient.Classify(err, *m.sub)
	m.mayExist = m.fail.MayExist()
	if m.fail.Reason == apiclient.ReasonEncryption || m.fail.Encryption != apiclient.EncryptionOK {
		m.encRefused[encIndex(m.target.Encrypted)] = true
	}
	if m.fail.Field != "" {
		// The form labels notes as the server's; the message goes in as is.
		m.notes = map[string]string{m.fail.Field: m.fail.Note}
	}
}

// canRetry reports whether sending again cannot create a duplicate: the
// request never reached the server, or the server asked to slow down.
func (m *model) canRetry() bool {
	return m.err != nil && !m.mayExist && m.fail.Retryable()
}

// offerNewKey reports whether the error is a refused key and the key screen
// can take another one.
func (m *model) offerNewKey() bool {
	return m.deps.Keys.canAskKey() && m.fail.KeyRefused()
}

// offerFlip reports whether the answer shows the encryption setting is wrong
// and the caller can switch it for this run: not once both settings have
// been refused, when switching again would only go round in circles.
func (m *model) offerFlip() bool {
	return m.deps.Keys.SetEncrypted != nil && m.fail.Encryption != apiclient.EncryptionOK && !m.bothEncRefused()
}

// bothEncRefused reports whether this run has sent the record both plain and
// encrypted, and each time the answer blamed the setting: the setting is
// not the cause.
func (m *model) bothEncRefused() bool { return m.encRefused[0] && m.encRefused[1] }

func encIndex(encrypted bool) int {
	if encrypted {
		return 1
	}
	return 0
}

// encryptionSet goes back to the review once the setting is switched; a
// failure to switch stays on the error screen, said in its words.
func (m *model) encryptionSet(msg encryptionSetMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenError {
		return m, nil
	}
	if msg.err != nil {
		m.err = fmt.Errorf("%s: %w", i18n.T("wizard.error.switching_encryption"), msg.err)
		m.fail, m.mayExist = apiclient.Classify(m.err, *m.sub), false
		return m, nil
	}
	m.target = msg.target
	return m, m.setScreen(screenReview)
}

func (m *model) updateError(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.fail.Field != "" && key.Matches(k, m.keys.Fix):
		return m, m.editField(m.fail.Field)
	case m.canRetry() && key.Matches(k, m.keys.Retry):
		return m, m.startSubmit()
	case m.offerNewKey() && key.Matches(k, m.keys.NewKey):
		return m, m.replaceKey()
	case m.offerFlip() && key.Matches(k, m.keys.Flip):
		return m, setEncryptionCmd(m.ctx, m.deps.Keys.SetEncrypted, m.fail.Encryption == apiclient.EncryptionTurnOn)
	case key.Matches(k, m.keys.Back):
		return m, m.setScreen(screenReview)
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

func (m *model) viewError() string {
	f := m.fail
	if m.bothEncRefused() {
		// The policy's words once both settings were refused: the title
		// no longer blames the setting the explanation clears.
		f = f.BothSettingsTried()
	}
	return m.failureView(f, f.Explain, m.mayExist, m.nextStep())
}

// failureView lays out a failure as both error screens (the record's and
// the images') show it: its title, the fact behind it, what happened, what
// it means (a warning when something may exist) and the next step.
func (m *model) failureView(f apiclient.Failure, explain string, mayExist bool, next string) string {
	// Wrapped at spaces only (wrapWords): a flag (--encrypted), a path or
	// a URL is never broken at its hyphen, where it could not be copied.
	w := min(m.contentWidth(), 90)
	para := func(s string) string { return strings.Join(wrapWords(s, w), "\n") }
	parts := []string{"", m.st.Bad.Render(m.st.G.Cross + " " + f.Title)}
	if f.Detail != "" {
		parts = append(parts, m.st.Dim.Render(para(f.Detail)))
	}
	parts = append(parts, "", para(explain), "")
	if mayExist {
		parts = append(parts, m.st.Warn.Render(para("! "+f.Consequence())))
	} else {
		parts = append(parts, m.st.Good.Render(para(f.Consequence())))
	}
	parts = append(parts, "", para(m.st.Title.Render(i18n.T("wizard.error.next"))+" "+next))
	return strings.Join(parts, "\n")
}

// nextStep is what the agent can do about the failure on this screen, by
// the keys that do it.
func (m *model) nextStep() string {
	f := m.fail
	switch {
	case m.bothEncRefused() && (f.Reason == apiclient.ReasonEncryption || f.Encryption != apiclient.EncryptionOK):
		return i18n.T("wizard.error.next_both_tried")
	case f.Reason == apiclient.ReasonEncryption || f.Encryption != apiclient.EncryptionOK:
		on := f.Encryption != apiclient.EncryptionTurnOff
		switch {
		case m.offerFlip() && on:
			return i18n.T("wizard.error.next_flip_on")
		case m.offerFlip():
			return i18n.T("wizard.error.next_flip_off")
		case on:
			return i18n.T("wizard.error.next_rerun_on")
		}
		return i18n.T("wizard.error.next_rerun_off")
	case f.Field != "":
		return i18n.T("wizard.error.next_fix", apiclient.Label(f.Field))
	case m.offerNewKey():
		return i18n.T("wizard.error.next_new_key")
	case f.Reason == apiclient.ReasonInvalidProject:
		return i18n.T("wizard.error.next_check_project")
	case f.KeyRefused():
		return i18n.T("wizard.error.next_check_key")
	case f.Reason == apiclient.ReasonWrongURL:
		return i18n.T("wizard.error.next_wrong_url")
	case f.Reason == apiclient.ReasonRedirect && !m.mayExist:
		return i18n.T("wizard.error.next_redirect")
	case f.Reason == apiclient.ReasonUnreachable:
		return i18n.T("wizard.error.next_unreachable")
	case m.canRetry() && f.Reason == apiclient.ReasonRateLimited:
		// The explanation says how long to wait: only the key is left.
		return i18n.T("wizard.error.next_retry_after_wait")
	case m.canRetry():
		return i18n.T("wizard.error.next_retry")
	case m.mayExist:
		return i18n.T("wizard.error.next_may_exist")
	}
	return i18n.T("wizard.error.next_back")
}

// keysError are the keys of the error screen, in the order the footer shows them.
func (m *model) keysError() []key.Binding {
	k := m.keys
	var b []key.Binding
	if m.fail.Field != "" {
		fix := k.Fix
		fix.SetHelp("f", i18n.T("wizard.keys.fix_field", apiclient.Label(m.fail.Field)))
		b = append(b, fix)
	}
	if m.canRetry() {
		b = append(b, k.Retry)
	}
	if m.offerNewKey() {
		b = append(b, k.NewKey)
	}
	if m.offerFlip() {
		flip := k.Flip
		if m.fail.Encryption == apiclient.EncryptionTurnOn {
			flip.SetHelp("e", i18n.T("wizard.keys.encryption_on"))
		} else {
			flip.SetHelp("e", i18n.T("wizard.keys.encryption_off"))
		}
		b = append(b, flip)
	}
	return append(b, k.Back, k.QuitSoft)
}
