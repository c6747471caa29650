package apiclient

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// checkInvisible refuses text that is not what it looks like: bytes that
// are not UTF-8, the replacement character U+FFFD (what a decoder leaves of
// them, so the text was damaged before it got here), and format characters
// (Unicode category Cf: zero-width spaces, soft hyphens, word joiners, byte
// order marks, tags). They show as nothing, yet make "a@b.co" and
// "a\u200b@b.co" two different emails, and two equal-looking names two
// different people.
//
// The one exception: a zero-width joiner or non-joiner (U+200D, U+200C) is
// part of the spelling of words in Indic scripts and Persian, so in the
// free-text fields (names and addresses, the custom fields: FieldSpec.
// Joiners) it is accepted after a letter or mark and before another (or,
// after a mark such as a virama, at the end of a word), never at the start
// or after a space. Emails, dates, codes, identity and document numbers
// and the user id take none.
func checkInvisible(spec FieldSpec, v string) *FieldError {
	fail := func(msg text) *FieldError { return fieldError(spec.Key, CodeInvalidFormat, msg, "") }
	var prev rune = -1
	char := 0
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		char++
		switch {
		case r == utf8.RuneError && n == 1:
			return fail(say("rules.text.not_utf8", hexByte(v[i]), char))
		case r == utf8.RuneError:
			return fail(say("rules.text.replacement", char))
		case (r == 0x200c || r == 0x200d) && spec.Joiners:
			next, _ := utf8.DecodeRuneInString(v[i+n:])
			// After a virama it may end a word: Malayalam's older spelling
			// of its chillu letters.
			if !isLetterOrMark(prev) || !(isLetterOrMark(next) || unicode.IsMark(prev)) {
				return fail(say("rules.text.lone_joiner", formatName(r), codePoint(r), char))
			}
		case unicode.Is(unicode.Cf, r):
			return fail(say("rules.text.invisible", formatName(r), codePoint(r), char))
		}
		prev = r
		i += n
	}
	return nil
}

func isLetterOrMark(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsMark(r)) }

// hexByte writes a byte as "0xEF".
func hexByte(b byte) string { return fmt.Sprintf("0x%02X", b) }

// formatName names the format characters pasted text carries most often.
func formatName(r rune) text {
	switch r {
	case 0x200b:
		return say("rules.char.zero_width_space")
	case 0x200c:
		return say("rules.char.zero_width_non_joiner")
	case 0x200d:
		return say("rules.char.zero_width_joiner")
	case 0x2060:
		return say("rules.char.word_joiner")
	case 0xfeff:
		return say("rules.char.byte_order_mark")
	case 0x00ad:
		return say("rules.char.soft_hyphen")
	}
	return say("rules.char.format")
}
