package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
)

// NewCmdDraft builds `draft`, the commands around the wizard's saved draft.
func NewCmdDraft(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use: "draft <command>",
		Example: `  argos-migrate draft show
  argos-migrate draft export > record.json && argos-migrate submit --file record.json
  argos-migrate draft discard --profile acme`,
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.draft.short")
		c.Long = i18n.T("helplong.draft.long")
	})
	c.AddCommand(
		NewCmdDraftShow(f, g, nil),
		NewCmdDraftPath(f, g, nil),
		NewCmdDraftExport(f, g, nil),
		NewCmdDraftDiscard(f, g, nil),
	)
	return c
}

// DraftPathOptions are the inputs of `draft path`.
type DraftPathOptions struct {
	Factory *Factory
	Globals *GlobalOptions
}

// NewCmdDraftPath builds `draft path`, which prints where the draft lives.
func NewCmdDraftPath(f *Factory, g *GlobalOptions, runF func(*DraftPathOptions) error) *cobra.Command {
	opts := &DraftPathOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:  "path",
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return draftPathRun(opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.draft.path")
		c.Long = i18n.T("helplong.draft.path") + "\n\n" + exitCodesHelp(exitMeaning{ExitOK, i18n.T("helplong.draft.exit_printed")}, usageExit())
	})
	return c
}

func draftPathRun(opts *DraftPathOptions) error {
	s, err := openDraftStore(opts.Factory, opts.Globals)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.Factory.IO.Out, s.Path())
	return nil
}

// DraftDiscardOptions are the inputs of `draft discard`.
type DraftDiscardOptions struct {
	Factory *Factory
	Globals *GlobalOptions
}

// NewCmdDraftDiscard builds `draft discard`.
func NewCmdDraftDiscard(f *Factory, g *GlobalOptions, runF func(context.Context, *DraftDiscardOptions) error) *cobra.Command {
	opts := &DraftDiscardOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:  "discard",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return draftDiscardRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.draft.discard")
		c.Long = i18n.T("helplong.draft.discard") + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.draft.exit_discarded")},
			exitMeaning{ExitFailed, i18n.T("helplong.draft.exit_discard_failed")},
			usageExit())
	})
	return c
}

func draftDiscardRun(ctx context.Context, opts *DraftDiscardOptions) error {
	f := opts.Factory
	s, err := openDraftStore(f, opts.Globals)
	if err != nil {
		return err
	}
	lock, err := s.Lock()
	if err != nil {
		return i18n.Errorf("drafts.store.discarding", err)
	}
	defer lock.Unlock()
	// Reading it first names what is deleted; reading never moves it.
	d, err := s.LoadFile(ctx, s.Path())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.discard.none", s.Profile))
		return nil
	case err != nil:
		// Unreadable (corrupt, its key gone or locked away, a newer
		// format): still the draft file, so it goes as asked, once it is
		// sure to be one and not a link or a folder.
		what, cerr := describeDraftFile(s.Path(), f.Now())
		if cerr != nil {
			return i18n.Errorf("drafts.store.discarding", cerr)
		}
		if err := s.Discard(); err != nil {
			return err
		}
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.discard.unreadable", what, apiclient.Sanitize(i18n.Text(err))))
		return nil
	}
	if err := s.Discard(); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.discard.done", d.Headline(f.Now())))
	return nil
}

// describeDraftFile says what the file at path is, for a discard that
// cannot read it: "the draft file PATH (2.1 KiB, last written 14:02
// today)". A link or anything but a regular file is refused: discard
// removes the draft, not something else put in its place.
func describeDraftFile(path string, now time.Time) (string, error) {
	if err := settings.CheckPath(path); err != nil {
		return "", err
	}
	fi, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	return i18n.T("drafts.discard.file", apiclient.Sanitize(path), fi.Size(), draft.When(fi.ModTime(), now)), nil
}
