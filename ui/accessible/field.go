package accessible

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// clearWord is the answer that empties an optional field.
const clearWord = "-"

// walk asks every field, page by page, in the form's order.
func (s *session) walk() error {
	pages := apiclient.AllPages()
	for i, p := range pages {
		title := i18n.T("accessible.walk.page", i+1, len(pages), p.Title())
		if p.Optional {
			title = i18n.T("accessible.walk.page_optional", title)
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
		s.println(fmt.Sprintf("  %d. %s (%s)", i+1, o.LabelIn(i18n.Language()), o.Value))
	}
	prompt := i18n.T("accessible.prompt.text", spec.Label)
	switch {
	case len(opts) > 0:
		prompt = i18n.T("accessible.prompt.choice", spec.Label, len(opts))
	case spec.Kind == apiclient.KindCountry:
		prompt = i18n.T("accessible.prompt.country", spec.Label)
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
		parts = append(parts, i18n.T("accessible.describe.required"))
	} else {
		parts = append(parts, i18n.T("accessible.describe.optional"))
	}
	if spec.Kind != apiclient.KindEnum {
		parts = append(parts, spec.Format)
	}
	cur := s.sub.Get(spec.Key)
	switch {
	case cur == "" && spec.Required:
		parts = append(parts, i18n.T("accessible.describe.empty"))
	case cur == "":
		parts = append(parts, i18n.T("accessible.describe.empty_optional"))
	case spec.Required:
		parts = append(parts, i18n.T("accessible.describe.current", spokenValue(spec, cur)))
	default:
		parts = append(parts, i18n.T("accessible.describe.current_optional", spokenValue(spec, cur), clearWord))
	}
	line := strings.Join(parts, " - ")
	if note := s.notes[spec.Key]; note != "" {
		line += "\n" + i18n.T("accessible.describe.server_said", apiclient.Sanitize(note))
	}
	return line
}

// spokenValue is a value as the prompts and the review say it: enumerations
// and countries with their words (valueWords), sensitive values hidden.
func spokenValue(spec apiclient.FieldSpec, v string) string {
	if _, masked := apiclient.MaskField(spec.Key, v, false); masked {
		return i18n.T("accessible.value.hidden", utf8.RuneCountInString(v))
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
	case fold(a) == clearWord:
		if spec.Required {
			return "", i18n.T("accessible.refused.required", spec.Label)
		}
		return "", ""
	case len(opts) > 0:
		return pickOption(spec, opts, a)
	case spec.Kind == apiclient.KindCountry:
		return s.pickCountry(spec, fold(a))
	}
	return answer, ""
}

// pickOption takes an option's number, its value, or its words in any
// language and any case ("2", "male", "Male", "남성").
func pickOption(spec apiclient.FieldSpec, opts []apiclient.Option, a string) (v, problem string) {
	if n, err := strconv.Atoi(fold(a)); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1].Value, ""
		}
		// The answer as given, not n: a withheld answer is taken out of
		// a refusal by its text (unquote), and n drops a leading zero.
		return "", i18n.T("accessible.refused.no_choice", spec.Label, apiclient.Sanitize(strings.TrimSpace(a)), len(opts))
	}
	for _, o := range opts {
		if strings.EqualFold(o.Value, fold(a)) {
			return o.Value, ""
		}
		for _, words := range inAnyLanguage(func(l i18n.Lang) string { return o.LabelIn(l) }) {
			if optionMatch(a, words) {
				return o.Value, ""
			}
		}
	}
	return a, "" // the rulebook says why, with a suggestion when there is one
}

// problemText puts a broken rule in words: "Birth date is not a real date:
// ... (did you mean "2002-11-08"?)", the rulebook's words after the field's
// name.
func problemText(p *apiclient.FieldError) string {
	return i18n.T("accessible.refused.problem", apiclient.Label(p.Field), apiclient.Sanitize(p.Detail()))
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
		case fold(a) == clearWord:
			return true
		case len(opts) > 0:
			v, problem := pickOption(spec, opts, a)
			return problem == "" && slices.ContainsFunc(opts, func(o apiclient.Option) bool { return o.Value == v })
		case spec.Kind == apiclient.KindCountry:
			_, ok := apiclient.LookupCountry(fold(a))
			return ok || apiclient.GuessCountry(fold(a)) != ""
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
