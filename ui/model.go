package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// model is the wizard's whole state. Screens read and write their part of it
// through updateX/viewX; only setScreen changes which screen is shown.
type model struct {
	ctx  context.Context
	deps Deps
	now  func() time.Time
	keys keyMap
	// keyKeys are the key screen's (screen_key.go); the secret prompt and
	// the lock question build their own.
	keyKeys keyKeys
	imgKeys imageKeyMap // the image screens' (screen_images_keys.go)
	st      styles
	dark    bool
	width   int
	height  int
	sized   bool // a window size has arrived (until then 80x24 is assumed)

	screen screen
	target Target                // the header: where requests go, with which key
	key    keyState              // the key screen
	sub    *apiclient.Submission // the record being edited; forms bind to it
	form   *huh.Form
	ahead  typeahead         // keys typed while the form moves its focus (screen_form.go)
	back   editReturn        // the form was opened to edit one field or page (edit_return.go)
	notes  map[string]string // server messages shown beside fields

	// review
	cursor   int  // index into apiclient.AllKeys()
	scroll   int  // first body line shown when the review is taller than the window
	revealed bool // identity number shown in clear
	problems *apiclient.ValidationError
	// seen: each field (by index into apiclient.AllKeys) has been on screen
	// since the review of this record first opened; s asks again while one
	// has not (confirmUnseen).
	seen          []bool
	confirmUnseen bool
	revLayout     reviewLayoutCache

	// submitting
	seq        int // numbers each submit, so a late answer can be recognised
	started    time.Time
	cancel     context.CancelFunc
	cancelling bool
	spin       spinner.Model

	// result and error
	ids      []string
	lastID   string
	err      error             // the failure on the error screen
	fail     apiclient.Failure // the failure policy's reading of err
	mayExist bool              // the last failed attempt may have created the record
	// encRefused: an answer blamed the encryption setting, for plain [0]
	// and encrypted [1] bodies.
	encRefused [2]bool
	quitErr    error
	crash      *CrashError // a panic caught in Init, Update, View or a command (crash.go)
	copied     bool

	lazyForm bool // while newModel runs: leave building the form to Init
	formDark bool // the background the form's theme was built for

	dr draftState  // drafts: outcome, notices (draft.go)
	lk lookupState // the duplicate check (screen_lookup.go)
	im imagesState // attaching images (screen_images*.go)
}

func newModel(ctx context.Context, d Deps) *model {
	if d.Now == nil {
		d.Now = time.Now
	}
	sub := d.Initial
	m := &model{
		ctx: ctx, deps: d, now: d.Now, keys: newKeyMap(), keyKeys: newKeyKeys(), imgKeys: newImageKeys(), st: newStyles(true), dark: true,
		width: 80, height: 24, sub: &sub, target: d.Target,
		spin: spinner.New(spinner.WithSpinner(spinnerFor(glyphs.Current()))),
	}
	m.key = keyState{input: newKeyInput(), keyringErr: d.Keys.KeyringErr, next: screenForm}
	// An empty form is built in Init, where the build overlaps the wait for
	// the first frame; a resumed draft or the key screen needs no form yet.
	m.lazyForm = true
	if d.NeedKey && d.Keys.canAskKey() {
		m.setScreen(screenKey)
	} else {
		m.firstScreen()
	}
	m.lazyForm = false
	return m
}

// start (Init, through crash.go) asks the terminal for its background colour (so the embedded form
// and our styles pick light or dark) and builds and starts the form. Bubble
// Tea calls it once its frame ticker runs, so building the form (a few ms)
// overlaps the wait for the first tick instead of delaying it.
func (m *model) start() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch {
	case m.screen == screenForm && m.form == nil:
		cmds = append(cmds, m.setScreen(screenForm))
	case m.form != nil:
		cmds = append(cmds, m.form.Init())
		m.applyFocus() // a resumed draft opens at the field the server rejected
	}
	if m.screen == screenKey {
		cmds = append(cmds, textinput.Blink)
	}
	return tea.Batch(cmds...)
}

// setScreen is the one place the screen changes; the new screen prepares
// what it needs and returns the command that starts it.
func (m *model) setScreen(s screen) tea.Cmd {
	m.screenNotices(s)
	m.screen = s
	if enter := screens[s].enter; enter != nil {
		return enter(m)
	}
	return nil
}

// update (Update, through crash.go) routes a message: window and colour changes for everyone, ctrl+c
// always, the rest to the current screen.
func (m *model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	footer := m.footerHeight()
	next, cmd := m.route(msg)
	if m.footerHeight() != footer {
		m.relayout() // a notice took or gave back a second line
	}
	return next, cmd
}

// relayout fits the form and the review into the space the frame leaves.
func (m *model) relayout() {
	if m.form != nil {
		m.form = m.form.WithWidth(m.formWidth()).WithHeight(m.bodyHeight())
	}
	m.clampScroll()
	m.sizeKeyInput()
}

func (m *model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height, m.sized = msg.Width, msg.Height, true
		m.relayout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.st = newStyles(m.dark)
		if m.form != nil && m.formDark != m.dark {
			return m, m.rethemeForm()
		}
		if m.form != nil {
			_, cmd := m.form.Update(msg)
			return m, cmd
		}
		return m, nil
	case submitDoneMsg:
		return m.submitDone(msg)
	case encryptionSetMsg:
		return m.encryptionSet(msg)
	case draftMsg:
		return m.updateDraftMsg(msg)
	case imagesMsg:
		return m.updateImagesMsg(msg)
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" && m.screen != screenResult {
			return m.quit()
		}
	}
	if m.tooSmall() && isInput(msg) {
		// The screen is hidden behind the "too small" message: a key would
		// act where the agent cannot see (s would submit, letters would fill
		// a field). Only ctrl+c (above) and a resize do anything.
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			return m.quit()
		}
		return m, nil
	}
	return screens[m.screen].update(m, msg)
}

// tooSmall reports whether the window is below the size the wizard lays out
// in; the "too small" message is all that is drawn then.
func (m *model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// isInput reports whether msg is something the agent typed: a key, a paste
// or a mouse action.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.KeyReleaseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg, tea.MouseMsg:
		return true
	}
	return false
}

// quit leaves the program, cancelling a submit in flight.
func (m *model) quit() (tea.Model, tea.Cmd) {
	if m.cancel != nil {
		m.cancel()
	}
	if m.key.cancel != nil {
		m.key.cancel()
	}
	if m.im.cancel != nil {
		m.im.cancel()
	}
	switch m.screen {
	case screenError, screenKey:
		m.quitErr = m.err
	case screenSubmitting:
		m.quitErr = fmt.Errorf("%w: %s", apiclient.ErrOutcomeUnknown, i18n.T("wizard.submitting.quit"))
	}
	return m, tea.Quit
}

// outcome is what Run hands back once the program has ended.
func (m *model) outcome() Outcome {
	o := Outcome{IDs: m.ids, Submission: *m.sub, LastErr: m.quitErr, Images: m.imagesOutcome(),
		DraftSaved: m.dr.saved && m.worthSaving(),
		Unsaved:    m.deps.Drafts.Store == nil && m.worthSaving()}
	if m.crash != nil {
		o.LastErr = m.crash
	}
	return o
}

// spinnerFor is the spinner the glyph set draws: braille dots, or with the
// ASCII set a turning line.
func spinnerFor(g glyphs.Set) spinner.Spinner {
	if g.ASCII {
		return spinner.Line
	}
	return spinner.Dot
}
