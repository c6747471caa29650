package cmd

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
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

// exitMeaning is one line of a command's "Exit codes:" section.
type exitMeaning struct {
	code int
	says string
}

// exitCodesHelp is the "Exit codes:" section of a command's help, in
// code order: the command's own codes and the one every command shares (a
// bug). Every command's help is built at start-up, so this stays cheap:
// plain concatenation, no fmt.
func exitCodesHelp(codes ...exitMeaning) string {
	codes = append(codes, exitMeaning{ExitCrash, "internal error (a bug in argos-migrate; the report holds no field value or key)"})
	slices.SortStableFunc(codes, func(a, b exitMeaning) int { return a.code - b.code })
	var b strings.Builder
	b.WriteString("Exit codes:")
	for _, c := range codes {
		n := strconv.Itoa(c.code)
		b.WriteString("\n  " + n + strings.Repeat(" ", max(5-len(n), 1)) + c.says)
	}
	return b.String()
}

// usageExit is the line for a usage mistake, the same on every command.
var usageExit = exitMeaning{ExitInvalid, "usage: a flag or argument is wrong; nothing was done"}

// cancelExit is the line for ctrl+c, on the commands that can wait.
var cancelExit = exitMeaning{ExitCancelled, "cancelled (ctrl+c)"}

// completionExitCodes gives cobra's completion commands, which root's
// help lists, what every command has: an argument too many is a usage
// error (exit 2), and the help says how they end.
func completionExitCodes(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		for _, shell := range c.Commands() {
			shell.Args = noArgs
			shell.Long += "\n\n" + exitCodesHelp(exitMeaning{ExitOK, "the script is printed on stdout"}, usageExit)
		}
	}
}
