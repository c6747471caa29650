// Command argos-migrate migrates existing KYC records into ARGOS Identity.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"charm.land/fang/v2"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
	"argos-migrate/ui"
	"argos-migrate/ui/cmd"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes, as documented in `submit --help` and the README.
const (
	exitOK        = 0
	exitRejected  = 1 // the API refused the record
	exitOther     = 1 // any other failure; the message says what
	exitInvalid   = 2
	exitNetwork   = 3
	exitUnprinted = 4  // created, but the id could not be written to stdout; stderr names it
	exitCrash     = 70 // an internal error (sysexits' EX_SOFTWARE)
	exitCancelled = 130
)

func main() {
	// A panic outside the wizard (which catches its own) gets the same short
	// report: where, never what; the panic's value could quote a record.
	defer func() {
		if recover() != nil {
			printError(os.Stderr, ui.NewCrash())
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
	root := cmd.NewCmdRoot(f, cmd.WizardRun)
	// What a command was asked for goes to stdout: help, --version and
	// completion scripts (`source <(argos-migrate completion bash)`), as gh
	// does; errors and everything the wizard draws go to stderr.
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(version),
		// SIGHUP (a closed terminal or ssh session) ends a run as SIGTERM
		// does: a submit in flight says whether the record may exist.
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM, syscall.SIGHUP),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { printError(w, err) }),
	)
	cmd.WriteJSONFailure(f, root, os.Args[1:], err)
	return exitCode(err)
}

// exitCode is the one place errors become exit codes.
func exitCode(err error) int {
	var apiErr *apiclient.APIError
	var redirect *apiclient.RedirectError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, cmd.ErrOutputLost):
		return exitUnprinted
	case errors.Is(err, ui.ErrCrash):
		return exitCrash
	case errors.Is(err, cmd.ErrReported):
		return exitOther // e.g. auth status with no usable key, as gh auth status does
	case errors.Is(err, cmd.ErrCancelled), errors.Is(err, context.Canceled):
		return exitCancelled
	case errors.Is(err, apiclient.ErrOutcomeUnknown), errors.Is(err, apiclient.ErrNotSent), errors.As(err, &redirect):
		return exitNetwork
	case errors.As(err, &apiErr):
		if apiErr.Status == 429 {
			return exitNetwork
		}
		return exitRejected
	case errors.Is(err, apiclient.ErrInvalidRecord), errors.Is(err, apiclient.ErrInvalidPayload),
		errors.Is(err, apiclient.ErrNoKey), errors.Is(err, apiclient.ErrInvalidKey),
		errors.Is(err, cmd.ErrUsage), errors.Is(err, forms.ErrNoDraft):
		return exitInvalid
	}
	return exitOther
}

// printError writes the error and the next step to take, on stderr.
func printError(w io.Writer, err error) {
	if errors.Is(err, ui.ErrQuit) {
		return // a deliberate quit: the wizard has said what it kept (exit 130)
	}
	if errors.Is(err, cmd.ErrReported) {
		if hint := nextStep(err); hint != "" {
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
	} else {
		fmt.Fprintf(w, "error: %s\n", apiclient.Sanitize(err.Error()))
	}
	if hint := nextStep(err); hint != "" {
		fmt.Fprintln(w, hint)
	}
}

// nextStep tells the operator what to do about err.
func nextStep(err error) string {
	var apiErr *apiclient.APIError
	var ve *apiclient.ValidationError
	var ke *apiclient.KeyringError
	var nk *cmd.NoKeyError
	var redirect *apiclient.RedirectError
	switch {
	case errors.Is(err, cmd.ErrOutputLost):
		return "The record exists: keep the id above and do not submit it again."
	case errors.Is(err, ui.ErrCrash):
		return "This is a bug in argos-migrate, not a problem with the record. The line above names only a place in the code " +
			"(no field value, no key): please send it to the maintainers. What was typed in the wizard is kept as a draft: " +
			"run argos-migrate again to resume it."
	case errors.As(err, &apiErr):
		return apiErr.Explain()
	case errors.As(err, &redirect):
		return redirect.Explain()
	case errors.As(err, &nk):
		return nk.Explain()
	case errors.As(err, &ke):
		return ke.Explain()
	case errors.As(err, &ve):
		return "Nothing was sent. Fix the fields above and run the command again."
	case errors.Is(err, apiclient.ErrInvalidPayload):
		return "Nothing was sent. Fix the record file and run the command again."
	case errors.Is(err, apiclient.ErrNoKey):
		return "Run `argos-migrate auth login`, or set ARGOS_API_KEY for this session."
	case errors.Is(err, apiclient.ErrInvalidKey):
		return "Nothing was sent. Set ARGOS_API_KEY to the key alone, or store it again with `argos-migrate auth login`."
	case errors.Is(err, apiclient.ErrOutcomeUnknown):
		return "The record may have been created: check the dashboard before submitting it again."
	case errors.Is(err, apiclient.ErrNotSent):
		return "Nothing reached the server: check the network and the API URL, then try again."
	case errors.Is(err, cmd.ErrUsage):
		return "Run `argos-migrate --help` for usage."
	}
	return ""
}
