package ui

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
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

// newKeyKeys builds the key screen's bindings in the run's language.
func newKeyKeys() keyKeys {
	g := glyphs.Current()
	help := func(k, id string) key.BindingOpt { return key.WithHelp(k, i18n.T(id)) }
	return keyKeys{
		Check:   key.NewBinding(key.WithKeys("enter"), help("enter", "wizard.keys.check_key")),
		Choose:  key.NewBinding(key.WithKeys("enter"), help("enter", "wizard.keys.choose")),
		Move:    key.NewBinding(key.WithKeys("up", "down", "k", "j"), help(g.Up+"/"+g.Down, "wizard.keys.move")),
		Retype:  key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.another_key")),
		Back:    key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.back")),
		Stop:    key.NewBinding(key.WithKeys("esc"), help("esc", "wizard.keys.stop")),
		Session: key.NewBinding(key.WithKeys("o"), help("o", "wizard.keys.session_only")),
	}
}

// newKeyInput is the masked input of the key: every character drawn as the
// one mask (glyphs), the terminal's own cursor at the caret (viewKeyCursor)
// so that nothing is drawn where the key is typed but the mask.
func newKeyInput() textinput.Model {
	in := textinput.New()
	in.Prompt = i18n.T("wizard.key.prompt") + " "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = maskRune()
	in.CharLimit = 1024
	in.Placeholder = i18n.T("wizard.key.placeholder")
	in.SetVirtualCursor(false)
	return in
}

// maskRune is the glyph set's mask, as the one rune a masked input echoes.
func maskRune() rune {
	r := []rune(glyphs.Current().Mask)
	if len(r) != 1 {
		return '*'
	}
	return r[0]
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
	m.sizeKeyInput()
	k.input.SetStyles(textinput.DefaultStyles(m.dark))
	return k.input.Focus()
}

// sizeKeyInput fits the key's input, its prompt and the caret after it, in
// the screen's width (at most 60 cells of key): on opening and on every
// resize, so a window narrowed after the screen opened never gets a line
// wider than itself.
func (m *model) sizeKeyInput() {
	in := &m.key.input
	w := min(m.contentWidth(), 90) - lipgloss.Width(in.Prompt) - 1
	in.SetWidth(max(min(w, 60), 1))
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
	k, b := &m.key, m.keyKeys
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
		k.problem = i18n.T("wizard.key.empty")
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
		k.problem = i18n.T("wizard.key.stopped_checking")
		return cmd
	case err == nil, errors.Is(err, apiclient.ErrKeyUnchecked):
		if err != nil {
			// Why, in the failure policy's words: what failed and the
			// fact behind it, never Go's error chain.
			f := apiclient.Classify(err, apiclient.Submission{})
			k.unchecked = apiclient.LowerFirst(f.Title)
			if f.Detail != "" {
				k.unchecked += ": " + f.Detail
			}
		}
		k.phase = keyChoosing
		k.choice = choiceStore
		if m.noKeyring() {
			k.choice = choiceSession
		}
		return nil
	case errors.Is(err, apiclient.ErrKeyRefused):
		cmd := m.openKey()
		f := apiclient.Classify(err, apiclient.Submission{}) // the policy's words for a refused key
		k.problem = i18n.T("wizard.key.refused", f.Title, apiclient.LowerFirst(f.Explain))
		return cmd
	}
	cmd := m.openKey()
	k.problem = apiclient.UpperFirst(apiclient.Sanitize(i18n.Text(err))) + "."
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
			k.problem = i18n.T("wizard.key.not_stored_no_keyring")
		case errors.Is(msg.err, keyring.ErrLocked), errors.Is(msg.err, keyring.ErrTimeout):
			k.problem = i18n.T("wizard.key.not_stored_locked", keyring.Summary(msg.err))
		case errors.Is(msg.err, context.Canceled):
			k.problem = i18n.T("wizard.key.stopped_waiting")
		default:
			k.problem = i18n.T("wizard.key.not_stored", apiclient.Sanitize(i18n.Text(msg.err)))
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
	g := m.st.G
	t := m.target
	profile := apiclient.Sanitize(orDefault(t.Profile))
	where := apiclient.DestinationOf(t.URL, t.Sandbox).Phrase()
	// Ranks: what gives way first when the window is short.
	const (
		rankNever = iota
		rankEnv
		rankIntro
		rankWarn
		rankProblem
		rankVerdict
		rankTitle
	)
	var blocks []keyBlock
	if k.replacing {
		blocks = append(blocks, keyText(i18n.T("wizard.key.replace_title", profile), w, m.st.Title, false, rankTitle),
			keyText(i18n.T("wizard.key.replace", orNone(t.MaskedKey), keySourceWords(t.KeySource), where), w, lipgloss.NewStyle(), false, rankIntro))
	} else {
		why := i18n.T("wizard.key.none_stored")
		switch {
		case errors.Is(k.keyringErr, keyring.ErrLocked), errors.Is(k.keyringErr, keyring.ErrTimeout):
			why = apiclient.UpperFirst(i18n.T("wizard.key.keyring_locked", keyring.Summary(k.keyringErr)))
		case k.keyringErr != nil:
			why = i18n.T("wizard.key.keyring_none")
		}
		blocks = append(blocks, keyText(i18n.T("wizard.key.title", profile), w, m.st.Title, false, rankTitle),
			keyText(why+" "+i18n.T("wizard.key.paste", where), w, lipgloss.NewStyle(), false, rankIntro))
	}
	blocks = append(blocks, keyText(i18n.T("wizard.key.never_shown"), w, m.st.Dim, false, rankNever))

	switch k.phase {
	case keyTyping:
		blocks = append(blocks, keyFixed(lipgloss.NewStyle(), true, k.input.View()))
		if k.problem != "" {
			blocks = append(blocks, keyText(g.Cross+" "+k.problem, w, m.st.Bad, true, rankProblem))
		}
		if m.noKeyring() && k.keyringErr != nil {
			blocks = append(blocks, keyText("! "+i18n.T("wizard.key.session_only"), w, m.st.Warn, true, rankWarn))
		}
	case keyChecking:
		blocks = append(blocks, keyFixed(lipgloss.NewStyle(), true, m.spin.View()+" "+m.fitWords(i18n.T("wizard.key.checking", hostOf(t.URL))+g.Ellipsis, w-2)))
	case keyChoosing:
		blocks = append(blocks, m.keyChoiceBlocks(w, rankEnv, rankWarn, rankProblem, rankVerdict)...)
	case keyStoring:
		blocks = append(blocks, keyFixed(lipgloss.NewStyle(), true, m.spin.View()+" "+i18n.T("wizard.key.storing")+g.Ellipsis))
		if k.slow {
			blocks = append(blocks, keyText(i18n.T("wizard.key.waiting_unlock"), w, m.st.Warn, true, rankProblem))
		}
	}
	// A blank line above the title, when there is room for it.
	blocks = append([]keyBlock{{lines: []string{""}, rank: rankNever - 1}}, blocks...)
	return m.fitKeyBlocks(blocks, w, m.bodyHeight())
}

// keyChoiceBlocks are the verdict on the key, what to know before keeping
// it, and the choice: the store row only when there is a keyring to store
// in (without one, "this session" is the one choice, never an impossible
// row to skip over).
func (m *model) keyChoiceBlocks(w, rankEnv, rankWarn, rankProblem, rankVerdict int) []keyBlock {
	k := &m.key
	g := m.st.G
	var blocks []keyBlock
	if k.unchecked == "" {
		blocks = append(blocks, keyText(g.Check+" "+i18n.T("wizard.key.accepted"), w, m.st.Good, true, rankVerdict))
	} else {
		blocks = append(blocks, keyText("! "+i18n.T("wizard.key.unchecked", k.unchecked), w, m.st.Warn, true, rankVerdict))
	}
	if k.problem != "" {
		blocks = append(blocks, keyText(g.Cross+" "+k.problem, w, m.st.Bad, true, rankProblem))
	}
	if m.noKeyring() && k.keyringErr != nil {
		blocks = append(blocks, keyText("! "+i18n.T("wizard.key.no_keyring_help"), w, m.st.Warn, true, rankWarn))
	}
	if m.target.KeySource == KeySourceEnvironment {
		blocks = append(blocks, keyText(i18n.T("wizard.key.env_set"), w, m.st.Dim, true, rankEnv))
	}
	// The key is stored with the URL it was checked against, which becomes
	// the profile's: both are shown before the choice.
	profile := apiclient.Sanitize(orDefault(m.target.Profile))
	if was := m.deps.Keys.ProfileURL; was != "" && !sameURL(was, m.target.URL) && !m.noKeyring() {
		blocks = append(blocks, keyText("! "+i18n.T("wizard.key.url_changes", profile, hostOf(was), hostOf(m.target.URL)), w, m.st.Warn, true, rankWarn))
	}
	blocks = append(blocks, keyFixed(m.st.Title, true, m.fitWords(i18n.T("wizard.key.keep"), w)))
	rows := []int{choiceStore, choiceSession}
	if m.noKeyring() {
		rows = []int{choiceSession}
	}
	for _, i := range rows {
		r := i18n.T("wizard.key.session")
		if i == choiceStore {
			r = i18n.T("wizard.key.store", profile, hostOf(m.target.URL))
		}
		if i == k.choice {
			blocks = append(blocks, keyFixed(m.st.Cursor, false, keyRow(cursorMark, r, w)...))
		} else {
			blocks = append(blocks, keyFixed(lipgloss.NewStyle(), false, keyRow("  ", r, w)...))
		}
	}
	return blocks
}

// keyBindings are the key screen's keys for the footer.
func (m *model) keyBindings() []key.Binding {
	b, k := m.keyKeys, m.keys
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
		return i18n.T("wizard.key.none")
	}
	return masked
}

func orDefault(profile string) string {
	if profile == "" {
		return settings.DefaultProfile
	}
	return profile
}
