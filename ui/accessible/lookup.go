package accessible

import (
	"context"
	"errors"
	"fmt"

	"argos-migrate/apiclient"
	"argos-migrate/forms/draft"
)

// errSending is the cause of the draft saved right before a send: until the
// answer comes, the record may exist.
var errSending = fmt.Errorf("%w: the session ended while the record was being sent", apiclient.ErrOutcomeUnknown)

// errMayExist marks a draft saved, after a submit with an unknown outcome,
// for a reason that does not settle it (a decline, the end of the answers).
var errMayExist = fmt.Errorf("%w: the last submit may have created the record", apiclient.ErrOutcomeUnknown)

// errNoLookup: the session was started without a lookup function.
var errNoLookup = errors.New("this session cannot look submissions up")

// checkDuplicate runs before sending a record that an earlier submit may
// have created: it looks the email up and says what it found. Nothing found
// means the send goes ahead; a submission found, or a lookup that could not
// be made, asks whether to send anyway, and a no ends the run with
// ErrDeclined (the draft keeps saying the record may exist).
func (s *session) checkDuplicate() error {
	email := apiclient.Sanitize(s.sub.Email)
	s.println("")
	s.println("The last submit of this record may have created it. Looking up submissions for " + email + ".")
	lookup := s.d.Lookup
	if lookup == nil {
		lookup = func(context.Context, string) ([]apiclient.FoundSubmission, error) { return nil, errNoLookup }
	}
	found, err := lookup(s.ctx, s.sub.Email)
	match := apiclient.MatchFound(s.sub, found)
	switch {
	case err != nil && s.ctx.Err() != nil:
		return s.ctx.Err() // ctrl+c
	case err != nil:
		s.println("! The lookup could not be made, so whether this record exists is unknown: " + apiclient.Sanitize(err.Error()))
		s.println("Check the dashboard for " + email + " before sending it again.")
	case len(match.Matches) > 0:
		if len(match.Matches) > 1 {
			s.println(fmt.Sprintf("! A duplicate already exists: %d submissions match this record (its email and user id).", len(match.Matches)))
		}
		for _, f := range match.Matches {
			when := "at an unknown time"
			if !f.CreatedAt.IsZero() {
				when = "at " + draft.When(f.CreatedAt, s.d.Now())
			}
			s.println(fmt.Sprintf("! A submission for this email was created %s (id %s).", when, apiclient.Sanitize(f.ID)))
		}
		if len(match.Matches) > 1 {
			s.println("The newest is " + apiclient.Sanitize(match.Taken().ID) + ", most likely the record sent last time. Sending again creates another one.")
		} else {
			s.println("It is most likely the record sent last time. Sending again creates a second one.")
		}
	case match.Others > 0:
		// Other people's submissions: the server did not filter as asked,
		// so its answer says nothing about this record.
		s.println(fmt.Sprintf("! The lookup answered, but nothing matches this record: %d submission(s) for another email or user id.", match.Others))
		s.println("The server may not have looked for this email alone, so whether this record exists is unknown. Check the dashboard for " +
			email + " before sending it again.")
	default:
		s.println("No submission was found for " + email + ": the last attempt did not create it, as far as the server's lookup shows.")
		s.mayExist = false
		return nil
	}
	yes, err := s.yesNo("Send anyway?", "the duplicate question")
	if err != nil {
		return err
	}
	if !yes {
		s.println("Not submitted.")
		return fmt.Errorf("%w: the record may already exist", ErrDeclined)
	}
	return nil
}
