package cmd

import (
	"strings"

	"argos-migrate/apiclient"
)

// shellWord is s as one word of a command line the tool shows (next steps,
// --dry-run's curl): quoted for a POSIX shell unless it is plainly safe,
// and safe to draw on a terminal (apiclient.Sanitize). Paths, URLs, ids and
// profile names come from people, files and servers: a control character
// in one is shown as a visible picture inside the quotes, never acted on.
// Every command line shown goes through it; shellQuote alone is for text
// that is not drawn.
func shellWord(s string) string { return apiclient.Sanitize(shellQuote(s)) }

// shellQuote quotes s for a POSIX shell unless it is plainly safe. What is
// shown on a terminal goes through shellWord, which sanitizes it too.
func shellQuote(s string) string {
	safe := s != ""
	for i, r := range s {
		if r == '~' && i > 0 {
			continue // only a leading ~ expands
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// commandLine joins the words of a command line the tool prints, each
// already quoted where it needs to be (shellWord).
func commandLine(words ...string) string { return strings.Join(words, " ") }
