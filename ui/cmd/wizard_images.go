package cmd

import (
	"context"
	"fmt"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

// attach sends images with the current key and setting, as submit sends
// records.
func (s *wizardSession) attach(ctx context.Context, u apiclient.ImageUpload) error {
	c, err := s.currentClient()
	if err != nil {
		return err
	}
	return c.AttachImages(ctx, u)
}

// findPending reads the profile's last success and, when images chosen for
// that record were not attached, offers them at start ("record created,
// images failed"). Not for --sandbox runs: the built-in sandbox lives as
// long as the run, so the record is gone with the run that created it.
// Not without a store that keeps what happens next.
func (w *wizardDrafts) findPending(ctx context.Context, store *draft.Store, sandbox bool) {
	if sandbox || w.opts.Store == nil || store.ReadOnly {
		return
	}
	if l, err := store.LastSuccess(ctx); err == nil && l.ImagesPending() {
		w.opts.Pending = &l
	}
}

// reportImages says, once the terminal is released, what waits: images
// chosen for a record and not attached.
func reportImages(f *Factory, g *GlobalOptions, profile string, out ui.ImagesOutcome) {
	id := apiclient.Sanitize(out.PendingID)
	switch {
	case id == "":
	case g.Sandbox:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.sandbox_images", id))
	case out.Kept:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.images_kept", id, resumeCommand(g, profile)+" --resume", resumeCommand(g, profile)+" image"))
	default:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.images_lost", id,
			commandLine(resumeCommand(g, profile), "image", "--submission", shellWord(out.PendingID), "--admin", "EMAIL", "--selfie", "FILE", "…")))
	}
}
