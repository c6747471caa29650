package cmd

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"syscall"

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
	if err := g.Drafts.check(); err != nil {
		return err
	}
	// A closed terminal (SIGHUP) ends the program like SIGTERM does, so that
	// Run saves the draft before the process exits.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
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
	drafts, err := prepareDrafts(ctx, f, g, target.Profile, askLockChoice(f))
	if err != nil {
		return err
	}
	defer drafts.release()
	out, err := ui.Run(ctx, ui.Deps{
		In:      f.IO.In,
		Out:     f.IO.ErrOut,
		Submit:  client.Submit,
		Lookup:  client.FindByEmail,
		Drafts:  drafts.opts,
		Initial: drafts.initial,
		Now:     f.Now,
		Target: ui.Target{URL: target.URL, Sandbox: target.Sandbox,
			MaskedKey: MaskKey(target.Key), KeySource: target.KeySource},
	})
	for _, id := range out.IDs {
		fmt.Fprintln(f.IO.Out, id)
	}
	drafts.report(f, out)
	if errors.Is(err, ui.ErrQuit) {
		return fmt.Errorf("%w: %w", ErrCancelled, err)
	}
	if err != nil {
		return fmt.Errorf("in the wizard: %w", err)
	}
	return nil
}
