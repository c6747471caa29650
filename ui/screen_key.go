package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
)

// keyPhase is where the key screen is: typing, waiting for the API, choosing
// where the key goes, or waiting for the keyring.
type keyPhase int

const (
	keyTyping keyPhase = iota
	keyChecking
	keyChoosing
	keyStoring
)

// Where an accepted key can go, as rows of the choice.
const (
	choiceStore = iota
	choiceSession
)

// keyState is the key screen's part of the model. The key itself lives only
// in the masked input, until the caller has taken it.
type keyState struct {
	input      textinput.Model
	phase      keyPhase
	seq        int                // numbers each check and store, so late answers are dropped
	cancel     context.CancelFunc // stops the check or store in flight
	next       screen             // where to go once a key is in use
	replacing  bool               // the API refused the key in use (from the error screen)
	choice     int
	unchecked  string // why the API could not judge the key, "" when it did
	problem    string // why the last key was not taken, in plain words
	slow       bool   // the keyring has not answered for a while
	keyringErr error  // why the keyring cannot be used, nil while it can
}

// keyKeys are the key screen's bindings, which its footer shows.
type keyKeys struct {
	Check   key.Binding
	Choose  key.Binding
	Move    key.Binding
	Retype  key.Binding
	Back    key.Binding
	Stop    key.Binding
	Session key.Binding
}

var keyScreenKeys = keyKeys{
	Check:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check the key")),
	Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
	Move:    key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "move")),
	Retype:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "another key")),
	Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	Stop:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop")),
	Session: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "session only")),
}

func newKeyInput() textinput.Model {
	in := textinput.New()
	in.Prompt = "Key: "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 1024
	in.Placeholder = "paste or type the key"
	return in
}

// noKeyring reports whether the keyring is known to be missing, so that only
// "this session" is offered.
func (m *model) noKeyring() bool {
	return m.deps.Keys.Store == nil || errors.Is(m.key.keyringErr, keyring.ErrNoKeyring)
}

// openKey prepares the key screen for a new key; it keeps m.key.next and
// m.key.replacing, which the caller sets.
func (m *model) openKey() tea.Cmd {
	k := &m.key
	if k.cancel != nil {
		k.cancel()
		k.cancel = nil
	}
	k.phase, k.problem, k.unchecked, k.slow = keyTyping, "", "", false
	k.input.Reset()
	k.input.SetWidth(min(m.contentWidth()-14, 60))
	k.input.SetStyles(textinput.DefaultStyles(m.dark))
	return k.input.Focus()
}

// replaceKey opens the key screen for a key the API refused; a key taken
// there leads back to the review.
func (m *model) replaceKey() tea.Cmd {
	m.key.next, m.key.replacing = screenReview, true
	return m.setScreen(screenKey)
}

func (m *model) updateKey(msg tea.Msg) (tea.Model, tea.Cmd) {
	k := &m.key
	switch msg := msg.(type) {
	case keyCheckedMsg:
		if msg.seq == k.seq && k.phase == keyChecking {
			return m, m.keyChecked(msg.err)
		}
		return m, nil
	case keyringWaitMsg:
		if msg.seq == k.seq && k.phase == keyStoring {
			k.slow = true
		}
		return m, waitKeySet(msg.done)
	case keySetMsg:
		if msg.seq == k.seq && k.phase == keyStoring {
			return m, m.keySet(msg)
		}
		return m, nil
	case spinner.TickMsg:
		if k.phase == keyChecking || k.phase == keyStoring {
			var cmd tea.Cmd
			m.spin, cmd = m.spin.Update(msg)
			return m, cmd
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.keyPress(msg)
	}
	if k.phase == keyTyping {
		var cmd tea.Cmd
		k.input, cmd = k.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *model) keyPress(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k, b := &m.key, keyScreenKeys
	switch k.phase {
	case keyTyping:
		switch {
		case key.Matches(msg, b.Check):
			return m, m.startKeyCheck()
		case k.replacing && key.Matches(msg, b.Back):
			return m, m.setScreen(screenError)
		}
		var cmd tea.Cmd
		k.input, cmd = k.input.Update(msg)
		return m, cmd
	case keyChecking, keyStoring:
		if key.Matches(msg, b.Stop) && k.cancel != nil {
			k.cancel() // the answer comes back as a cancellation
		}
	case keyChoosing:
		switch {
		case key.Matches(msg, b.Move) && !m.noKeyring():
			k.choice = 1 - k.choice
		case key.Matches(msg, b.Session):
			return m, m.startKeySet(false)
		case key.Matches(msg, b.Choose):
			return m, m.startKeySet(k.choice == choiceStore && !m.noKeyring())
		case key.Matches(msg, b.Retype):
			return m, m.openKey()
		}
	}
	return m, nil
}

// startKeyCheck sends the typed key to the API in a tea.Cmd.
func (m *model) startKeyCheck() tea.Cmd {
	k := &m.key
	typed := strings.TrimSpace(k.input.Value())
	if typed == "" {
		k.problem = "Type or paste the key first."
		return nil
	}
	k.seq++
	ctx, cancel := context.WithCancel(m.ctx)
	k.cancel, k.phase, k.problem, k.unchecked = cancel, keyChecking, "", ""
	k.input.Blur()
	return tea.Batch(m.spin.Tick, checkKeyCmd(ctx, m.deps.Keys.Check, k.seq, typed))
}

// keyChecked moves on from the API's verdict: a refused key is typed again,
// an accepted (or uncheckable) one is offered for storing.
func (m *model) keyChecked(err error) tea.Cmd {
	k := &m.key
	k.cancel = nil
	switch {
	case errors.Is(err, context.Canceled): // before "unchecked", which wraps it
		cmd := m.openKey()
		k.problem = "Stopped checking. Nothing was stored."
		return cmd
	case err == nil, errors.Is(err, apiclient.ErrKeyUnchecked):
		if err != nil {
			k.unchecked = apiclient.Sanitize(err.Error())
		}
		k.phase = keyChoosing
		k.choice = choiceStore
		if m.noKeyring() {
			k.choice = choiceSession
		}
		return nil
	case errors.Is(err, apiclient.ErrKeyRefused):
		cmd := m.openKey()
		k.problem = "The API refused this key: it is wrong, revoked, or this network is not on the project's allow-list. Check it and type it again."
		return cmd
	}
	cmd := m.openKey()
	k.problem = apiclient.UpperFirst(apiclient.Sanitize(err.Error())) + "."
	return cmd
}

// startKeySet hands the checked key to the caller, to store or to use for
// this session only, in a tea.Cmd.
func (m *model) startKeySet(store bool) tea.Cmd {
	k := &m.key
	k.seq++
	ctx, cancel := context.WithCancel(m.ctx)
	k.cancel, k.phase, k.slow, k.problem = cancel, keyStoring, false, ""
	return tea.Batch(m.spin.Tick, setKeyCmd(ctx, m.deps.Keys, store, k.seq, strings.TrimSpace(k.input.Value())))
}

// keySet finishes the key screen once the caller has the key, or returns to
// the choice with the reason it could not store it.
func (m *model) keySet(msg keySetMsg) tea.Cmd {
	k := &m.key
	k.cancel, k.slow = nil, false
	if msg.err != nil {
		k.phase = keyChoosing
		switch {
		case errors.Is(msg.err, keyring.ErrNoKeyring):
			k.keyringErr = msg.err
			k.choice = choiceSession
			k.problem = "The key was not stored: no OS keyring answered."
		case errors.Is(msg.err, keyring.ErrLocked), errors.Is(msg.err, keyring.ErrTimeout):
			k.problem = "The key was not stored: " + keyring.Summary(msg.err) + ". Unlock your keyring and choose again, or use the key for this session only."
		case errors.Is(msg.err, context.Canceled):
			k.problem = "Stopped waiting for the keyring. If it answers later it may still store the key."
		default:
			k.problem = "The key was not stored: " + apiclient.Sanitize(msg.err.Error()) + "."
		}
		return nil
	}
	m.target = msg.target
	k.input.Reset() // the caller holds the key now
	k.replacing = false
	if k.next == screenForm {
		return m.firstScreen() // the run's first key: open where the wizard would have
	}
	return m.setScreen(k.next)
}

func (m *model) viewKey() string {
	k := &m.key
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	t := m.target
	profile := t.Profile
	if profile == "" {
		profile = settings.DefaultProfile
	}
	where := apiclient.DestinationOf(t.URL, t.Sandbox).Phrase()
	var parts []string
	if k.replacing {
		parts = append(parts, "", m.st.Title.Render(fmt.Sprintf("Replace the API key of profile %q", profile)),
			wrap.Render(fmt.Sprintf("The API refused the key %s (%s). Type the new one for %s; your record is kept.",
				orNone(t.MaskedKey), t.KeySource, where)))
	} else {
		why := "No key is stored for this profile."
		switch {
		case errors.Is(k.keyringErr, keyring.ErrLocked), errors.Is(k.keyringErr, keyring.ErrTimeout):
			why = apiclient.UpperFirst(keyring.Summary(k.keyringErr)) + ", so no stored key could be read: unlock your keyring and restart argos-migrate to use it, or paste the key now."
		case k.keyringErr != nil:
			why = "No OS keyring answered, so no stored key could be read."
		}
		parts = append(parts, "", m.st.Title.Render(fmt.Sprintf("API key for profile %q", profile)),
			wrap.Render(fmt.Sprintf("%s Paste the key for %s, from the project's settings on the ARGOS dashboard.", why, where)))
	}
	parts = append(parts, m.st.Dim.Render(wrap.Render("It is checked with the API (nothing is created) and never shown or written to a file.")), "")

	switch k.phase {
	case keyTyping:
		parts = append(parts, k.input.View())
		if k.problem != "" {
			parts = append(parts, "", m.st.Bad.Render(wrap.Render("✗ "+k.problem)))
		}
		if m.noKeyring() && k.keyringErr != nil {
			parts = append(parts, "", m.st.Warn.Render(wrap.Render("! No OS keyring is available: the key can be used for this session only.")))
		}
	case keyChecking:
		parts = append(parts, fmt.Sprintf("%s Checking the key with %s…", m.spin.View(), hostOf(t.URL)))
	case keyChoosing:
		parts = append(parts, m.viewKeyChoice(wrap)...)
	case keyStoring:
		parts = append(parts, m.spin.View()+" Storing the key in the OS keyring…")
		if k.slow {
			parts = append(parts, "", m.st.Warn.Render(wrap.Render("Waiting for the keyring to unlock… Answer the unlock prompt of your desktop, or press esc to stop.")))
		}
	}
	return strings.Join(parts, "\n")
}

func (m *model) viewKeyChoice(wrap lipgloss.Style) []string {
	k := &m.key
	var parts []string
	if k.unchecked == "" {
		parts = append(parts, m.st.Good.Render("✓ The API accepted the key."))
	} else {
		parts = append(parts, m.st.Warn.Render(wrap.Render("! The key could not be checked ("+k.unchecked+"). Keep it only if you are sure of it.")))
	}
	if k.problem != "" {
		parts = append(parts, "", m.st.Bad.Render(wrap.Render("✗ "+k.problem)))
	}
	if m.noKeyring() && k.keyringErr != nil {
		parts = append(parts, "", m.st.Warn.Render(wrap.Render("! No OS keyring is available here, so the key cannot be stored. To store keys, start a Secret Service (such as gnome-keyring) and unlock it; or set ARGOS_API_KEY. argos-migrate never writes the key to a plain file.")))
	}
	if m.target.KeySource == "environment" {
		parts = append(parts, "", m.st.Dim.Render(wrap.Render("ARGOS_API_KEY is set: next time it is used instead of a stored key.")))
	}
	// The key is stored with the URL it was checked against, which becomes
	// the profile's: both are shown before the choice.
	rows := []string{fmt.Sprintf("Store it in the OS keyring for %q with %s", orDefault(m.target.Profile), hostOf(m.target.URL)),
		"Use it for this session only"}
	if was := m.deps.Keys.ProfileURL; was != "" && !sameURL(was, m.target.URL) && !m.noKeyring() {
		parts = append(parts, "", m.st.Warn.Render(wrap.Render(fmt.Sprintf("! Profile %q sends to %s now. Storing the key makes it send to %s, the server that checked the key.",
			orDefault(m.target.Profile), hostOf(was), hostOf(m.target.URL)))))
	}
	parts = append(parts, "", m.st.Title.Render("Keep the key?"))
	for i, r := range rows {
		switch {
		case i == choiceStore && m.noKeyring():
			parts = append(parts, m.st.Empty.Render("  "+r+" (no keyring)"))
		case i == k.choice:
			parts = append(parts, m.st.Cursor.Render("› "+r))
		default:
			parts = append(parts, "  "+r)
		}
	}
	return parts
}

// keyBindings are the key screen's keys for the footer.
func (m *model) keyBindings() []key.Binding {
	b, k := keyScreenKeys, m.keys
	switch m.key.phase {
	case keyTyping:
		if m.key.replacing {
			return []key.Binding{b.Check, b.Back, k.Quit}
		}
		return []key.Binding{b.Check, k.Quit}
	case keyChoosing:
		if m.noKeyring() {
			return []key.Binding{b.Choose, b.Retype, k.Quit}
		}
		return []key.Binding{b.Move, b.Choose, b.Session, b.Retype, k.Quit}
	}
	return []key.Binding{b.Stop, k.Quit}
}

// hostOf is the URL without its scheme (and without a bare "/" path), the
// host in ASCII (punycode), for headers and sentences; text that is no URL
// comes back cleaned.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return apiclient.Sanitize(raw)
	}
	return apiclient.DestinationOf(raw, false).Host + apiclient.Sanitize(strings.TrimSuffix(u.Path, "/"))
}

// sameURL compares two API URLs as sent to: scheme, host and path, without
// a trailing slash.
func sameURL(a, b string) bool {
	return strings.TrimSuffix(a, "/") == strings.TrimSuffix(b, "/")
}

func orNone(masked string) string {
	if masked == "" {
		return "(none)"
	}
	return masked
}

func orDefault(profile string) string {
	if profile == "" {
		return settings.DefaultProfile
	}
	return profile
}
