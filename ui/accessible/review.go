package accessible

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/forms/draft"
)

// reviewAndSubmit shows the record, fixes what breaks a rule, and submits
// on a yes; a refusal the operator can fix sends them back to that field
// and then to the review again.
func (s *session) reviewAndSubmit() (string, error) {
	for {
		s.review()
		if fixed, err := s.fixProblems(); err != nil {
			return "", err
		} else if fixed {
			continue
		}
		submit, err := s.confirm()
		if err != nil {
			return "", err
		}
		if !submit {
			continue // a field was edited: review again
		}
		if s.mayExist {
			if err := s.checkDuplicate(); err != nil {
				return "", err
			}
		}
		id, err := s.send()
		if err == nil {
			return id, nil
		}
		again, err := s.afterFailure(err)
		if !again {
			return "", err
		}
	}
}

// review prints every field, numbered for "edit N", page by page; the
// identity number is hidden.
func (s *session) review() {
	s.at = ""
	s.println("")
	s.println("Review. Nothing has been sent yet.")
	n := 0
	for _, p := range apiclient.AllPages() {
		s.println(p.Title())
		for _, k := range p.Keys {
			n++
			spec, _ := apiclient.Spec(k)
			v := "empty"
			if cur := s.sub.Get(k); cur != "" {
				v = spokenValue(spec, cur)
			}
			s.println(fmt.Sprintf("  %d. %s: %s", n, spec.Label, v))
		}
	}
}

// fixProblems lists the fields that break a rule (after an edit, or in a
// resumed draft) and asks each again. It reports whether there were any.
func (s *session) fixProblems() (bool, error) {
	err := apiclient.Validate(s.sub, s.d.Now())
	var ve *apiclient.ValidationError
	if !errors.As(err, &ve) {
		return false, nil
	}
	s.println("")
	s.println(fmt.Sprintf("✗ %d field(s) need fixing before the record can be sent:", len(ve.Problems)))
	for _, p := range ve.Problems {
		s.println("  " + problemText(p))
	}
	for _, p := range ve.Problems {
		if err := s.askField(p.Field); err != nil {
			return true, err
		}
	}
	return true, nil
}

// confirm asks whether to send the record. It returns true to send, false
// after an edit (review again), or ErrDeclined on a no.
func (s *session) confirm() (bool, error) {
	t := s.d.Target
	where := apiclient.DestinationOf(t.URL, t.Sandbox).Phrase()
	s.println("")
	prompt := "Submit this record to " + where + "? Type y to submit, n to stop without submitting, or edit and a field's number or name (for example: edit 2): "
	for {
		a, err := s.ask(prompt, "the confirmation", isConfirmation)
		if err != nil {
			return false, err
		}
		a = strings.TrimSpace(a)
		word, rest, _ := strings.Cut(a, " ")
		switch strings.ToLower(word) {
		case "y", "yes":
			return true, nil
		case "n", "no", "q", "quit":
			s.println("Not submitted.")
			return false, ErrDeclined
		case "e", "edit":
			if strings.TrimSpace(rest) == "" {
				rest, err = s.ask("Which field? Type its number or name: ", "the field to edit", func(a string) bool { _, ok := lookupField(a); return ok })
				if err != nil {
					return false, err
				}
			}
			key, ok := lookupField(rest)
			if !ok {
				if err := s.refuse(fmt.Sprintf("there is no field %q; type a number from 1 to %d or a name from the review",
					apiclient.Sanitize(strings.TrimSpace(rest)), len(apiclient.AllKeys()))); err != nil {
					return false, err
				}
				continue
			}
			return false, s.askField(key)
		}
		if err := s.refuse("answer y, n, or edit and a field"); err != nil {
			return false, err
		}
	}
}

// isConfirmation repeats an answer to the confirmation that is one: y, n,
// or edit and a field.
func isConfirmation(a string) bool {
	word, rest, _ := strings.Cut(strings.TrimSpace(a), " ")
	switch strings.ToLower(word) {
	case "y", "yes", "n", "no", "q", "quit":
		return rest == ""
	case "e", "edit":
		_, ok := lookupField(rest)
		return ok || strings.TrimSpace(rest) == ""
	}
	return false
}

// lookupField finds a field by its number in the review, its wire key or its
// label, in any case.
func lookupField(a string) (string, bool) {
	a = strings.TrimSpace(a)
	order := apiclient.AllKeys()
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(order) {
			return order[n-1], true
		}
		return "", false
	}
	for _, k := range order {
		if strings.EqualFold(k, a) || strings.EqualFold(apiclient.Label(k), a) {
			return k, true
		}
	}
	return "", false
}

// offerDraft asks whether to resume a saved draft; a resumed draft goes
// straight to the review.
func (s *session) offerDraft() (bool, error) {
	dr := s.d.Draft
	filled := 0
	for _, f := range apiclient.Fields {
		if dr.Submission.Get(f.Key) != "" {
			filled++
		}
	}
	line := fmt.Sprintf("A draft with %d filled field(s) was saved", filled)
	if !dr.Saved.IsZero() {
		line += " on " + dr.Saved.Format("2006-01-02 at 15:04")
	}
	if dr.Note != "" {
		line += " (" + apiclient.Sanitize(dr.Note) + ")"
	}
	s.println("")
	s.println(line + ".")
	resume, err := s.yesNo("Resume it and go to the review?", "the draft question")
	if err != nil || !resume {
		return false, err
	}
	s.sub = dr.Submission
	s.mayExist = dr.Outcome == draft.OutcomeUnknown
	return true, nil
}
