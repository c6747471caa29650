package cmd

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"argos-migrate/apiclient"
	"argos-migrate/ui"
)

// WizardRun opens the interactive wizard: `argos-migrate` with no command.
// It resolves where requests go, runs the ui program on stderr and, once the
// program has released the terminal, prints each created submission id on
// stdout.
func WizardRun(ctx context.Context, f *Factory, g *GlobalOptions) error {
	if !f.IO.InTTY || !f.IO.ErrTTY {
		return usageErrorf("the wizard needs a terminal; to submit without one, run `argos-migrate submit --file record.json` (see `argos-migrate submit --help`)")
	}
	target, err := ResolveTarget(f, g)
	if err != nil {
		return err
	}
	defer target.Close()
	if target.Key == "" {
		return fmt.Errorf("%w: set %s to the project's API key, or try the wizard with --sandbox", apiclient.ErrNoKey, EnvAPIKey)
	}
	client, err := target.Client(f, g)
	if err != nil {
		return err
	}
	out, err := ui.Run(ctx, ui.Deps{
		In:     f.IO.In,
		Out:    f.IO.ErrOut,
		Submit: client.Submit,
		Now:    f.Now,
		Target: ui.Target{URL: target.URL, Sandbox: target.Sandbox,
			MaskedKey: MaskKey(target.Key), KeySource: target.KeySource},
		ProgramOptions: programOptions(f),
	})
	for _, id := range out.IDs {
		fmt.Fprintln(f.IO.Out, id)
	}
	if errors.Is(err, ui.ErrQuit) {
		return fmt.Errorf("%w: %w", ErrCancelled, err)
	}
	if err != nil {
		return fmt.Errorf("in the wizard: %w", err)
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
