package apiclient

import "strings"

// The one mask style: every hidden character is drawn as • (never *), so a
// masked identity number and a masked API key look alike everywhere.

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

// MaskKey shows an API key as its first four characters and ••••, enough to
// tell two projects' keys apart; a key of eight characters or fewer shows
// nothing of itself.
func MaskKey(key string) string {
	if key == "" {
		return "(none)"
	}
	r := []rune(key)
	if len(r) <= 8 {
		return "••••"
	}
	return Sanitize(string(r[:4])) + "••••"
}
