package apiclient

import (
	"strings"

	"argos-migrate/apiclient/i18n/glyphs"
)

// The one mask style: every hidden character is drawn as the glyph set's
// mask (glyphs.Current().Mask: • in most terminals, * with --ascii or where
// the terminal would draw • two cells wide), so a masked identity number
// and a masked API key look alike everywhere and keep their width.

// Mask hides a sensitive value but keeps its rough length and its
// separators (hyphens and spaces), so that an operator can tell a resident
// number from a typo without seeing it: "021108-2222555" reads
// "••••••-•••••••". Every other rune, escape codes included, becomes the
// mask.
func Mask(v string) string {
	mask := glyphs.Current().Mask
	var b strings.Builder
	b.Grow(len(v) * len(mask))
	for _, r := range v {
		if r == '-' || r == ' ' {
			b.WriteRune(r)
		} else {
			b.WriteString(mask)
		}
	}
	return b.String()
}

// MaskField is the one rule for showing a field's value: the value of a
// sensitive field (FieldSpec.Sensitive: the identity number) is masked
// unless reveal, the operator's own request to see it in full; any other
// value comes back as it is, for the caller to put in words or Sanitize.
// masked says which it did.
func MaskField(key, v string, reveal bool) (shown string, masked bool) {
	if s, ok := specOf(key); ok && s.Sensitive && !reveal {
		return Mask(v), true
	}
	return v, false
}

// MaskKey shows an API key as its first four characters and four masks
// (••••), enough to tell two projects' keys apart; a key of eight
// characters or fewer shows nothing of itself.
func MaskKey(key string) string {
	if key == "" {
		return "(none)"
	}
	masks := strings.Repeat(glyphs.Current().Mask, 4)
	r := []rune(key)
	if len(r) <= 8 {
		return masks
	}
	return Sanitize(string(r[:4])) + masks
}

// Masked is s with every sensitive field masked (Mask): the record as a
// screen, a dry run's curl line or an inspection shows it, never as it is
// sent.
func (s Submission) Masked() Submission {
	for _, f := range Fields {
		if v := s.Get(f.Key); v != "" {
			shown, _ := MaskField(f.Key, v, false)
			s.Set(f.Key, shown)
		}
	}
	return s
}
