package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// LockChoice is what a second wizard does about a draft another one holds.
type LockChoice int

// The answers to the lock question.
const (
	LockReadOnly LockChoice = iota // open the draft, save nothing
	LockSeparate                   // start a separate draft beside it
	LockQuit                       // leave it to the other wizard
)

// LockQuestion is the question asked, before the wizard starts, when
// another argos-migrate holds the profile's draft.
type LockQuestion struct {
	In      io.Reader // nil: the program's default input
	Out     io.Writer
	Target  Target // for the header: where this run sends, with which key
	Profile string
	Holder  string // who holds the draft, in words: "process 1234"
	// ProgramOptions are added to the tea.Program (tests set the size).
	ProgramOptions []tea.ProgramOption
}

// AskLock asks what to do about a draft another argos-migrate is editing:
// open it read-only, start a separate draft, or quit. It answers LockQuit
// when the agent quits (q, esc, ctrl+c) or ctx ends (a closed terminal).
func AskLock(ctx context.Context, q LockQuestion) (LockChoice, error) {
	m := newLockModel(q)
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(q.Out)}, q.ProgramOptions...)
	if q.In != nil {
		opts = append(opts, tea.WithInput(q.In))
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) || ctx.Err() != nil {
		return LockQuit, nil
	}
	if err != nil {
		return LockQuit, fmt.Errorf("asking about the locked draft: %w", err)
	}
	if fm, ok := final.(*lockModel); ok {
		return fm.choice, nil
	}
	return LockQuit, nil
}

// lockModel is the lock question: a small program of its own, drawn like
// the wizard (its header, choices with their keys, a footer of keys).
type lockModel struct {
	q       LockQuestion
	frame   *model // the wizard's header and footer, over q.Target
	cursor  int
	choice  LockChoice
	choices []lockChoice
	done    bool
	keys    lockKeys
}

type lockKeys struct {
	up, down, choose, readOnly, separate, quit key.Binding
}

// lockChoice is one answer of the lock question.
type lockChoice struct {
	choice      LockChoice
	key, name   string
	description string
}

// lockChoices are the answers, in the run's language.
func lockChoices() []lockChoice {
	return []lockChoice{
		{LockReadOnly, "r", i18n.T("wizard.lock.read_only"), i18n.T("wizard.lock.read_only_means")},
		{LockSeparate, "s", i18n.T("wizard.lock.separate"), i18n.T("wizard.lock.separate_means")},
		{LockQuit, "q", i18n.T("wizard.lock.quit"), i18n.T("wizard.lock.quit_means")},
	}
}

func newLockModel(q LockQuestion) *lockModel {
	f := &model{target: q.Target, st: newStyles(true), dark: true, width: 80, height: 24, keys: newKeyMap()}
	help := func(k, id string) key.BindingOpt { return key.WithHelp(k, i18n.T(id)) }
	g := f.st.G
	return &lockModel{q: q, frame: f, choice: LockQuit, choices: lockChoices(), keys: lockKeys{
		up:       key.NewBinding(key.WithKeys("up", "k"), help(g.Up+"/"+g.Down, "wizard.keys.move")),
		down:     key.NewBinding(key.WithKeys("down", "j")),
		choose:   key.NewBinding(key.WithKeys("enter"), help("enter", "wizard.keys.choose")),
		readOnly: key.NewBinding(key.WithKeys("r"), help("r", "wizard.keys.read_only")),
		separate: key.NewBinding(key.WithKeys("s"), help("s", "wizard.keys.separate")),
		quit:     key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), help("q", "wizard.keys.quit")),
	}}
}

func (l *lockModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (l *lockModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		l.frame.width, l.frame.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		l.frame.dark = msg.IsDark()
		l.frame.st = newStyles(l.frame.dark)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, l.keys.up):
			l.cursor = max(l.cursor-1, 0)
		case key.Matches(msg, l.keys.down):
			l.cursor = min(l.cursor+1, len(l.choices)-1)
		case key.Matches(msg, l.keys.choose):
			return l.pick(l.choices[l.cursor].choice)
		case key.Matches(msg, l.keys.readOnly):
			return l.pick(LockReadOnly)
		case key.Matches(msg, l.keys.separate):
			return l.pick(LockSeparate)
		case key.Matches(msg, l.keys.quit):
			return l.pick(LockQuit)
		}
	}
	return l, nil
}

func (l *lockModel) pick(c LockChoice) (tea.Model, tea.Cmd) {
	l.choice, l.done = c, true
	return l, tea.Quit
}

func (l *lockModel) View() tea.View {
	if l.done {
		return tea.NewView("")
	}
	m := l.frame
	st := m.st
	w := m.contentWidth()
	wrap := lipgloss.NewStyle().Width(min(w, 90))
	head, _ := m.headerLine()
	open := i18n.T("wizard.lock.open")
	if l.q.Holder != "" {
		open = i18n.T("wizard.lock.open_by", apiclient.Sanitize(l.q.Holder))
	}
	lines := []string{head, "",
		st.Title.Render(wrap.Render(open)),
		wrap.Render(i18n.T("wizard.lock.why", apiclient.Sanitize(l.q.Profile))),
		""}
	nameW := 0
	for _, c := range l.choices {
		nameW = max(nameW, ansi.StringWidth(c.name))
	}
	for i, c := range l.choices {
		mark := "  "
		name := padRight(c.name, max(nameW+2, 24))
		if i == l.cursor {
			mark = st.Cursor.Render(cursorMark)
			name = st.Cursor.Render(name)
		}
		// The description wraps under itself when the window is narrow.
		left := mark + st.Title.Render(c.key) + "  " + name
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, left,
			st.Dim.Render(lipgloss.NewStyle().Width(max(w-lipgloss.Width(left), 10)).Render(c.description))))
	}
	k := l.keys
	lines = append(lines, "", m.shortHelp([]key.Binding{k.up, k.choose, k.readOnly, k.separate, k.quit}, w))
	return tea.NewView(st.App.Render(strings.Join(lines, "\n")))
}
