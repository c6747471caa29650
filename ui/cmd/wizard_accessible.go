package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/forms/draft"
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
	d := accessible.Deps{
		In: f.IO.In, Out: f.IO.ErrOut, Interactive: f.IO.InTTY, Now: f.Now,
		Target: accessible.Target{URL: target.URL, Sandbox: target.Sandbox,
			MaskedKey: apiclient.MaskKey(target.Key), KeySource: target.KeySource},
		Profile:   target.Profile,
		Initial:   drafts.initial,
		SaveDraft: drafts.saveAccessible(f, target),
		SetKey: func(ctx context.Context, key string) (accessible.SubmitFunc, error) {
			return setKey(ctx, f, g, target, key)
		},
		ReadSecret: secretReader(f.IO),
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
			Outcome: found.Outcome.Kind}
	}
	for _, line := range drafts.notices() {
		fmt.Fprintln(f.IO.ErrOut, line)
	}
	out, err := accessible.Run(ctx, d)
	if out.ID != "" {
		fmt.Fprintln(f.IO.Out, out.ID)
		drafts.succeeded(ctx, f, out.ID, out.Submission.Email)
	}
	if note := drafts.plainNote(); note != "" {
		fmt.Fprintln(f.IO.ErrOut, note)
	}
	switch {
	case errors.Is(err, accessible.ErrDeclined):
		return fmt.Errorf("%w: %w", ErrCancelled, err)
	case errors.Is(err, accessible.ErrEndOfInput) && sentBefore(err), errors.Is(err, accessible.ErrRefusedAnswer) && sentBefore(err):
		// The record went out: exit as the last submit ended (1 refused, 3
		// may exist), not as an invalid input.
		return fmt.Errorf("in the accessible wizard: %w", err)
	case errors.Is(err, accessible.ErrEndOfInput), errors.Is(err, accessible.ErrRefusedAnswer):
		return inputError{err}
	case err != nil:
		return fmt.Errorf("in the accessible wizard: %w", err)
	}
	return nil
}

// sentBefore reports whether err carries a failed submit's error: the
// server refused the record, or it may exist.
func sentBefore(err error) bool {
	var apiErr *apiclient.APIError
	return errors.As(err, &apiErr) || errors.Is(err, apiclient.ErrOutcomeUnknown) || errors.Is(err, apiclient.ErrNotSent)
}

// inputError is answers that ended early or broke a rule: nothing was sent,
// and like an invalid record file it exits with code 2. The session has
// already said what to fix.
type inputError struct{ err error }

func (e inputError) Error() string   { return e.err.Error() }
func (e inputError) Unwrap() []error { return []error{apiclient.ErrInvalidRecord, e.err} }

// setKey checks a typed key with the API, stores it for the target's
// profile, and returns a submit function that uses it. A refused key is not
// stored; a key that could not be checked is stored with a warning, as `auth
// login` does; a keyring failure leaves the key in use for this run only.
func setKey(ctx context.Context, f *Factory, g *GlobalOptions, t *Target, key string) (accessible.SubmitFunc, error) {
	if err := CheckKeyText(key); err != nil {
		return nil, err
	}
	switch err := t.CheckKey(ctx, f, g, key); {
	case err == nil:
	case errors.Is(err, apiclient.ErrKeyRefused), errors.Is(err, context.Canceled):
		return nil, fmt.Errorf("the key was not stored: %w", err)
	default:
		fmt.Fprintf(f.IO.ErrOut, "! The key could not be checked (%s); it is used anyway, and the submit will tell.\n",
			apiclient.Sanitize(err.Error()))
	}
	if err := t.StoreKey(ctx, f, key); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "! The key could not be stored (%s); it is used for this run only.\n",
			apiclient.Sanitize(err.Error()))
		var ke *keyring.Error
		if errors.As(err, &ke) {
			fmt.Fprintln(f.IO.ErrOut, "  "+ke.Explain())
		}
		t.Key, t.KeySource = key, ""
	} else {
		fmt.Fprintf(f.IO.ErrOut, "Stored the key (%s) for profile %q in the OS keyring.\n", apiclient.MaskKey(key), t.Profile)
	}
	client, err := t.Client(f, g)
	if err != nil {
		return nil, err
	}
	return client.Submit, nil
}

// secretReader reads a line without echo when stdin is a terminal; nil
// (read the key like any answer) on a pipe, which does not echo anyway.
func secretReader(s *IOStreams) func() (string, error) {
	file, ok := s.In.(*os.File)
	if !s.InTTY || !ok {
		return nil
	}
	return func() (string, error) {
		b, err := term.ReadPassword(file.Fd())
		if err != nil {
			return "", fmt.Errorf("reading the key: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}
