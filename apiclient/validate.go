package apiclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/mail"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode"

	"argos-migrate/apiclient/i18n"
)

// FieldError is one broken field rule, in the server's terms (Code) and in
// words an operator understands (Message, Suggestion).
//
// Message is in the run's language: in English a verb phrase that follows
// the field's name ("is not a real date: February 2023 has 28 days"), in
// Korean a sentence of its own ("없는 날짜입니다: …"). Sentence puts the
// field's label and the message together as the language does; in JSON
// the message is English, as everything a program reads is.
type FieldError struct {
	Field      string `json:"field"`                // wire key
	Code       string `json:"code"`                 // missing_data, invalid_format or invalid_parameter
	Message    string `json:"message"`              // e.g. "is not a real date: February 2023 has 28 days"
	Suggestion string `json:"suggestion,omitempty"` // a corrected value, when there is an obvious one

	msg text // Message, to be said in either language; empty when only Message was given
}

// fieldError is a broken rule whose words are msg.
func fieldError(key, code string, msg text, suggestion string) *FieldError {
	return &FieldError{Field: key, Code: code, Message: msg.String(), Suggestion: suggestion, msg: msg}
}

// Error reads "birthDate: is not a real date ... (did you mean ...?)".
func (e *FieldError) Error() string { return e.Field + ": " + e.Detail() }

// Hint is the message without the field name, for display beside the field,
// its first letter in upper case.
func (e *FieldError) Hint() string { return UpperFirst(e.Detail()) }

// Detail is the message and suggestion, to follow the field's name: in
// English a verb phrase, "Birth date " + "is not a real date: …".
func (e *FieldError) Detail() string { return e.DetailIn(i18n.Language()) }

// DetailIn is Detail in language l.
func (e *FieldError) DetailIn(l i18n.Lang) string { return e.detail().in(l) }

// MessageIn is Message in language l (Message itself when the error was
// made with words of its own).
func (e *FieldError) MessageIn(l i18n.Lang) string {
	if e.msg.id == "" {
		return e.Message
	}
	return e.msg.in(l)
}

// Sentence is the problem as a sentence that names the field by its label,
// in the run's language: "Email has no valid domain after the @",
// "이메일: @ 뒤에 올바른 도메인이 없습니다".
func (e *FieldError) Sentence() string {
	return i18n.T("rules.field.sentence", Label(e.Field), e.Detail())
}

// detail is the message with the suggestion, as a text.
func (e *FieldError) detail() text {
	m := e.msg
	if m.id == "" {
		m = literal(e.Message)
	}
	switch {
	case e.Suggestion == "":
		return m
	case e.Message == "" && e.msg.id == "":
		return say("rules.suggest.alone", e.Suggestion)
	}
	return say("rules.suggest.after", m, e.Suggestion)
}

// MarshalJSON writes the error with its message in English, whatever the
// run's language: JSON is for programs.
func (e FieldError) MarshalJSON() ([]byte, error) {
	type wire FieldError
	w := wire(e)
	w.Message = e.MessageIn(i18n.EN)
	return marshalPlain(w)
}

// marshalPlain is json.Marshal without HTML escaping, as the commands
// write their JSON: a message's "<" stays "<".
func marshalPlain(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// ValidationError lists every broken rule of a record, one per field.
type ValidationError struct {
	Problems []*FieldError
}

// Error joins the problems on one line.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return i18n.T("rules.invalid.record", strings.Join(parts, "; "))
}

// Is makes a ValidationError match ErrInvalidRecord.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRecord }

// Field returns the problem for the given key, or nil.
func (e *ValidationError) Field(key string) *FieldError {
	for _, p := range e.Problems {
		if p.Field == key {
			return p
		}
	}
	return nil
}

// Validate checks the whole record against every rule the server applies and
// a few it does not (dates in the future, expiry before issue) that always
// mean a typo. It returns nil or a *ValidationError. today is the operator's
// current date.
func Validate(s Submission, today time.Time) error {
	var problems []*FieldError
	for _, f := range Fields {
		if p := CheckField(&s, f.Key, today); p != nil {
			problems = append(problems, p)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: problems}
}

// CheckField checks one field of s, including the rules that compare it with
// other fields of the same record. It returns nil when the value is fine.
func CheckField(s *Submission, key string, today time.Time) *FieldError {
	spec, ok := specOf(key)
	if !ok {
		return unknownField(key)
	}
	v := s.Get(key)
	fail := func(msg text, suggestion string) *FieldError {
		if spec.Sensitive {
			// A suggestion is the value corrected: it would print in clear
			// what every screen masks.
			suggestion = ""
		}
		return fieldError(key, CodeInvalidFormat, msg, suggestion)
	}
	if strings.TrimSpace(v) == "" {
		if spec.Required {
			return fieldError(key, CodeMissingData, say("rules.value.required"), "")
		}
		if v != "" {
			return fail(say("rules.value.only_spaces"), "")
		}
		return nil
	}
	if p := checkText(key, v); p != nil {
		return p
	}
	if p := checkInvisible(spec, v); p != nil {
		return p
	}
	if v != strings.TrimSpace(v) {
		if spec.Sensitive {
			return fail(say("rules.value.edge_spaces"), "") // a suggestion would print the value
		}
		return fail(say("rules.value.edge_spaces"), strings.TrimSpace(v))
	}
	switch spec.Kind {
	case KindEmail:
		return checkEmail(v, fail)
	case KindDate:
		return checkDate(s, key, v, today, fail)
	case KindEnum:
		return checkEnum(key, v, fail)
	case KindCountry:
		if _, ok := LookupCountry(v); !ok {
			return fail(say("rules.value.country"), GuessCountry(v))
		}
	case KindIP:
		if _, err := netip.ParseAddr(v); err != nil {
			return fail(say("rules.value.ip"), "")
		}
	}
	return nil
}

// CheckText names the fields of s whose values hold text that would act on
// a terminal instead of showing (escape sequences and other control
// characters) or read differently from what it is (invisible direction
// overrides). Such a record, from a file or a draft, is refused before it is
// drawn: showing it cleaned would change what is sent without a word. It
// returns nil or a *ValidationError.
func CheckText(s Submission) error {
	var problems []*FieldError
	for _, f := range Fields {
		if p := checkText(f.Key, s.Get(f.Key)); p != nil {
			problems = append(problems, p)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: problems}
}

func checkText(key, v string) *FieldError {
	i := strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) })
	if i < 0 {
		return nil
	}
	r := []rune(v[i:])[0]
	msg := say("rules.text.control", codePoint(r))
	if !unicode.IsControl(r) {
		msg = say("rules.text.bidi", codePoint(r))
	}
	return fieldError(key, CodeInvalidFormat, msg, "")
}

// codePoint names a character by its code point: "U+200B".
func codePoint(r rune) string { return fmt.Sprintf("%U", r) }

// unknownField is the problem of a key that is none of the API's fields,
// with the documented key it most likely is.
func unknownField(key string) *FieldError {
	msg := say("rules.value.unknown_field")
	if k := SuggestKey(key); k != "" {
		msg = say("rules.suggest.after", msg, k)
	}
	return fieldError(key, CodeInvalidParameter, msg, "")
}

func checkEmail(v string, fail func(text, string) *FieldError) *FieldError {
	if !plainAddress(v) {
		addr, err := mail.ParseAddress(v)
		if err != nil || addr.Address != v || addr.Name != "" {
			if addr != nil && addr.Address != v {
				return fail(say("rules.email.bare"), addr.Address)
			}
			return fail(say("rules.email.invalid"), "")
		}
	}
	at := strings.LastIndexByte(v, '@')
	domain := v[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") {
		return fail(say("rules.email.domain"), "")
	}
	return nil
}

// plainAddress recognises, without the allocations of mail.ParseAddress,
// the common shape of address that ParseAddress takes as it is, with no
// name: a local part and a domain of letters, digits and a few symbols, in
// dot-separated runs. Anything else goes through ParseAddress. Nothing
// here decides more than ParseAddress would (see TestPlainAddress).
func plainAddress(v string) bool {
	at := strings.IndexByte(v, '@')
	if at < 0 {
		return false
	}
	return dotAtom(v[:at], "._%+-") && dotAtom(v[at+1:], ".-")
}

// dotAtom reports whether s is runs of ASCII letters, digits and the given
// symbols, split by single dots, with no dot at either end.
func dotAtom(s, symbols string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(symbols, c) >= 0) {
			return false
		}
	}
	return true
}

const dateLayout = "2006-01-02"

// ParseDate parses a YYYY-MM-DD date and explains, in words, why a string is
// not one: the error reads as the rulebook's message for a date field.
func ParseDate(v string) (time.Time, error) {
	if y, m, d, ok := dateDigits(v); ok && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
		// What time.Parse accepts, read without its general machinery: the
		// rulebook reads several dates of every record.
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
	}
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return time.Time{}, &ruleError{say("rules.date.format")}
	}
	t, err := time.Parse(dateLayout, v)
	if err == nil {
		return t, nil
	}
	var y, m, d int
	if _, serr := fmt.Sscanf(v, "%4d-%2d-%2d", &y, &m, &d); serr != nil {
		return time.Time{}, &ruleError{say("rules.date.digits")}
	}
	if m < 1 || m > 12 {
		return time.Time{}, &ruleError{say("rules.date.no_month", fmt.Sprintf("%02d", m))}
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Time{}, &ruleError{say("rules.date.month_days", monthName(time.Month(m)), strconv.Itoa(y), last)}
}

// dateDigits reads YYYY-MM-DD written with digits only.
func dateDigits(v string) (y, m, d int, ok bool) {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return 0, 0, 0, false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := v[i]
		if c < '0' || c > '9' {
			return 0, 0, 0, false
		}
		n = n*10 + int(c-'0')
		switch i {
		case 3:
			y, n = n, 0
		case 6:
			m, n = n, 0
		}
	}
	return y, m, n, true
}

// daysIn is the number of days of month m (1-12) of year y in the
// Gregorian calendar, as time counts them (year 0 is a leap year).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// suggestDate rewrites common unambiguous spellings (2002/11/08, 2002.11.08,
// 20021108) as YYYY-MM-DD.
func suggestDate(v string) string {
	var digits string
	switch {
	case len(v) == 8 && strings.Trim(v, "0123456789") == "":
		digits = v
	case len(v) == 10 && (v[4] == '/' || v[4] == '.') && v[7] == v[4]:
		digits = v[:4] + v[5:7] + v[8:]
	default:
		return ""
	}
	cand := digits[:4] + "-" + digits[4:6] + "-" + digits[6:]
	if _, err := time.Parse(dateLayout, cand); err != nil {
		return ""
	}
	return cand
}

func checkDate(s *Submission, key, v string, today time.Time, fail func(text, string) *FieldError) *FieldError {
	t, err := ParseDate(v)
	if err != nil {
		return fail(textOf(err), suggestDate(v))
	}
	now := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch key {
	case FieldBirthDate:
		if t.After(now) {
			return fail(say("rules.date.future"), "")
		}
		if t.Year() < 1900 {
			return fail(say("rules.date.before_1900"), "")
		}
	case FieldIssueDate:
		if t.After(now) {
			return fail(say("rules.date.future"), "")
		}
		if b, err := ParseDate(s.BirthDate); err == nil && t.Before(b) {
			return fail(say("rules.date.before_birth"), "")
		}
	case FieldExpireDate:
		if i, err := ParseDate(s.IssueDate); err == nil && !t.After(i) {
			return fail(say("rules.date.after_issue", s.IssueDate), "")
		}
	}
	return nil
}

func checkEnum(key, v string, fail func(text, string) *FieldError) *FieldError {
	opts := enumTable(key)
	for _, o := range opts {
		if o.Value == v {
			return nil
		}
	}
	return fail(say("rules.value.enum", optionValues(opts)), guessEnum(opts, v))
}

// guessEnum matches v to an option ignoring case, spaces, dashes and
// apostrophes, by value or by its label in either language ("Driver's
// License", "운전면허증" → drivers_license), or by a unique prefix of
// those ("M", "남" → male).
func guessEnum(opts []Option, v string) string {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "", "'", "", "’", "").Replace(strings.ToLower(s))
	}
	n := norm(v)
	if n == "" {
		return ""
	}
	prefix := ""
	ambiguous := false
	for _, o := range opts {
		names := []string{norm(o.Value)}
		for _, l := range i18n.Langs {
			names = append(names, norm(o.LabelIn(l)))
		}
		for _, name := range names {
			if name == n {
				return o.Value
			}
			if strings.HasPrefix(name, n) {
				if prefix != "" && prefix != o.Value {
					ambiguous = true
				}
				prefix = o.Value
			}
		}
	}
	if ambiguous {
		return ""
	}
	return prefix
}
