package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
)

// showError prepares the error screen for a failed submit: what the agent
// can fix, and whether the record may exist.
func (m *model) showError(err error) {
	m.err = err
	m.fixKey = ""
	m.mayExist = apiclient.MaybeCreated(err)
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Encryption != apiclient.EncryptionOK {
		// A body the server could not read says nothing about the fields.
		return
	}
	switch apiErr.Code {
	case apiclient.CodeInvalidAdmin:
		m.fixKey = apiclient.FieldAdmin
	case apiclient.CodeMissingData:
		m.fixKey = m.firstMissing()
	case apiclient.CodeInvalidFormat, apiclient.CodeInvalidParameter:
		if _, ok := apiclient.Spec(apiErr.Field); ok {
			m.fixKey = apiErr.Field
		}
	}
	if m.fixKey != "" {
		// The form labels notes as the server's; the message goes in as is.
		note := apiclient.Sanitize(apiErr.Message)
		if note == "" {
			note = apiErr.Code
		}
		m.notes = map[string]string{m.fixKey: note}
	}
}

// firstMissing is the first required field that is empty, in form order;
// the server's missing_data does not say which.
func (m *model) firstMissing() string {
	for _, k := range fieldOrder() {
		if s, ok := apiclient.Spec(k); ok && s.Required && strings.TrimSpace(m.sub.Get(k)) == "" {
			return k
		}
	}
	return fieldOrder()[0]
}

// canRetry reports whether sending again cannot create a duplicate: the
// request never reached the server, or the agent stopped it before it did.
func (m *model) canRetry() bool {
	if m.err == nil || m.mayExist {
		return false
	}
	var apiErr *apiclient.APIError
	if errors.As(m.err, &apiErr) {
		return apiErr.Status == http.StatusTooManyRequests
	}
	return true
}

// offerNewKey reports whether the error is a refused key and the key screen
// can take another one.
func (m *model) offerNewKey() bool {
	return m.deps.Keys.canAskKey() && keyRefused(m.err)
}

// offerFlip reports whether the answer shows the encryption setting is wrong
// and the caller can switch it for this run.
func (m *model) offerFlip() bool {
	return m.deps.Keys.SetEncrypted != nil && encryptionHint(m.err) != apiclient.EncryptionOK
}

// encryptionSet goes back to the review once the setting is switched; a
// failure to switch stays on the error screen, said in its words.
func (m *model) encryptionSet(msg encryptionSetMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenError {
		return m, nil
	}
	if msg.err != nil {
		m.err = fmt.Errorf("switching encryption: %w", msg.err)
		m.fixKey, m.mayExist = "", false
		return m, nil
	}
	m.target = msg.target
	return m, m.setScreen(screenReview)
}

func isForbidden(err error) bool {
	var apiErr *apiclient.APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusForbidden
}

func (m *model) updateError(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.fixKey != "" && key.Matches(k, m.keys.Fix):
		return m, m.editAt(m.fixKey)
	case m.canRetry() && key.Matches(k, m.keys.Retry):
		return m, m.startSubmit()
	case m.offerNewKey() && key.Matches(k, m.keys.NewKey):
		return m, m.replaceKey()
	case m.offerFlip() && key.Matches(k, m.keys.Flip):
		return m, setEncryptionCmd(m.ctx, m.deps.Keys.SetEncrypted, encryptionHint(m.err) == apiclient.EncryptionTurnOn)
	case key.Matches(k, m.keys.Back):
		return m, m.setScreen(screenReview)
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

func (m *model) viewError() string {
	title, explain, next := m.describeError()
	w := m.contentWidth()
	wrap := lipgloss.NewStyle().Width(min(w, 90))
	parts := []string{"", m.st.Bad.Render("✗ " + title)}
	if detail := apiclient.Sanitize(m.err.Error()); detail != "" {
		parts = append(parts, m.st.Dim.Render(wrap.Render(detail)))
	}
	parts = append(parts, "", wrap.Render(explain))
	if m.mayExist {
		parts = append(parts, "", m.st.Warn.Render(wrap.Render("! The record may have been created. Check the dashboard before submitting it again.")))
	} else {
		parts = append(parts, "", m.st.Good.Render("The record was not created."))
	}
	parts = append(parts, "", wrap.Render(m.st.Title.Render("Next: ")+next))
	return strings.Join(parts, "\n")
}

// describeError puts the failure in plain words: a title, what it means and
// the next step.
func (m *model) describeError() (title, explain, next string) {
	err := m.err
	var apiErr *apiclient.APIError
	var redirect *apiclient.RedirectError
	switch {
	case errors.Is(err, context.Canceled):
		title = "Stopped waiting for the server"
		explain = "You cancelled the submit."
		if m.mayExist {
			explain += " The request had already been sent."
			next = "Look for this record on the dashboard; press b to go back to the review only if it is not there."
		} else {
			explain += " Nothing reached the server."
			next = "Press r to send it again, or b to go back to the review."
		}
	case errors.As(err, &apiErr) && apiErr.Encryption != apiclient.EncryptionOK:
		return m.describeMismatch(apiErr.Encryption)
	case errors.As(err, &apiErr):
		switch {
		case isForbidden(err):
			title = "The API key was refused"
		case apiErr.Status >= 200 && apiErr.Status < 300:
			// It answered success, but not with a submission id.
			title = "The server's answer could not be read"
		case apiErr.Status >= 500 || apiErr.Code == apiclient.CodeProcessingError:
			title = "The server failed"
		default:
			title = "The server refused the record"
		}
		explain = apiErr.Explain()
		switch {
		case m.fixKey != "":
			next = "Press f to go to " + fieldLabel(m.fixKey) + ": the server's message is shown beside it and everything else you typed is kept."
		case m.offerNewKey():
			next = "Press k to enter another API key: it is checked, then replaces the stored one, and your record is kept."
		case isForbidden(err):
			next = "Check the key in ARGOS_API_KEY (or ask for this network to be allowed), then run argos-migrate again."
		case m.canRetry():
			next = "Wait a moment, then press r to try again."
		case m.mayExist:
			next = "Press b for the review: submitting again first looks this email up, so the record is not created twice."
		default:
			next = "Press b to go back to the review."
		}
	case errors.As(err, &redirect):
		title, explain = "The server answered with a redirect", redirect.Explain()
		next = "Check the API URL, then run argos-migrate again; the record is kept as a draft."
		if m.mayExist {
			next = "Press b for the review: submitting again first looks this email up, so the record is not created twice."
		}
	case errors.Is(err, apiclient.ErrNotSent):
		title = "Could not reach the server"
		explain = "The request never left this machine, so retrying cannot create a duplicate."
		next = "Check the network and the API URL, then press r to try again."
	case errors.Is(err, apiclient.ErrOutcomeUnknown):
		title = "No answer from the server"
		explain = "The record was sent but no answer came back in time."
		next = "Press b for the review: submitting again first looks this email up, so the record is not created twice."
	default:
		title = "The submit failed"
		explain = "Something unexpected went wrong."
		next = "Press b to go back to the review, or q to quit."
	}
	return title, explain, next
}

// describeMismatch explains an answer that shows the encryption setting is
// wrong, and which way to switch it.
func (m *model) describeMismatch(h apiclient.EncryptionHint) (title, explain, next string) {
	title = "The encryption setting does not match the project"
	on := h == apiclient.EncryptionTurnOn
	if on {
		explain = "This project seems to have secure data transmission turned on, and this run sends plain bodies, so the server could not read the record."
	} else {
		explain = "This project seems to have secure data transmission turned off, and this run sends encrypted bodies, so the server could not read the record."
	}
	way, flag := "on", "with --encrypted"
	if !on {
		way, flag = "off", "without --encrypted"
	}
	if m.offerFlip() {
		next = "Press e to turn encryption " + way + " for this run and go back to the review; your record is kept. Next time, run argos-migrate " + flag + "."
	} else {
		next = "Run argos-migrate again " + flag + "."
	}
	return title, explain, next
}
