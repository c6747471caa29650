package accessible

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
)

// maxKeyTries bounds how often a refused key is asked again on a terminal.
const maxKeyTries = 3

// send submits the record through the injected submit function. Right
// before, the draft is saved as "outcome unknown": if the program dies while
// the request is out, the next run looks the record up first.
func (s *session) send() (string, error) {
	s.println("")
	s.println("Submitting. This takes a moment.")
	if s.d.SaveDraft != nil {
		// A failed save is reported by the save at the end, if it fails too.
		_ = s.d.SaveDraft(context.WithoutCancel(s.ctx), s.sub, errSending.Error(), errSending)
	}
	id, err := s.submit(s.ctx, s.sub)
	if err != nil {
		s.mayExist = s.mayExist || apiclient.MaybeCreated(err)
		s.lastFail = err
		return "", err
	}
	s.mayExist, s.lastFail = false, nil
	s.println("✓ Submission created. Submission id: " + apiclient.Sanitize(id))
	return id, nil
}

// afterFailure explains a failed submit and offers the next step the
// failure policy allows: fix the field the server named, enter another key,
// or try again when that cannot create a duplicate. again is true to go back
// to the review; otherwise the run ends with err.
func (s *session) afterFailure(cause error) (again bool, err error) {
	if errors.Is(cause, context.Canceled) && s.ctx.Err() != nil {
		return false, cause // ctrl+c: the program is ending
	}
	f := apiclient.Classify(cause, s.sub)
	s.explain(f)
	switch {
	case f.Field != "":
		if s.notes == nil {
			s.notes = map[string]string{}
		}
		s.notes[f.Field] = f.Note
		s.println("Next: fix " + apiclient.Label(f.Field) + "; everything else you gave is kept.")
		if err := s.askField(f.Field); err != nil {
			return false, err
		}
		return true, nil
	case f.KeyRefused() && s.d.SetKey != nil:
		yes, err := s.yesNo("Enter another API key now?", "the key question")
		if err != nil || !yes {
			return false, firstErr(err, cause)
		}
		if err := s.askKey(); err != nil {
			return false, err
		}
		return true, nil
	case f.Retryable() && !s.mayExist:
		yes, err := s.yesNo("Try again?", "the retry question")
		if err != nil || !yes {
			return false, firstErr(err, cause)
		}
		return true, nil
	}
	return false, cause
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// explain says what went wrong and whether the record may exist, in words
// (the symbols only repeat them), as the failure policy puts it.
func (s *session) explain(f apiclient.Failure) {
	s.println("✗ Error: " + f.Title + ".")
	if f.Detail != "" {
		s.println("  Detail: " + f.Detail)
	}
	s.println(f.Explain)
	if f.MayExist() || s.mayExist {
		s.println("! Warning: " + apiclient.OutcomeUnknown.Consequence())
	} else {
		s.println(f.Consequence())
	}
}

// askKey asks for an API key until SetKey accepts one; the key is never
// printed.
func (s *session) askKey() error {
	profile := s.d.Profile
	if profile == "" {
		profile = "default"
	}
	s.println("")
	s.println(fmt.Sprintf("No usable API key for profile %q. Paste the project's API key from the ARGOS dashboard; "+
		"it is stored in the OS keyring and never shown.", apiclient.Sanitize(profile)))
	for try := 1; ; try++ {
		key, err := s.askSecret("API key: ")
		if err != nil {
			return err
		}
		submit, err := s.d.SetKey(s.ctx, strings.TrimSpace(key))
		if err == nil {
			s.submit = submit
			s.println("✓ The key is set.")
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		if rerr := s.refuse(apiclient.Sanitize(err.Error())); rerr != nil {
			return rerr
		}
		if try == maxKeyTries {
			return fmt.Errorf("no key accepted after %d tries: %w", maxKeyTries, err)
		}
	}
}
