package apiclient

import (
	"errors"
	"fmt"
	"net/mail"
	"net/netip"
	"strings"
	"time"
	"unicode"
)

// FieldError is one broken field rule, in the server's terms (Code) and in
// words an operator understands (Message, Suggestion).
type FieldError struct {
	Field      string `json:"field"`                // wire key
	Code       string `json:"code"`                 // missing_data, invalid_format or invalid_parameter
	Message    string `json:"message"`              // e.g. "is not a real date: February 2023 has 28 days"
	Suggestion string `json:"suggestion,omitempty"` // a corrected value, when there is an obvious one
}

// Error reads "birthDate: is not a real date ... (did you mean ...?)".
func (e *FieldError) Error() string {
	msg := e.Field + ": " + e.Message
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg
}

// Hint is the message without the field name, for display beside the field,
// its first letter in upper case.
func (e *FieldError) Hint() string { return UpperFirst(e.Detail()) }

// Detail is the message and suggestion as a verb phrase, to follow the
// field's name: "Birth date " + "is not a real date: …".
func (e *FieldError) Detail() string {
	msg := e.Message
	if e.Suggestion != "" {
		if msg != "" {
			msg += " "
		}
		msg += fmt.Sprintf("(did you mean %q?)", e.Suggestion)
	}
	return msg
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
	return "invalid record: " + strings.Join(parts, "; ")
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
		return &FieldError{Field: key, Code: CodeInvalidParameter, Message: "is not a field of the migration API" + suggestKey(key)}
	}
	v := s.Get(key)
	fail := func(msg, suggestion string) *FieldError {
		if spec.Sensitive {
			// A suggestion is the value corrected: it would print in clear
			// what every screen masks.
			suggestion = ""
		}
		return &FieldError{Field: key, Code: CodeInvalidFormat, Message: msg, Suggestion: suggestion}
	}
	if strings.TrimSpace(v) == "" {
		if spec.Required {
			return &FieldError{Field: key, Code: CodeMissingData, Message: "is required"}
		}
		if v != "" {
			return fail("holds only spaces; leave it empty or type a value", "")
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
			return fail("has spaces at the start or end", "") // a suggestion would print the value
		}
		return fail("has spaces at the start or end", strings.TrimSpace(v))
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
			return fail("is not an ISO 3166-1 alpha-3 country code (three capital letters, e.g. KOR, USA)", GuessCountry(v))
		}
	case KindIP:
		if _, err := netip.ParseAddr(v); err != nil {
			return fail("is not an IPv4 or IPv6 address (e.g. 203.0.113.7 or 2001:db8::1)", "")
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
	msg := fmt.Sprintf("contains a control character (%U): remove line breaks, tabs and escape codes", r)
	if !unicode.IsControl(r) {
		msg = fmt.Sprintf("contains an invisible text-direction control (%U): remove it", r)
	}
	return &FieldError{Field: key, Code: CodeInvalidFormat, Message: msg}
}

func checkEmail(v string, fail func(string, string) *FieldError) *FieldError {
	if !plainAddress(v) {
		addr, err := mail.ParseAddress(v)
		if err != nil || addr.Address != v || addr.Name != "" {
			if addr != nil && addr.Address != v {
				return fail("must be a bare email address, without a name or brackets", addr.Address)
			}
			return fail("is not an email address (name@example.com)", "")
		}
	}
	at := strings.LastIndexByte(v, '@')
	domain := v[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") {
		return fail("has no valid domain after the @ (name@example.com)", "")
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
// not one.
func ParseDate(v string) (time.Time, error) {
	if y, m, d, ok := dateDigits(v); ok && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
		// What time.Parse accepts, read without its general machinery: the
		// rulebook reads several dates of every record.
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
	}
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return time.Time{}, errors.New("must be a date as YYYY-MM-DD")
	}
	t, err := time.Parse(dateLayout, v)
	if err == nil {
		return t, nil
	}
	var y, m, d int
	if _, serr := fmt.Sscanf(v, "%4d-%2d-%2d", &y, &m, &d); serr != nil {
		return time.Time{}, errors.New("must be a date as YYYY-MM-DD, digits only")
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("is not a real date: there is no month %02d", m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Time{}, fmt.Errorf("is not a real date: %s %d has %d days", time.Month(m), y, last)
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

func checkDate(s *Submission, key, v string, today time.Time, fail func(string, string) *FieldError) *FieldError {
	t, err := ParseDate(v)
	if err != nil {
		return fail(err.Error(), suggestDate(v))
	}
	now := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch key {
	case FieldBirthDate:
		if t.After(now) {
			return fail("is in the future", "")
		}
		if t.Year() < 1900 {
			return fail("is before 1900: check the year", "")
		}
	case FieldIssueDate:
		if t.After(now) {
			return fail("is in the future", "")
		}
		if b, err := ParseDate(s.BirthDate); err == nil && t.Before(b) {
			return fail("is before the birth date", "")
		}
	case FieldExpireDate:
		if i, err := ParseDate(s.IssueDate); err == nil && !t.After(i) {
			return fail("must be after the issue date ("+s.IssueDate+")", "")
		}
	}
	return nil
}

func checkEnum(key, v string, fail func(string, string) *FieldError) *FieldError {
	opts := EnumOptions(key)
	for _, o := range opts {
		if o.Value == v {
			return nil
		}
	}
	values := make([]string, len(opts))
	for i, o := range opts {
		values[i] = o.Value
	}
	return fail("must be one of: "+strings.Join(values, ", "), guessEnum(opts, v))
}

// guessEnum matches v to an option ignoring case, spaces, dashes and
// apostrophes, by value or by label ("Driver's License" → drivers_license),
// or by a unique prefix ("M" → male).
func guessEnum(opts []Option, v string) string {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "", "'", "", "’", "").Replace(strings.ToLower(s))
	}
	n := norm(v)
	if n == "" {
		return ""
	}
	var prefix []string
	for _, o := range opts {
		if norm(o.Value) == n || norm(o.Label) == n {
			return o.Value
		}
		if strings.HasPrefix(norm(o.Value), n) {
			prefix = append(prefix, o.Value)
		}
	}
	if len(prefix) == 1 {
		return prefix[0]
	}
	return ""
}
