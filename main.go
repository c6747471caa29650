// Command argos-migrate migrates existing KYC records into ARGOS Identity.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
	"argos-migrate/ui/cmd"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes: cmd's list, which every command's help quotes.
const (
	exitOK        = cmd.ExitOK
	exitRejected  = cmd.ExitFailed // the API refused the record
	exitOther     = cmd.ExitFailed // any other failure; the message says what
	exitInvalid   = cmd.ExitInvalid
	exitNetwork   = cmd.ExitNetwork
	exitCrash     = cmd.ExitCrash
	exitCancelled = cmd.ExitCancelled
)

func main() {
	// A panic outside the wizard (which catches its own) gets the same short
	// report: where, never what; the panic's value could quote a record.
	defer func() {
		if recover() != nil {
			printError(os.Stderr, ui.NewCrash(), "argos-migrate")
			os.Exit(exitCrash)
		}
	}()
	os.Exit(execute())
}

// execute runs the command line and returns the exit code.
func execute() int {
	f := cmd.NewFactory(version)
	root := cmd.NewCmdRoot(f, cmd.WizardRun)
	// What a command was asked for goes to stdout: help, --version and
	// completion scripts (`source <(argos-migrate completion bash)`), as gh
	// does; errors and everything the wizard draws go to stderr.
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := runRoot(root)
	if err != nil {
		printError(f.IO.ErrOut, err, calledCommand(root))
	}
	return exitCode(err)
}

// runRoot executes root with fang's help, version and man page, and returns the
// command's error unprinted.
//
// It does not hand the tree to fang.Execute: to style an error, fang asks
// the terminal for its background colour before calling any error handler
// (stdin in raw mode, an OSC 11 and a DA1 query written to the terminal, up
// to two 2-second waits for an answer), so every failed command in a
// terminal paid for styling it never showed, and one in a terminal that
// does not answer (TERM=dumb, a serial console) hung for 4 s with the
// queries left on screen. Errors here are plain text (printError); fang
// styles only what it is for: help and the man page (fangParts).
func runRoot(root *cobra.Command) error {
	root.Version = version
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetHelpFunc(func(c *cobra.Command, args []string) { fangParts().help(c, args) })
	root.AddCommand(&cobra.Command{
		Use: "man", Short: "Generates manpages", Hidden: true, Args: cobra.NoArgs, SilenceUsage: true, DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error { return fangParts().man.RunE(c, args) },
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return root.ExecuteContext(ctx)
}

// fangParts are fang's help renderer and man-page command. fang hands them
// out only by installing them on the command fang.Execute runs, so they are
// taken, on first use, from a command that does nothing; both act on the
// command they are given (its own tree), not on that one.
var fangParts = sync.OnceValue(func() (parts struct {
	help func(*cobra.Command, []string)
	man  *cobra.Command
}) {
	probe := &cobra.Command{Use: "argos-migrate", Run: func(*cobra.Command, []string) {}}
	probe.SetArgs([]string{})
	probe.SetOut(io.Discard)
	probe.SetErr(io.Discard)
	if err := fang.Execute(context.Background(), probe, fang.WithVersion(version)); err != nil {
		panic(fmt.Sprintf("fang did not run its probe: %v", err))
	}
	parts.help = probe.HelpFunc()
	for _, c := range probe.Commands() {
		if c.Name() == "man" {
			parts.man = c
		}
	}
	if parts.man == nil || parts.man.RunE == nil {
		panic("fang added no man command")
	}
	return parts
})

// exitCode is the one place errors become exit codes.
func exitCode(err error) int {
	var apiErr *apiclient.APIError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, ui.ErrCrash):
		return exitCrash
	case errors.Is(err, cmd.ErrReported):
		return exitOther // e.g. auth status with no usable key, as gh auth status does
	case errors.Is(err, cmd.ErrCancelled), errors.Is(err, context.Canceled):
		return exitCancelled
	case errors.Is(err, apiclient.ErrOutcomeUnknown), errors.Is(err, apiclient.ErrNotSent):
		return exitNetwork
	case errors.As(err, &apiErr):
		// The failure policy decides: a refusal that created nothing is a
		// rejection; "may exist" and "slow down" are the network's.
		if f := apiclient.Classify(err, apiclient.Submission{}); f.Outcome == apiclient.OutcomeRejected && !f.Retryable() {
			return exitRejected
		}
		return exitNetwork
	case errors.Is(err, apiclient.ErrInvalidRecord), errors.Is(err, apiclient.ErrInvalidPayload),
		errors.Is(err, apiclient.ErrNoKey), errors.Is(err, cmd.ErrUsage), errors.Is(err, draft.ErrNoDraft):
		return exitInvalid
	}
	return exitOther
}

// calledCommand is the command line's command ("argos-migrate submit"),
// whose help a usage error points at.
func calledCommand(root *cobra.Command) string {
	if c, _, err := root.Find(os.Args[1:]); err == nil && c != nil {
		return c.CommandPath()
	}
	return root.CommandPath()
}

// printError writes the error and the next step to take, on stderr; command
// is the command that was called.
func printError(w io.Writer, err error, command string) {
	if errors.Is(err, ui.ErrQuit) {
		return // a deliberate quit: the wizard has said what it kept (exit 130)
	}
	if errors.Is(err, cmd.ErrReported) {
		if hint := nextStep(err, command); hint != "" {
			fmt.Fprintln(w, hint) // the output already said what is wrong
		}
		return
	}
	var ve *apiclient.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		fmt.Fprintf(w, "error: the record breaks %d field rule(s):\n", len(ve.Problems))
		for _, p := range ve.Problems {
			fmt.Fprintf(w, "  • %s\n", apiclient.Sanitize(p.Error()))
		}
	} else if f, ok := sendFailure(err); ok {
		// The policy's words, not Go's error chain ("context deadline
		// exceeded"): what failed, and the fact behind it.
		fmt.Fprintf(w, "error: %s (%s)\n", apiclient.LowerFirst(f.Title), f.Detail)
	} else {
		fmt.Fprintf(w, "error: %s\n", apiclient.Sanitize(err.Error()))
	}
	if hint := nextStep(err, command); hint != "" {
		fmt.Fprintln(w, hint)
	}
}

// nextStep tells the operator what to do about err from command.
func nextStep(err error, command string) string {
	var ve *apiclient.ValidationError
	var ke *keyring.Error
	var nk *cmd.NoKeyError
	if f, ok := sendFailure(err); ok {
		return sendAdvice(f)
	}
	switch {
	case errors.Is(err, ui.ErrCrash):
		return "This is a bug in argos-migrate, not a problem with the record. The line above names only a place in the code " +
			"(no field value, no key): please send it to the maintainers. What was typed in the wizard is kept as a draft: " +
			"run argos-migrate again to resume it."
	case errors.As(err, &nk):
		return nk.Explain()
	case errors.As(err, &ke):
		return ke.Explain()
	case errors.As(err, &ve):
		return "Nothing was sent. Fix the fields above and run the command again."
	case errors.Is(err, apiclient.ErrNoKey):
		return "Run `argos-migrate auth login`, or set ARGOS_API_KEY for this session."
	case errors.Is(err, cmd.ErrUsage):
		return "Run `" + command + " --help` for usage."
	}
	return ""
}

// sendFailure is the failure policy's reading of err when err is a failed
// send (an answer other than success, or the network's failure).
func sendFailure(err error) (apiclient.Failure, bool) {
	var apiErr *apiclient.APIError
	var te *apiclient.TransportError
	if errors.As(err, &apiErr) || errors.As(err, &te) || errors.Is(err, apiclient.ErrOutcomeUnknown) || errors.Is(err, apiclient.ErrNotSent) {
		return apiclient.Classify(err, apiclient.Submission{}), true
	}
	return apiclient.Failure{}, false
}

// sendAdvice is the failure policy's reading of a failed send, with the
// command line's way to act on it.
func sendAdvice(f apiclient.Failure) string {
	parts := []string{f.Explain, f.Consequence()}
	switch {
	case f.Encryption == apiclient.EncryptionTurnOn:
		parts = append(parts, "Run again with --encrypted.")
	case f.Encryption == apiclient.EncryptionTurnOff:
		parts = append(parts, "Run again without --encrypted.")
	case f.KeyRefused():
		parts = append(parts, "Check the key: run `argos-migrate auth login` (or set ARGOS_API_KEY), or ask for this network to be allowed.")
	case f.Reason == apiclient.ReasonWrongURL:
		parts = append(parts, "Check --api-url (or ARGOS_API_URL, or the profile's URL).")
	case f.Reason == apiclient.ReasonUnreachable:
		parts = append(parts, "Check the network and the API URL, then run the command again.")
	}
	return strings.Join(parts, " ")
}
