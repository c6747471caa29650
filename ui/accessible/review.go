package accessible

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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
	s.println(i18n.T("accessible.review.title"))
	n := 0
	for _, p := range apiclient.AllPages() {
		s.println(p.Title())
		for _, k := range p.Keys {
			n++
			spec, _ := apiclient.Spec(k)
			v := i18n.T("accessible.review.empty")
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
	s.println(i18n.T("accessible.review.to_fix", len(ve.Problems)))
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
// after an edit (review again), or ErrDeclined on a no. It takes a yes, a
// no or an edit in any language: "y", "예", "edit 3", "수정 3", "수정3".
func (s *session) confirm() (bool, error) {
	s.println("")
	prompt := i18n.T("accessible.confirm.prompt", destination(s.d.Target))
	for {
		a, err := s.ask(prompt, i18n.T("accessible.what.confirmation"), isConfirmation)
		if err != nil {
			return false, err
		}
		word, rest := command(a)
		switch {
		case rest == "" && isWord(wordsYes, word):
			return true, nil
		case rest == "" && (isWord(wordsNo, word) || isWord(wordsQuit, word)):
			s.println(i18n.T("accessible.confirm.declined"))
			return false, ErrDeclined
		case isWord(wordsEdit, word):
			if rest == "" {
				rest, err = s.ask(i18n.T("accessible.confirm.which"), i18n.T("accessible.what.field_to_edit"),
					func(a string) bool { _, ok := lookupField(a); return ok })
				if err != nil {
					return false, err
				}
			}
			key, ok := lookupField(rest)
			if !ok {
				if err := s.refuse(i18n.T("accessible.refused.no_field",
					apiclient.Sanitize(strings.TrimSpace(rest)), len(apiclient.AllKeys()))); err != nil {
					return false, err
				}
				continue
			}
			return false, s.askField(key)
		}
		if err := s.refuse(i18n.T("accessible.refused.confirm")); err != nil {
			return false, err
		}
	}
}

// command splits an answer to the confirmation into its first word and the
// rest: "edit 3", "수정 이메일", and "수정3" or "edit3", a word of edit
// run into a number.
func command(a string) (word, rest string) {
	a = fold(a)
	word, rest, _ = strings.Cut(a, " ")
	rest = strings.TrimSpace(rest)
	if rest == "" {
		if i := strings.IndexFunc(word, func(r rune) bool { return r >= '0' && r <= '9' }); i > 0 && isWord(wordsEdit, word[:i]) {
			if _, err := strconv.Atoi(word[i:]); err == nil {
				return word[:i], word[i:]
			}
		}
	}
	return word, rest
}

// isConfirmation repeats an answer to the confirmation that is one: a yes,
// a no, or edit and a field.
func isConfirmation(a string) bool {
	word, rest := command(a)
	switch {
	case isWord(wordsYes, word), isWord(wordsNo, word), isWord(wordsQuit, word):
		return rest == ""
	case isWord(wordsEdit, word):
		_, ok := lookupField(rest)
		return ok || rest == ""
	}
	return false
}

// lookupField finds a field by its number in the review, its wire key or its
// label in any language, in any case and whatever the spaces.
func lookupField(a string) (string, bool) {
	a = fold(a)
	order := apiclient.AllKeys()
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(order) {
			return order[n-1], true
		}
		return "", false
	}
	for _, k := range order {
		if strings.EqualFold(k, a) {
			return k, true
		}
		for _, label := range inAnyLanguage(func(l i18n.Lang) string { return apiclient.LabelIn(l, k) }) {
			if namesMatch(a, label) {
				return k, true
			}
		}
	}
	return "", false
}

// offerDraft asks whether to resume a saved draft, unless the operator
// asked for it already (--resume); a resumed draft goes straight to the
// review.
func (s *session) offerDraft() (bool, error) {
	dr := s.d.Draft
	s.println("")
	s.println(i18n.T("accessible.draft.found_line", dr.Describe()))
	if dr.Resume {
		s.println(i18n.T("accessible.draft.resumed", dr.AnswersStart(s.d.Now())))
	} else {
		resume, err := s.yesNo(i18n.T("accessible.draft.resume"), i18n.T("accessible.what.draft"))
		if err != nil || !resume {
			return false, err
		}
	}
	s.sub = dr.Submission
	s.mayExist = dr.Outcome == draft.OutcomeUnknown
	return true, nil
}

// AnswersStart says where the answers start once the draft is resumed
// (--resume): the review asks first for each field that breaks a rule, in
// the order it lists them, and then whether to send; a complete draft's
// answers start at that question. Piped answers are written to it.
func (dr Draft) AnswersStart(now time.Time) string {
	var ve *apiclient.ValidationError
	if !errors.As(apiclient.Validate(dr.Submission, now), &ve) || len(ve.Problems) == 0 {
		return i18n.T("accessible.draft.starts_confirm")
	}
	return i18n.T("accessible.draft.starts_field", len(ve.Problems), apiclient.Label(ve.Problems[0].Field))
}

// Describe says in a sentence's words which draft this is: how many fields
// it holds, when it was saved, and what happened last time.
func (dr Draft) Describe() string {
	filled := 0
	for _, f := range apiclient.Fields {
		if dr.Submission.Get(f.Key) != "" {
			filled++
		}
	}
	line := i18n.T("accessible.draft.found", filled)
	if !dr.Saved.IsZero() {
		line = i18n.T("accessible.draft.found_on", filled, dr.Saved.Format("2006-01-02"), dr.Saved.Format("15:04"))
	}
	if dr.Note != "" {
		line = i18n.T("accessible.draft.found_note", line, apiclient.Sanitize(dr.Note))
	}
	return line
}
