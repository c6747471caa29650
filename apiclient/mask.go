package apiclient

import "strings"

// Mask hides a sensitive value but keeps its rough length and its
// separators (hyphens and spaces), so that an operator can tell a resident
// number from a typo without seeing it: "021108-2222555" reads
// "••••••-•••••••". Every other rune, escape codes included, becomes •.
func Mask(v string) string {
	var b strings.Builder
	b.Grow(len(v) * 3) // • is three bytes
	for _, r := range v {
		if r == '-' || r == ' ' {
			b.WriteRune(r)
		} else {
			b.WriteRune('•')
		}
	}
	return b.String()
}
