package cmd

import (
	"context"
	"errors"
	"fmt"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
	"argos-migrate/ui/accessible"
)

// notices are what the line prompts say about drafts before the first
// question: the wizard shows the same under its first screen, and the
// unencrypted drafts as a badge in its header.
func (w *wizardDrafts) notices() []string {
	var n []string
	if w.opts.Unencrypted {
		n = append(n, plainDraftsWarning())
	}
	return append(append(n, w.opts.Notices...), w.after...)
}

// saveAccessible keeps what the line prompts gathered when a session ends
// without a submission, and right before each send. A failed submit is
// remembered the way the wizard remembers it, and a cause that says the
// record may exist (the send under way, or a decline after such a submit)
// as an unknown outcome, so that the record is looked up before the next
// attempt; any other way out (answers ended, declined) just says why.
func (w *wizardDrafts) saveAccessible(f *Factory, t *Target) accessible.SaveDraftFunc {
	return func(ctx context.Context, s apiclient.Submission, reason string, cause error) error {
		if w.opts.Store == nil {
			return i18n.Errorf("drafts.wizard.off")
		}
		now := f.Now()
		outcome := draft.Outcome{Message: reason, At: now}
		var apiErr *apiclient.APIError
		var netErr *apiclient.TransportError
		switch {
		case errors.As(cause, &apiErr), errors.As(cause, &netErr):
			outcome = draft.OutcomeOf(cause, s, now)
		case apiclient.MaybeCreated(cause):
			outcome.Kind = draft.OutcomeUnknown
		}
		return w.opts.Store.Save(ctx, draft.Draft{Submission: s, SavedAt: now, Profile: w.opts.Profile,
			APIURL: t.URL, Outcome: outcome})
	}
}

// succeeded clears the draft after a submission and keeps the small record
// of the last success, as the wizard does: with what attaching its images
// needs, and the images chosen and not attached.
func (w *wizardDrafts) succeeded(ctx context.Context, f *Factory, out accessible.Outcome, url string) {
	if w.opts.Store == nil {
		return
	}
	s := out.Submission
	last := draft.LastSuccess{ID: out.ID, At: f.Now(), Email: s.Email, Admin: s.Admin, IDType: s.IDType, APIURL: url}
	keepImages(&last, out.Images.Pending, out.Images.Err, f.Now())
	if err := w.opts.Store.Cleared(ctx, last); err != nil {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.not_cleared", apiclient.Sanitize(i18n.Text(err))))
	}
}

// pendingImages is the last success's images that wait, as the prompts
// offer them.
func (w *wizardDrafts) pendingImages() *accessible.Pending {
	p := w.opts.Pending
	if p == nil {
		return nil
	}
	return &accessible.Pending{ID: p.ID, Email: p.Email, Admin: p.Admin, IDType: p.IDType, Paths: p.ImagePaths(), LastTry: p.ImagesLastTry()}
}

// keptEarlier records what the prompts did about an earlier record's
// images: attached ones no longer wait.
func (w *wizardDrafts) keptEarlier(ctx context.Context, f *Factory, res *accessible.Images) {
	store, ok := w.opts.Store.(*draft.Store)
	if res == nil || w.opts.Pending == nil || !ok {
		return
	}
	err := store.UpdateSuccess(ctx, w.opts.Pending.ID, func(l *draft.LastSuccess) {
		keepImages(l, res.Pending, res.Err, f.Now())
	})
	if err != nil && !errors.Is(err, draft.ErrNoDraft) {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.images_not_kept", apiclient.Sanitize(i18n.Text(err))))
	}
}

// draftWaits refuses to start piped answers on a profile that has a draft:
// whether to resume it is a question the answers cannot know about, and
// asking it would take their first line, meant for a field (and then blame
// that line). Nothing is read or sent and the draft stays as it was; the
// operator chooses with --new or --resume, said here with where the
// answers would start in the resumed draft: at its first field to fix, or
// at the confirmation when it is complete. Exit 2.
func draftWaits(f *Factory, profile string, d accessible.Draft) error {
	for _, line := range []string{
		i18n.T("cli.accessible.draft_waits", d.Describe(), profile),
		i18n.T("cli.accessible.not_asked"),
		i18n.T("cli.accessible.with_new"),
		i18n.T("cli.accessible.with_resume", d.AnswersStart(f.Now())),
	} {
		fmt.Fprintln(f.IO.ErrOut, line)
	}
	return inputError{i18n.Errorf("cli.accessible.error")}
}
