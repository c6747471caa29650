// Command argos-migrate migrates existing KYC records into ARGOS Identity.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/ui"
	"argos-migrate/ui/cmd"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes: cmd's list, which every command's help quotes.
const (
	exitOK        = cmd.ExitOK
	exitRejected  = cmd.ExitFailed // the API refused the record
	exitInvalid   = cmd.ExitInvalid
	exitNetwork   = cmd.ExitNetwork
	exitUnprinted = cmd.ExitUnprinted // created, but the id could not be written to stdout; stderr names it
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
	// A closed stdout must fail a write (EPIPE), which is reported with the
	// created id, instead of killing the process with SIGPIPE before it can.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	f := cmd.NewFactory(version)
	cmd.SetUpLanguage(f, os.Args[1:]) // before the tree: its help is in the run's language
	root := cmd.NewCmdRoot(f, cmd.WizardRun)
	// What a command was asked for goes to stdout: help, --version and
	// completion scripts (`source <(argos-migrate completion bash)`), as gh
	// does; errors and everything the wizard draws go to stderr.
	root.SetOut(cmd.HelpWriter(f.IO.Out, terminalWidth(os.Stdout)))
	root.SetErr(f.IO.ErrOut)
	if len(os.Args) > 1 && (os.Args[1] == cobra.ShellCompRequestCmd || os.Args[1] == cobra.ShellCompNoDescRequestCmd) {
		cmd.FillHelp(root) // completion describes commands and flags with their help
	}
	err := runRoot(root)
	if err == nil {
		err = f.IO.LostResult() // what was asked for never reached stdout
	}
	if err != nil {
		printError(f.IO.ErrOut, err, calledCommand(root))
	}
	cmd.WriteJSONFailure(f, root, os.Args[1:], err)
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
	// The long help is written when it is shown (cmd.FillHelp), in the
	// run's language, and so is the man page.
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		cmd.FillHelp(c)
		cmd.ShowHelp(c, func() { fangHelp(c, args) })
	})
	root.AddCommand(&cobra.Command{
		Use: "man", Hidden: true, Args: cobra.NoArgs, SilenceUsage: true, DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error {
			cmd.FillHelp(c)
			return fangParts().man.RunE(c, args)
		},
	})
	// SIGHUP (a closed terminal or ssh session) ends a run as SIGTERM
	// does: a submit in flight says whether the record may exist.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
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

// fangHelp draws c's help with fang, which must neither wrap nor cut it:
// cmd.ShowHelp has laid it out for the terminal's width or a pipe's. At
// its own width fang wraps a long help with lipgloss, which breaks a word
// or a flag at a hyphen ("--skip-" "invalid"), and cuts an example wider
// than itself with "…", leaving a command that cannot be copied. fang has
// no option for its width: it reads it once, on its first help, from the
// terminal or from its test hook, $__FANG_TEST_WIDTH. The first help is
// drawn with that variable set wider than any line, and the environment
// put back after.
func fangHelp(c *cobra.Command, args []string) {
	help := fangParts().help
	fangWidthOnce.Do(func() {
		prev, had := os.LookupEnv(fangWidthEnv)
		_ = os.Setenv(fangWidthEnv, strconv.Itoa(fangWidth))
		defer func() {
			if had {
				_ = os.Setenv(fangWidthEnv, prev)
			} else {
				_ = os.Unsetenv(fangWidthEnv)
			}
		}()
		help(c, args)
		help = nil
	})
	if help != nil {
		help(c, args)
	}
}

// fangWidthEnv is fang's width hook; fangWidth is wider than any line of a
// help laid out (120 at most) and any example.
const (
	fangWidthEnv = "__FANG_TEST_WIDTH"
	fangWidth    = 1000
)

var fangWidthOnce sync.Once

// exitCode is the exit code of err: cmd.ExitCodeOf, the one place errors
// become exit codes (the import's --json summary reads it too).
func exitCode(err error) int { return cmd.ExitCodeOf(err) }

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
	// The words are the run's language (i18n.Text): errors are English Go
	// errors, said in the catalogs' words only here, where a person reads
	// them; --json and logs keep the English.
	var ve *apiclient.ValidationError
	var ie *apiclient.ImageCheckError
	bullet := "  " + glyphs.Current().Bullet + " "
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		fmt.Fprintln(w, i18n.T("commands.error.record", len(ve.Problems)))
		for _, p := range ve.Problems {
			fmt.Fprintln(w, bullet+apiclient.Sanitize(i18n.Text(p)))
		}
	} else if errors.As(err, &ie) && len(ie.Problems) > 0 {
		fmt.Fprintln(w, i18n.T("commands.error.images"))
		for _, p := range ie.Problems {
			fmt.Fprintln(w, bullet+apiclient.Sanitize(i18n.Text(p)))
		}
	} else if f, ok := sendFailure(err); ok && errorContext(err) != nil {
		// The policy's words, not Go's error chain ("context deadline
		// exceeded"): what failed and the fact behind it, after what the
		// command was doing ("the key was not stored: ").
		fmt.Fprintln(w, i18n.T("commands.error.send", apiclient.Sanitize(*errorContext(err)), apiclient.LowerFirst(f.Title), f.Detail))
	} else {
		fmt.Fprintln(w, i18n.T("commands.error.line", apiclient.Sanitize(i18n.Text(err))))
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
	var me *batch.MappingError
	var ie *batch.InputError
	if errors.Is(err, cmd.ErrOutputLost) {
		return i18n.T("commands.next.output_lost")
	}
	if f, ok := sendFailure(err); ok {
		return sendAdvice(f, errors.Is(err, apiclient.ErrKeyRefused) || errors.Is(err, apiclient.ErrKeyUnchecked))
	}
	switch {
	case errors.Is(err, ui.ErrCrash):
		return i18n.T("commands.next.crash")
	case errors.As(err, &nk):
		return nk.Explain()
	case errors.As(err, &ke):
		return ke.Explain()
	case errors.As(err, &ve):
		return i18n.T("commands.next.fix_fields")
	case errors.Is(err, apiclient.ErrInvalidImages):
		return i18n.T("commands.next.fix_images")
	case errors.As(err, &me): // an import's columns or mapping file
		return i18n.T("commands.next.fix_mapping")
	case errors.As(err, &ie): // an import's file, at a line
		return i18n.T("commands.next.fix_input")
	case errors.Is(err, apiclient.ErrInvalidPayload):
		return i18n.T("commands.next.fix_file")
	case errors.Is(err, apiclient.ErrNoKey):
		return i18n.T("commands.next.no_key")
	case errors.Is(err, apiclient.ErrInvalidKey):
		return i18n.T("commands.next.invalid_key")
	case errors.Is(err, cmd.ErrUsage):
		return i18n.T("commands.next.usage", command)
	}
	return ""
}

// sendFailure is the failure policy's reading of err when err is a failed
// send (an answer other than success, or the network's failure).
func sendFailure(err error) (apiclient.Failure, bool) {
	if apiclient.SendFailed(err) {
		return apiclient.Classify(err, apiclient.Submission{}), true
	}
	return apiclient.Failure{}, false
}

// errorContext is what err's chain says, in the run's language, before the
// failed send itself ("submitting the record: ", "the key was not stored:
// "), or nil when the chain holds no answer or network error whose words
// it ends with.
func errorContext(err error) *string {
	var send error
	for inner := err; inner != nil && send == nil; inner = unwrapLast(inner) {
		switch inner.(type) {
		case *apiclient.APIError, *apiclient.TransportError, *apiclient.RedirectError:
			send = inner
		}
	}
	if send == nil {
		return nil
	}
	outer, in := i18n.Text(err), i18n.Text(send)
	if !strings.HasSuffix(outer, in) {
		return nil
	}
	ctx := outer[:len(outer)-len(in)]
	return &ctx
}

// unwrapLast is the error err wraps, the last one when it wraps several
// (an i18n.Error's arguments: its words end with the last).
func unwrapLast(err error) error {
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return u.Unwrap()
	case interface{ Unwrap() []error }:
		if errs := u.Unwrap(); len(errs) > 0 {
			return errs[len(errs)-1]
		}
	}
	return nil
}

// sendAdvice is the failure policy's reading of a failed send, with the
// command line's way to act on it.
func sendAdvice(f apiclient.Failure, keyCheck bool) string {
	parts := []string{f.Explain}
	if !keyCheck {
		parts = append(parts, f.Consequence()) // a key check sends no record
	}
	switch {
	case f.Encryption == apiclient.EncryptionTurnOn:
		parts = append(parts, i18n.T("commands.next.encrypted_on"))
	case f.Encryption == apiclient.EncryptionTurnOff:
		parts = append(parts, i18n.T("commands.next.encrypted_off"))
	case f.Reason == apiclient.ReasonInvalidProject:
		// The key reached the service and matches no project there: the
		// network is not the cause, the key or the server is.
		parts = append(parts, i18n.T("commands.next.invalid_project"))
	case f.KeyRefused():
		parts = append(parts, i18n.T("commands.next.key_refused"))
	case f.Reason == apiclient.ReasonWrongURL:
		parts = append(parts, i18n.T("commands.next.wrong_url"))
	case f.Reason == apiclient.ReasonUnreachable:
		parts = append(parts, i18n.T("commands.next.unreachable"))
	}
	switch {
	case f.Image == "":
	case f.Reason == apiclient.ReasonTooLarge:
		parts = append(parts, i18n.T("commands.next.image_smaller", cmd.ImageFlag(f.Image)))
	default:
		parts = append(parts, i18n.T("commands.next.image_another", cmd.ImageFlag(f.Image)))
	}
	return strings.Join(parts, " ")
}

// terminalWidth is the width of the terminal f is, or 0 when it is none.
func terminalWidth(f *os.File) int {
	w, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return w
}
