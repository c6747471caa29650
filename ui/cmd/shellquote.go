package cmd

import "strings"

// shellQuote quotes s for a POSIX shell unless it is plainly safe: the one
// quoter for every command line the tool prints (next steps, --dry-run's curl).
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
// already quoted where it needs to be (shellQuote).
func commandLine(words ...string) string { return strings.Join(words, " ") }
