package cmd

import (
	"context"
	"errors"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/ui"
)

// WizardRun opens the interactive wizard: `argos-migrate` with no command.
// It resolves where requests go, runs the ui program on stderr and, once the
// program has released the terminal, prints each created submission id on
// stdout.
func WizardRun(ctx context.Context, f *Factory, g *GlobalOptions) error {
	if g.RowGiven || g.Row != 0 {
		return FixRowRun(ctx, f, g)
	}
	if err := g.Drafts.check(); err != nil {
		return err // in accessible mode too
	}
	if AccessibleMode(f, g) {
		return AccessibleRun(ctx, f, g)
	}
	if !f.IO.InTTY || !f.IO.ErrTTY {
		return usageErrorMsg("commands.wizard.no_terminal")
	}
	// A closed terminal (SIGHUP) ends the program like SIGTERM does, so that
	// Run saves the draft before the process exits.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	target, err := ResolveTargetContext(ctx, f, g)
	if err != nil {
		return err
	}
	defer target.Close()
	drafts, err := prepareDrafts(ctx, f, g, target.Profile, askLockChoice(ctx, f, uiTarget(target)))
	if err != nil {
		return err
	}
	defer drafts.release()
	// With no key the wizard asks for one on its first screen.
	s := &wizardSession{f: f, g: g, t: target}
	out, err := ui.Run(ctx, ui.Deps{
		In:             f.IO.In,
		Out:            f.IO.ErrOut,
		Submit:         s.submit,
		Lookup:         s.lookup,
		Attach:         s.attach,
		Drafts:         drafts.opts,
		Initial:        drafts.initial,
		Now:            f.Now,
		Target:         uiTarget(target),
		Keys:           s.keyFuncs(),
		NeedKey:        target.Key == "",
		ProgramOptions: programOptions(f),
	})
	printed := printIDs(f, out.IDs...)
	drafts.report(ctx, f, out)
	reportImages(f, g, target.Profile, out.Images)
	if printed != nil {
		return printed // created: that outweighs how the wizard ended
	}
	if errors.Is(err, ui.ErrQuit) {
		return marked(ErrCancelled, err)
	}
	if err != nil {
		return i18n.Errorf("commands.wizard.failed", err)
	}
	return nil
}

// programOptions hands the program the colour profile lipgloss found for
// stdout at start-up when stdout and stderr are both the terminal: the same
// answer, without asking again. Inside tmux, asking runs `tmux info`, a few
// milliseconds before the first frame.
func programOptions(f *Factory) []tea.ProgramOption {
	if f.IO.OutTTY && f.IO.ErrTTY {
		return []tea.ProgramOption{tea.WithColorProfile(lipgloss.Writer.Profile)}
	}
	return nil
}
