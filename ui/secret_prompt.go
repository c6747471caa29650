package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms"
)

// ErrPromptCancelled: the agent left a prompt without answering.
var ErrPromptCancelled = errors.New("cancelled")

// SecretPrompt asks for one secret (an API key) on a terminal, masked the
// one way every screen masks (•), outside the wizard (auth login).
type SecretPrompt struct {
	In          io.Reader // nil: the program's default input
	Out         io.Writer
	Title       string
	Description string
	// Validate checks the trimmed answer; its error is shown under the
	// input and the prompt stays.
	Validate       func(string) error
	ProgramOptions []tea.ProgramOption
}

// AskSecret runs p and returns the answer, trimmed, or ErrPromptCancelled
// when the agent pressed esc or ctrl+c or ctx ended.
func AskSecret(ctx context.Context, p SecretPrompt) (string, error) {
	s := &secretModel{p: p, in: newSecretInput(), st: newStyles(true), width: 80}
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(p.Out)}, p.ProgramOptions...)
	if p.In != nil {
		opts = append(opts, tea.WithInput(p.In))
	}
	final, err := tea.NewProgram(s, opts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) || ctx.Err() != nil {
		return "", ErrPromptCancelled
	}
	if err != nil {
		return "", fmt.Errorf("asking: %w", err)
	}
	fm, ok := final.(*secretModel)
	if !ok || !fm.done {
		return "", ErrPromptCancelled
	}
	return fm.answer, nil
}

// newSecretInput is a masked input: every character drawn as the one mask
// (glyphs), the terminal's own cursor at the caret.
func newSecretInput() textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = maskRune()
	in.CharLimit = 1024
	in.SetVirtualCursor(false)
	return in
}

type secretModel struct {
	p      SecretPrompt
	in     textinput.Model
	st     styles
	width  int
	err    error
	answer string
	done   bool
	quit   bool
}

// The secret prompt's keys: enter takes the answer, esc leaves.
var (
	secretEnter  = key.NewBinding(key.WithKeys("enter"))
	secretCancel = key.NewBinding(key.WithKeys("esc", "ctrl+c"))
)

func (s *secretModel) Init() tea.Cmd { return tea.Batch(s.in.Focus(), tea.RequestBackgroundColor) }

func (s *secretModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width = msg.Width
	case tea.BackgroundColorMsg:
		s.st = newStyles(msg.IsDark())
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, secretCancel):
			s.quit = true
			return s, tea.Quit
		case key.Matches(msg, secretEnter):
			v := strings.TrimSpace(s.in.Value())
			if s.p.Validate != nil {
				if s.err = s.p.Validate(v); s.err != nil {
					return s, nil
				}
			}
			s.answer, s.done = v, true
			return s, tea.Quit
		}
		s.err = nil
	}
	var cmd tea.Cmd
	s.in, cmd = s.in.Update(msg)
	return s, cmd
}

func (s *secretModel) View() tea.View {
	if s.done || s.quit {
		return tea.NewView("")
	}
	w := max(min(s.width-2, 90), 20)
	wrap := lipgloss.NewStyle().Width(w)
	lines := []string{s.st.Title.Render(s.p.Title)}
	if s.p.Description != "" {
		lines = append(lines, s.st.Dim.Render(wrap.Render(s.p.Description)))
	}
	inputLine := len(lines)
	lines = append(lines, s.in.View())
	if s.err != nil {
		lines = append(lines, s.st.Bad.Render(wrap.Render(s.st.G.Cross+" "+apiclient.Sanitize(apiclient.UpperFirst(i18n.Text(s.err))))))
	}
	sep := " " + s.st.G.Bullet + " "
	lines = append(lines, s.st.Dim.Render("enter "+i18n.T("wizard.keys.done")+sep+"esc "+i18n.T("wizard.keys.cancel")))
	body := strings.Join(lines, "\n")
	v := tea.NewView(s.st.App.Render(body))
	// The terminal's cursor at the caret: the title and the description
	// above may wrap, so the input's line is counted in what is drawn.
	if s.in.Focused() {
		v.Cursor = tea.NewCursor(padX+forms.InputCaret(s.in), lipgloss.Height(strings.Join(lines[:inputLine], "\n")))
	}
	return v
}
