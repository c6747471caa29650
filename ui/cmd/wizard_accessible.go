package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
	"argos-migrate/ui/accessible"
)

// EnvAccessible turns on accessible mode like --accessible.
const EnvAccessible = "ACCESSIBLE"

// AccessibleMode reports whether the wizard runs as plain line prompts:
// --accessible, ACCESSIBLE set to anything but 0 or false, or TERM=dumb.
func AccessibleMode(f *Factory, g *GlobalOptions) bool {
	switch v := strings.ToLower(strings.TrimSpace(f.Getenv(EnvAccessible))); {
	case g.Accessible:
		return true
	case v != "" && v != "0" && v != "false":
		return true
	}
	return f.Getenv("TERM") == "dumb"
}

// AccessibleRun runs the whole wizard as line prompts on stderr (see package
// accessible), reading answers from stdin, a terminal or a pipe alike. The
// submission id goes to stdout.
func AccessibleRun(ctx context.Context, f *Factory, g *GlobalOptions) error {
	target, err := ResolveTargetContext(ctx, f, g)
	if err != nil {
		return err
	}
	defer target.Close()
	// A prompt about a locked draft would not be accessible: a second
	// session simply keeps a separate draft.
	drafts, err := prepareDrafts(ctx, f, g, target.Profile, func(*draft.LockedError) (lockChoice, error) { return lockSeparate, nil })
	if err != nil {
		return err
	}
	defer drafts.release()
	// On a terminal every read ends with the run: ctrl+c must not wait for
	// Enter, and nothing may keep reading stdin once the run is over.
	in := newTerminalInput(f.IO)
	defer in.Stop()
	if in != nil {
		// At ctrl+c, stop reading the terminal that moment: what is typed
		// next is no longer the session's.
		defer context.AfterFunc(ctx, in.Stop)()
	}
	d := accessible.Deps{
		In: f.IO.In, Out: f.IO.ErrOut, Interactive: f.IO.InTTY, Now: f.Now,
		Target: accessible.Target{URL: target.URL, Sandbox: target.Sandbox,
			MaskedKey: apiclient.MaskKey(target.Key), KeySource: keySourceText(target.KeySource)},
		Profile:   target.Profile,
		Initial:   drafts.initial,
		SaveDraft: drafts.saveAccessible(f, target),
		SetKey: func(ctx context.Context, key string) (accessible.SubmitFunc, error) {
			return setKey(ctx, f, g, target, key)
		},

		// The client is built at each lookup: a key typed or replaced
		// during the session updates target.
		Lookup: func(ctx context.Context, email string) ([]apiclient.FoundSubmission, error) {
			c, err := target.Client(f, g)
			if err != nil {
				return nil, err
			}
			return c.FindByEmail(ctx, email)
		},
	}
	if in != nil {
		d.In, d.ReadSecret = in, in.readSecret
	}
	// Images: after a record is created, and first those an earlier run
	// could not attach. The client is built at each call, as the lookup's.
	d.Attach = func(ctx context.Context, u apiclient.ImageUpload) error {
		c, err := target.Client(f, g)
		if err != nil {
			return err
		}
		return c.AttachImages(ctx, u)
	}
	d.KeepsImages = drafts.opts.Store != nil && !target.Sandbox
	d.PendingImages = drafts.pendingImages()
	if drafts.keep == keepNone {
		d.SaveDraft = nil // said before the first question, and on the way out
	}
	if target.Key == "" {
		d.NeedKey = true
	} else {
		client, err := target.Client(f, g)
		if err != nil {
			return err
		}
		d.Submit = client.Submit
	}
	if found := drafts.opts.Found; found != nil {
		d.Draft = &accessible.Draft{Submission: found.Submission, Saved: found.SavedAt, Note: found.Outcome.Summary(),
			Outcome: found.Outcome.Kind, Resume: drafts.opts.Resume}
		if !d.Interactive && !d.Draft.Resume {
			return draftWaits(f, target.Profile, *d.Draft)
		}
	}
	for _, line := range drafts.notices() {
		fmt.Fprintln(f.IO.ErrOut, line)
	}
	out, err := accessible.Run(ctx, d)
	drafts.keptEarlier(ctx, f, out.Earlier)
	var printed error
	if out.ID != "" {
		printed = printIDs(f, out.ID)
		drafts.succeeded(ctx, f, out, target.URL)
	}
	switch {
	case out.ID != "" || out.Submission.IsZero() || drafts.keep != keepNone:
	case in != nil:
		in.Stop() // the offer reads the terminal afresh
		drafts.offerExport(ctx, f, out.Submission, drafts.why)
	default:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.answers_not_kept", drafts.why))
	}
	if note := drafts.plainNote(); note != "" {
		fmt.Fprintln(f.IO.ErrOut, note)
	}
	if printed != nil {
		return printed
	}
	if out.ID != "" && out.Images.Refused != nil {
		// The record exists (its id is on stdout) but a piped image path
		// was refused: the answers were wrong, exit 2 like any refused
		// answer, saying what became of the record.
		return inputError{i18n.Errorf("commands.wizard.images_refused", out.Images.Refused, out.ID)}
	}
	switch {
	case errors.Is(err, accessible.ErrDeclined):
		return marked(ErrCancelled, err)
	case errors.Is(err, context.Canceled) && !apiclient.SendFailed(err):
		// ctrl+c: the session has said what it kept; exit 130 quietly, as
		// the wizard does.
		return marked(ErrCancelled, ui.ErrQuit)
	case errors.Is(err, accessible.ErrEndOfInput) && apiclient.SendFailed(err), errors.Is(err, accessible.ErrRefusedAnswer) && apiclient.SendFailed(err):
		// The record went out: exit as the last submit ended (1 refused, 3
		// may exist), not as an invalid input.
		return i18n.Errorf("commands.wizard.accessible_failed", err)
	case errors.Is(err, accessible.ErrEndOfInput), errors.Is(err, accessible.ErrRefusedAnswer):
		return inputError{err}
	case err != nil:
		return i18n.Errorf("commands.wizard.accessible_failed", err)
	}
	return nil
}

// inputError is answers that ended early or broke a rule: nothing was sent,
// and like an invalid record file it exits with code 2. The session has
// already said what to fix.
type inputError struct{ err error }

func (e inputError) Error() string    { return e.err.Error() }
func (e inputError) Localize() string { return i18n.Text(e.err) }
func (e inputError) Unwrap() []error  { return []error{apiclient.ErrInvalidRecord, e.err} }

// setKey checks a typed key with the API, stores it for the target's
// profile, and returns a submit function that uses it. A refused key is not
// stored; a key that could not be checked is stored with a warning, as `auth
// login` does; a keyring failure leaves the key in use for this run only.
func setKey(ctx context.Context, f *Factory, g *GlobalOptions, t *Target, key string) (accessible.SubmitFunc, error) {
	if err := apiclient.CheckKeyText(key); err != nil {
		return nil, err
	}
	switch err := t.CheckKey(ctx, f, g, key); {
	case err == nil:
	case errors.Is(err, apiclient.ErrKeyRefused), errors.Is(err, context.Canceled):
		return nil, i18n.Errorf("commands.key.not_stored", err)
	default:
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.key.unchecked_used", apiclient.Sanitize(i18n.Text(err))))
	}
	if was, err := t.StoreKey(ctx, f, key); err != nil {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.key.not_stored_used", apiclient.Sanitize(i18n.Text(err))))
		var ke *keyring.Error
		if errors.As(err, &ke) {
			fmt.Fprintln(f.IO.ErrOut, "  "+ke.Explain())
		}
		t.Key, t.KeySource = key, ""
	} else {
		if was != "" {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.key.stored_sends_was", apiclient.MaskKey(key), t.Profile, apiclient.Sanitize(t.URL), apiclient.Sanitize(was)))
		} else {
			fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.key.stored_sends", apiclient.MaskKey(key), t.Profile, apiclient.Sanitize(t.URL)))
		}
	}
	client, err := t.Client(f, g)
	if err != nil {
		return nil, err
	}
	return client.Submit, nil
}
