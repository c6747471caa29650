package accessible

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient"
)

// clearWord is the answer that empties an optional field.
const clearWord = "-"

// walk asks every field, page by page, in the form's order.
func (s *session) walk() error {
	pages := apiclient.AllPages()
	for i, p := range pages {
		title := fmt.Sprintf("Page %d of %d: %s", i+1, len(pages), p.Title())
		if p.Optional {
			title += " (every field optional)"
		}
		s.println("")
		s.println(title)
		for _, k := range p.Keys {
			if err := s.askField(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// askField asks one field until the answer passes the rulebook.
func (s *session) askField(key string) error {
	spec, _ := apiclient.Spec(key)
	s.at = key
	s.println(s.describe(spec))
	opts := apiclient.EnumOptions(key)
	for i, o := range opts {
		s.println(fmt.Sprintf("  %d. %s (%s)", i+1, o.Label, o.Value))
	}
	prompt := spec.Label + ": "
	switch {
	case len(opts) > 0:
		prompt = fmt.Sprintf("%s, a number from 1 to %d: ", spec.Label, len(opts))
	case spec.Kind == apiclient.KindCountry:
		prompt = spec.Label + ", a code or a country name: "
	}
	for {
		answer, err := s.ask(prompt, spec.Label, s.fieldRepeatable(spec, opts))
		if err != nil {
			return err
		}
		v, problem := s.interpret(spec, opts, answer)
		if problem == "" {
			old := s.sub.Get(key)
			s.sub.Set(key, v)
			if p := apiclient.CheckField(&s.sub, key, s.d.Now()); p != nil {
				s.sub.Set(key, old)
				problem = problemText(p)
			}
		}
		if problem != "" {
			if err := s.refuse(problem); err != nil {
				return err
			}
			continue
		}
		delete(s.notes, key)
		return nil
	}
}

// describe is the line before a field's prompt: its name and wire key,
// whether it is required, the format, the current value and, after a
// refusal, the server's message.
func (s *session) describe(spec apiclient.FieldSpec) string {
	parts := []string{fmt.Sprintf("%s (%s)", spec.Label, spec.Key)}
	if spec.Required {
		parts = append(parts, "required")
	} else {
		parts = append(parts, "optional")
	}
	if spec.Kind != apiclient.KindEnum {
		parts = append(parts, spec.Format)
	}
	cur := s.sub.Get(spec.Key)
	switch {
	case cur == "" && spec.Required:
		parts = append(parts, "currently empty")
	case cur == "":
		parts = append(parts, "currently empty (Enter leaves it empty)")
	case spec.Required:
		parts = append(parts, "currently "+spokenValue(spec, cur)+" (Enter keeps it)")
	default:
		parts = append(parts, "currently "+spokenValue(spec, cur)+" (Enter keeps it, "+clearWord+" clears it)")
	}
	line := strings.Join(parts, " - ")
	if note := s.notes[spec.Key]; note != "" {
		line += "\nThe server said: " + apiclient.Sanitize(note)
	}
	return line
}

// spokenValue is a value as the prompts and the review say it: enumerations
// and countries with their words (apiclient.ValueWords), sensitive values
// hidden.
func spokenValue(spec apiclient.FieldSpec, v string) string {
	if spec.Sensitive {
		return fmt.Sprintf("hidden, %d characters", utf8.RuneCountInString(v))
	}
	return apiclient.ValueWords(spec.Key, v)
}

// interpret turns an answer into the value to check: Enter keeps the
// current value, "-" clears an optional field, a number picks an option and
// a country name becomes its code. problem, when not empty, says why the
// answer cannot be taken.
func (s *session) interpret(spec apiclient.FieldSpec, opts []apiclient.Option, answer string) (v, problem string) {
	cur := s.sub.Get(spec.Key)
	a := strings.TrimSpace(answer)
	switch {
	case answer == "":
		return cur, ""
	case a == clearWord:
		if spec.Required {
			return "", spec.Label + " is required and cannot be cleared"
		}
		return "", ""
	case len(opts) > 0:
		return pickOption(spec, opts, a)
	case spec.Kind == apiclient.KindCountry:
		return s.pickCountry(spec, a)
	}
	return answer, ""
}

// pickOption takes an option's number, its value, or its words in any case.
func pickOption(spec apiclient.FieldSpec, opts []apiclient.Option, a string) (v, problem string) {
	if n, err := strconv.Atoi(a); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1].Value, ""
		}
		return "", fmt.Sprintf("%s has no choice %d; type a number from 1 to %d", spec.Label, n, len(opts))
	}
	for _, o := range opts {
		if strings.EqualFold(o.Value, a) || strings.EqualFold(o.Label, a) {
			return o.Value, ""
		}
	}
	return a, "" // the rulebook says why, with a suggestion when there is one
}

// problemText puts a broken rule in words: "Birth date is not a real date:
// ... (did you mean "2002-11-08"?)".
func problemText(p *apiclient.FieldError) string {
	msg := apiclient.Label(p.Field) + " " + apiclient.Sanitize(p.Message)
	if p.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", strconv.Quote(apiclient.Sanitize(p.Suggestion)))
	}
	return msg
}

// fieldRepeatable says which answers to a field the transcript repeats:
// none for a sensitive field; for the others, only an answer whose form
// the field's kind fixes and an identity number or a key cannot take (a
// choice, a country, a date, an email address, an IP address, or "-").
// Free text is not repeated, whatever the field: a shifted answer file puts
// the identity number there.
func (s *session) fieldRepeatable(spec apiclient.FieldSpec, opts []apiclient.Option) repeatable {
	if spec.Sensitive {
		return nil
	}
	return func(answer string) bool {
		a := strings.TrimSpace(answer)
		switch {
		case a == clearWord:
			return true
		case len(opts) > 0:
			v, problem := pickOption(spec, opts, a)
			return problem == "" && slices.ContainsFunc(opts, func(o apiclient.Option) bool { return o.Value == v })
		case spec.Kind == apiclient.KindCountry:
			_, ok := apiclient.LookupCountry(a)
			return ok || apiclient.GuessCountry(a) != ""
		case spec.Kind == apiclient.KindDate:
			return isDateShape(a)
		case spec.Kind == apiclient.KindEmail, spec.Kind == apiclient.KindIP:
			probe := apiclient.Submission{}
			probe.Set(spec.Key, a)
			return apiclient.CheckField(&probe, spec.Key, s.d.Now()) == nil
		}
		return false
	}
}

// isDateShape matches NNNN-NN-NN, a date as asked even when it is not a
// real one (the refusal says why): no identity number has that form.
func isDateShape(a string) bool {
	if len(a) != 10 || a[4] != '-' || a[7] != '-' {
		return false
	}
	for i := 0; i < len(a); i++ {
		if i != 4 && i != 7 && (a[i] < '0' || a[i] > '9') {
			return false
		}
	}
	return true
}
