package accessible

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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

// afterFailure explains a failed submit and offers the next step: fix the
// field the server named, enter another key, or try again when that cannot
// create a duplicate. again is true to go back to the review; otherwise the
// run ends with err.
func (s *session) afterFailure(cause error) (again bool, err error) {
	if errors.Is(cause, context.Canceled) && s.ctx.Err() != nil {
		return false, cause // ctrl+c: the program is ending
	}
	s.explain(cause)
	if key := fixKey(cause, s.sub); key != "" {
		var apiErr *apiclient.APIError
		errors.As(cause, &apiErr)
		note := apiclient.Sanitize(apiErr.Message)
		if note == "" {
			note = apiErr.Code
		}
		if s.notes == nil {
			s.notes = map[string]string{}
		}
		s.notes[key] = note
		s.println("Next: fix " + fieldLabel(key) + "; everything else you gave is kept.")
		if err := s.askField(key); err != nil {
			return false, err
		}
		return true, nil
	}
	if isForbidden(cause) && s.d.SetKey != nil {
		yes, err := s.yesNo("Enter another API key now?", "the key question")
		if err != nil || !yes {
			return false, firstErr(err, cause)
		}
		if err := s.askKey(); err != nil {
			return false, err
		}
		return true, nil
	}
	if canRetry(cause) {
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

// explain says what went wrong, whether the record may exist, in words (the
// symbols only repeat them).
func (s *session) explain(err error) {
	var apiErr *apiclient.APIError
	var redirect *apiclient.RedirectError
	title, explain := "The submit failed.", "Something unexpected went wrong."
	switch {
	case errors.As(err, &apiErr):
		title = "The server refused the record"
		switch {
		case apiErr.Status == http.StatusForbidden:
			title = "The server refused the API key"
		case apiErr.Status >= 200 && apiErr.Status < 300:
			title = "The server's answer could not be read"
		case apiErr.Status >= 500 || apiErr.Code == apiclient.CodeProcessingError:
			title = "The server failed"
		}
		title += fmt.Sprintf(" (HTTP %d", apiErr.Status)
		if apiErr.Code != "" {
			title += ", " + apiErr.Code
		}
		title += ")"
		if apiErr.Message != "" {
			title += ": " + apiErr.Message
		}
		explain = apiErr.Explain()
	case errors.As(err, &redirect):
		title, explain = "The server answered with a redirect.", redirect.Explain()
	case errors.Is(err, context.Canceled):
		title, explain = "The submit was stopped.", "It was stopped before an answer came back."
	case errors.Is(err, apiclient.ErrNotSent):
		title, explain = "Could not reach the server.", "The request never left this machine, so trying again cannot create a duplicate."
	case errors.Is(err, apiclient.ErrOutcomeUnknown):
		title, explain = "No answer from the server.", "The record was sent but no answer came back in time."
	}
	s.println("✗ Error: " + apiclient.Sanitize(title))
	if detail := apiclient.Sanitize(err.Error()); detail != "" && !strings.Contains(title, detail) {
		s.println("  Detail: " + detail)
	}
	s.println(apiclient.Sanitize(explain))
	if apiclient.MaybeCreated(err) {
		s.println("! Warning: the record may have been created. Check the dashboard before submitting it again.")
	} else {
		s.println("The record was not created.")
	}
}

// fixKey is the field the operator can fix after a refusal: the one the
// server named, the admin account, or the first required field that is
// empty (missing_data names none). "" when there is none.
func fixKey(err error, sub apiclient.Submission) string {
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	switch apiErr.Code {
	case apiclient.CodeInvalidAdmin:
		return apiclient.FieldAdmin
	case apiclient.CodeMissingData:
		for _, k := range fieldOrder() {
			if spec, _ := apiclient.Spec(k); spec.Required && strings.TrimSpace(sub.Get(k)) == "" {
				return k
			}
		}
		return apiclient.FieldAdmin // every required field is filled: ask the first
	case apiclient.CodeInvalidFormat, apiclient.CodeInvalidParameter:
		if _, ok := apiclient.Spec(apiErr.Field); ok {
			return apiErr.Field
		}
	}
	return ""
}

func isForbidden(err error) bool {
	var apiErr *apiclient.APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusForbidden
}

// canRetry reports whether sending again cannot create a duplicate.
func canRetry(err error) bool {
	if apiclient.MaybeCreated(err) {
		return false
	}
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status == http.StatusTooManyRequests
	}
	return errors.Is(err, apiclient.ErrNotSent) || errors.Is(err, context.Canceled)
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
