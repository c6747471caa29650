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
	q      LockQuestion
	frame  *model // the wizard's header and footer, over q.Target
	cursor int
	choice LockChoice
	done   bool
	keys   lockKeys
}

type lockKeys struct {
	up, down, choose, readOnly, separate, quit key.Binding
}

var lockChoices = []struct {
	choice      LockChoice
	key, name   string
	description string
}{
	{LockReadOnly, "r", "Open it read-only", "see the draft; nothing you change here is saved"},
	{LockSeparate, "s", "Start a separate draft", "a new draft beside it, kept apart"},
	{LockQuit, "q", "Quit", "leave the draft to the other argos-migrate"},
}

func newLockModel(q LockQuestion) *lockModel {
	f := &model{target: q.Target, st: newStyles(true), dark: true, width: 80, height: 24, keys: newKeyMap()}
	return &lockModel{q: q, frame: f, choice: LockQuit, keys: lockKeys{
		up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		down:     key.NewBinding(key.WithKeys("down", "j")),
		choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		readOnly: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read-only")),
		separate: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "separate draft")),
		quit:     key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", "quit")),
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
			l.cursor = min(l.cursor+1, len(lockChoices)-1)
		case key.Matches(msg, l.keys.choose):
			return l.pick(lockChoices[l.cursor].choice)
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
	who := "another argos-migrate"
	if l.q.Holder != "" {
		who += " (" + l.q.Holder + ")"
	}
	lines := []string{head, "",
		st.Title.Render(wrap.Render("This profile's draft is open in " + who + ".")),
		wrap.Render(fmt.Sprintf("Two wizards writing the draft of profile %q would overwrite each other's work. What should this one do?", l.q.Profile)),
		""}
	for i, c := range lockChoices {
		mark := "  "
		name := fmt.Sprintf("%-24s", c.name)
		if i == l.cursor {
			mark = st.Cursor.Render("› ")
			name = st.Cursor.Render(name)
		}
		lines = append(lines, mark+st.Title.Render(c.key)+"  "+name+st.Dim.Render(c.description))
	}
	k := l.keys
	lines = append(lines, "", m.shortHelp([]key.Binding{k.up, k.choose, k.readOnly, k.separate, k.quit}, w))
	return tea.NewView(st.App.Render(strings.Join(lines, "\n")))
}
