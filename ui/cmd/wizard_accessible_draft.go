package cmd

import (
	"context"
	"errors"
	"fmt"

	"argos-migrate/apiclient"
	"argos-migrate/forms/draft"
	"argos-migrate/ui/accessible"
)

// notices are what the line prompts say about drafts before the first
// question: the wizard shows the same under its first screen, and the
// unencrypted drafts as a badge in its header.
func (w *wizardDrafts) notices() []string {
	var n []string
	if w.opts.Unencrypted {
		n = append(n, plainDraftsWarning)
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
			return errors.New("drafts are off for this session")
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
// of the last success, as the wizard does.
func (w *wizardDrafts) succeeded(ctx context.Context, f *Factory, id, email string) {
	if w.opts.Store == nil {
		return
	}
	if err := w.opts.Store.Cleared(ctx, draft.LastSuccess{ID: id, At: f.Now(), Email: email}); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "! The draft could not be cleared: %s\n", apiclient.Sanitize(err.Error()))
	}
}
