package accessible

import (
	"context"
	"fmt"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// errSending is the cause of the draft saved right before a send: until the
// answer comes, the record may exist.
var errSending error = &causeText{apiclient.ErrOutcomeUnknown, "accessible.error.sending"}

// errMayExist marks a draft saved, after a submit with an unknown outcome,
// for a reason that does not settle it (a decline, the end of the answers).
var errMayExist error = &causeText{apiclient.ErrOutcomeUnknown, "accessible.error.may_exist"}

// checkDuplicate runs before sending a record that an earlier submit may
// have created: it looks the email up and says what it found. Nothing found
// means the send goes ahead; a submission found, or a lookup that could not
// be made, asks whether to send anyway, and a no ends the run with
// ErrDeclined (the draft keeps saying the record may exist).
func (s *session) checkDuplicate() error {
	email := apiclient.Sanitize(s.sub.Email)
	s.println("")
	s.println(i18n.T("accessible.lookup.looking", email))
	lookup := s.d.Lookup
	if lookup == nil {
		lookup = func(context.Context, string) ([]apiclient.FoundSubmission, error) { return nil, apiclient.ErrNoLookup }
	}
	found, err := lookup(s.ctx, s.sub.Email)
	match := apiclient.MatchFound(s.sub, found)
	switch {
	case err != nil && s.ctx.Err() != nil:
		return s.ctx.Err() // ctrl+c
	case err != nil:
		s.println(i18n.T("accessible.lookup.failed", apiclient.LookupWhy(err, s.sub)))
		s.println(i18n.T("accessible.lookup.check", email))
	case len(match.Matches) > 0:
		if len(match.Matches) > 1 {
			s.println(i18n.T("accessible.lookup.duplicates", len(match.Matches)))
		}
		for _, f := range match.Matches {
			line := i18n.T("accessible.lookup.found_unknown_time", apiclient.Sanitize(f.ID))
			if !f.CreatedAt.IsZero() {
				line = i18n.T("accessible.lookup.found", draft.When(f.CreatedAt, s.d.Now()), apiclient.Sanitize(f.ID))
			}
			s.println(line)
		}
		if len(match.Matches) > 1 {
			s.println(i18n.T("accessible.lookup.newest", apiclient.Sanitize(match.Taken().ID)))
		} else {
			s.println(i18n.T("accessible.lookup.likely"))
		}
	case match.Others > 0:
		// Other people's submissions: the server did not filter as asked,
		// so its answer says nothing about this record.
		s.println(i18n.T("accessible.lookup.others", match.Others))
		s.println(i18n.T("accessible.lookup.unfiltered", email))
	default:
		s.println(i18n.T("accessible.lookup.none", email))
		s.mayExist = false
		return nil
	}
	yes, err := s.yesNo(i18n.T("accessible.lookup.send_anyway"), i18n.T("accessible.what.duplicate"))
	if err != nil {
		return err
	}
	if !yes {
		s.println(i18n.T("accessible.confirm.declined"))
		return fmt.Errorf("%w: %s", ErrDeclined, i18n.T("accessible.error.may_already_exist"))
	}
	return nil
}
