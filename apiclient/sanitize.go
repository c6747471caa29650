package apiclient

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes text that came from outside (a server message, a draft, a
// file) safe to draw on a terminal: escape sequences and other control
// characters are shown as visible text ("ESC[2J" reads as "␛[2J") and never act.
// Line breaks and tabs become spaces.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar || isBidiControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r == 0x1b:
			b.WriteRune('␛')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // control pictures: ␀ … ␟
		case r == 0x7f:
			b.WriteRune('␡')
		case unicode.IsControl(r) || isBidiControl(r):
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the invisible direction overrides that can make
// text read differently from what it is.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// UpperFirst puts the first rune of s in upper case, to start a sentence
// with an error message. The first letter may take several bytes ("é"); an
// empty or broken string comes back as it is.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// LowerFirst puts the first rune of s in lower case, to continue a line
// ("error: the API key was refused") with a sentence. A word in capitals
// stays as it is ("API 키가 거부되었습니다", "HTTP 413"): it is a name, not
// the start of a sentence.
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
