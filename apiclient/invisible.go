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
	fail := func(msg string) *FieldError {
		return &FieldError{Field: spec.Key, Code: CodeInvalidFormat, Message: msg}
	}
	var prev rune = -1
	char := 0
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		char++
		switch {
		case r == utf8.RuneError && n == 1:
			return fail(fmt.Sprintf("is not valid UTF-8 text (byte 0x%02X at character %d): save or paste it as UTF-8", v[i], char))
		case r == utf8.RuneError:
			return fail(fmt.Sprintf("contains U+FFFD, the replacement character, at character %d: the text was damaged "+
				"before it got here (a file in another encoding?); retype it", char))
		case (r == 0x200c || r == 0x200d) && spec.Joiners:
			next, _ := utf8.DecodeRuneInString(v[i+n:])
			// After a virama it may end a word: Malayalam's older spelling
			// of its chillu letters.
			if !isLetterOrMark(prev) || !(isLetterOrMark(next) || unicode.IsMark(prev)) {
				return fail(fmt.Sprintf("contains a %s (%U) at character %d that joins no two letters: remove it", formatName(r), r, char))
			}
		case unicode.Is(unicode.Cf, r):
			return fail(fmt.Sprintf("contains an invisible %s (%U) at character %d: remove it (pasted text often carries one)", formatName(r), r, char))
		}
		prev = r
		i += n
	}
	return nil
}

func isLetterOrMark(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsMark(r)) }

// formatName names the format characters pasted text carries most often.
func formatName(r rune) string {
	switch r {
	case 0x200b:
		return "zero-width space"
	case 0x200c:
		return "zero-width non-joiner"
	case 0x200d:
		return "zero-width joiner"
	case 0x2060:
		return "word joiner"
	case 0xfeff:
		return "byte-order mark"
	case 0x00ad:
		return "soft hyphen"
	}
	return "format character"
}
