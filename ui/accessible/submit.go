package accessible

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// maxKeyTries bounds how often a refused key is asked again on a terminal.
const maxKeyTries = 3

// send submits the record through the injected submit function. Right
// before, the draft is saved as "outcome unknown": if the program dies while
// the request is out, the next run looks the record up first.
func (s *session) send() (string, error) {
	s.println("")
	s.println(i18n.T("accessible.send.sending"))
	if s.d.SaveDraft != nil {
		// A failed save is reported by the save at the end, if it fails too.
		_ = s.d.SaveDraft(context.WithoutCancel(s.ctx), s.sub, i18n.T("accessible.reason.sending"), errSending)
	}
	id, err := s.submit(s.ctx, s.sub)
	if err != nil {
		s.mayExist = s.mayExist || apiclient.MaybeCreated(err)
		s.lastFail = err
		return "", err
	}
	s.mayExist, s.lastFail = false, nil
	s.println(i18n.T("accessible.send.created", apiclient.Sanitize(id)))
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
		s.println(i18n.T("accessible.failure.fix", apiclient.Label(f.Field)))
		if err := s.askField(f.Field); err != nil {
			return false, err
		}
		return true, nil
	case f.KeyRefused() && s.d.SetKey != nil:
		yes, err := s.yesNo(i18n.T("accessible.failure.other_key"), i18n.T("accessible.what.other_key"))
		if err != nil || !yes {
			return false, firstErr(err, cause)
		}
		if err := s.askKey(); err != nil {
			return false, err
		}
		return true, nil
	case f.Retryable() && !s.mayExist:
		yes, err := s.yesNo(i18n.T("accessible.failure.retry"), i18n.T("accessible.what.retry"))
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
	s.println(i18n.T("accessible.failure.error", f.Title))
	if f.Detail != "" {
		s.println(i18n.T("accessible.failure.detail", f.Detail))
	}
	s.println(f.Explain)
	if f.MayExist() || s.mayExist {
		s.println(i18n.T("accessible.failure.warning", apiclient.OutcomeUnknown.Consequence()))
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
	s.println(i18n.T("accessible.key.intro", apiclient.Sanitize(profile)))
	for try := 1; ; try++ {
		key, err := s.askSecret(i18n.T("accessible.key.prompt"))
		if err != nil {
			return err
		}
		submit, err := s.d.SetKey(s.ctx, strings.TrimSpace(key))
		if err == nil {
			s.submit = submit
			s.println(i18n.T("accessible.key.set"))
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		if rerr := s.refuse(apiclient.Sanitize(i18n.Text(err))); rerr != nil {
			return rerr
		}
		if try == maxKeyTries {
			return fmt.Errorf("%s: %w", i18n.T("accessible.error.no_key", maxKeyTries), err)
		}
	}
}
