package cmd

import (
	"slices"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// The exit codes, one list: main maps every error to one of them, and each
// command's help says which of them it ends with and what each means there
// (exitCodesHelp), so the two cannot drift apart unnoticed (main's tests
// run each command into each code its help names).
const (
	ExitOK        = 0
	ExitFailed    = 1   // the API refused the record, or another failure the message names
	ExitInvalid   = 2   // invalid input or usage: nothing was sent
	ExitNetwork   = 3   // the network or the server failed: the message says whether the record may exist
	ExitUnprinted = 4   // created, but the id could not be written to stdout: stderr names it
	ExitCrash     = 70  // a bug in argos-migrate (sysexits' EX_SOFTWARE)
	ExitCancelled = 130 // stopped by the operator
)

// exitMeaning is one line of a command's "Exit codes:" section: the code
// and what it means there, in the run's language.
type exitMeaning struct {
	code int
	says string
}

// exitCodesHelp is the "Exit codes:" section of a command's help, in
// code order: the command's own codes and the one every command shares (a
// bug). The long help that holds it is written when help is shown
// (setLong); it stays cheap all the same: plain concatenation, no fmt.
func exitCodesHelp(codes ...exitMeaning) string {
	codes = append(codes, exitMeaning{ExitCrash, i18n.T("exitcodes.exit.crash")})
	slices.SortStableFunc(codes, func(a, b exitMeaning) int { return a.code - b.code })
	var b strings.Builder
	b.WriteString(i18n.T("exitcodes.exit.heading"))
	for _, c := range codes {
		n := strconv.Itoa(c.code)
		b.WriteString("\n  " + n + strings.Repeat(" ", max(5-len(n), 1)) + c.says)
	}
	return b.String()
}

// usageExit is the line for a usage mistake, the same on every command.
func usageExit() exitMeaning { return exitMeaning{ExitInvalid, i18n.T("exitcodes.exit.usage")} }

// cancelExit is the line for ctrl+c, on the commands that can wait.
func cancelExit() exitMeaning { return exitMeaning{ExitCancelled, i18n.T("exitcodes.exit.cancel")} }
