package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
)

// EnvSandboxKey, when set, replaces the sandbox's published key for
// `argos-migrate sandbox`. It is read from the environment only, never from
// a flag, so that a key given to it stays out of every process's arguments:
// a test uses it to run the whole flow with a key it can recognise.
const EnvSandboxKey = "ARGOS_SANDBOX_KEY"

// EnvSandboxFlags gives the in-process sandbox of --sandbox the behaviour
// flags of `argos-migrate sandbox`, in the same words:
// ARGOS_SANDBOX_FLAGS="--latency 50ms --fail-rate 0.05 --seed 7".
const EnvSandboxFlags = "ARGOS_SANDBOX_FLAGS"

// SandboxOptions are the inputs of `argos-migrate sandbox`.
type SandboxOptions struct {
	Factory   *Factory
	Port      int
	Encrypted bool   // play a project with secure data transmission on
	Key       string // the only key accepted; "" means sandbox.Key
	Behaviour SandboxBehaviour
}

// NewCmdSandbox builds `sandbox`, which serves the local test server in the
// foreground until interrupted.
func NewCmdSandbox(f *Factory, g *GlobalOptions, runF func(context.Context, *SandboxOptions) error) *cobra.Command {
	opts := &SandboxOptions{Factory: f}
	c := &cobra.Command{
		Use: "sandbox",
		Example: `  argos-migrate sandbox --port 8080
  ARGOS_API_KEY=` + sandbox.Key + ` argos-migrate submit --api-url http://127.0.0.1:8080 --file record.json
  argos-migrate sandbox --port 8080 --encrypted
  argos-migrate sandbox --port 8080 --latency 50ms --rate-limit 50 --log requests.jsonl
  argos-migrate sandbox --port 8080 --fail-rate 0.05 --seed 7`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Port < 0 || opts.Port > 65535 {
				return usageErrorMsg("commands.sandbox.port")
			}
			if err := opts.Behaviour.check("--"); err != nil {
				return err
			}
			opts.Encrypted = g.Encrypted
			opts.Key = f.Getenv(EnvSandboxKey)
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return sandboxRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.sandbox.short")
		flagUsage(c, "port", i18n.T("help.sandbox.port"))
		behaviourUsage(c)
		c.Long = i18n.T("helplong.sandbox.long", sandbox.Key, EnvSandboxKey, sandbox.EmailNoLookup, EnvSandboxFlags) + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.sandbox.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.sandbox.exit_failed")},
			usageExit())
	})
	c.Flags().IntVar(&opts.Port, "port", 0, "")
	opts.Behaviour.addFlags(c)
	return c
}

func sandboxRun(ctx context.Context, opts *SandboxOptions) error {
	sb, stop, err := startSandbox(opts.Port, sandbox.Options{Now: opts.Factory.Now, Encrypted: opts.Encrypted,
		Key: opts.Key, ForgetValues: true}, opts.Behaviour)
	if err != nil {
		return err
	}
	io := opts.Factory.IO
	key := sandbox.Key
	if opts.Key != "" {
		key = i18n.T("commands.sandbox.env_key", "$"+EnvSandboxKey, apiclient.MaskKey(opts.Key))
	}
	if sb.Encrypted() {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.listening_encrypted", key))
	} else {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.listening", key))
	}
	if s := opts.Behaviour.String(); s != "" {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.playing", s))
	}
	fmt.Fprintln(io.Out, sb.URL)
	<-ctx.Done()
	tr := sb.Traffic()
	n := sb.Count()
	if err := stop(); err != nil {
		return err
	}
	// Scripts and tests read these counts: written plainly, not grouped.
	counts := []any{strconv.Itoa(n), strconv.Itoa(tr.Requests), strconv.Itoa(tr.Peak)}
	if tr.Limited > 0 {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.stopped_limited", append(counts, strconv.Itoa(tr.Limited))...))
	} else {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.stopped", counts...))
	}
	return nil
}

// startInProcessSandbox starts the sandbox that --sandbox uses, with the
// behaviour flags in $ARGOS_SANDBOX_FLAGS; stop stops it and closes its log.
func startInProcessSandbox(f *Factory, g *GlobalOptions) (*sandbox.Running, func() error, error) {
	b, err := sandboxBehaviourFromEnv(f.Getenv(EnvSandboxFlags))
	if err != nil {
		return nil, nil, err
	}
	// It plays a project with the same encryption setting, so --sandbox
	// --encrypted shows both directions end to end.
	return startSandbox(0, sandbox.Options{Now: f.Now, Encrypted: g.Encrypted, ForgetValues: true}, b)
}

// logOpenError says once why the request log at path (--log) could not be
// opened, in the run's language: the path named once, a missing folder
// named as such (the log itself is created when it is not there), never
// Go's "open …: no such file or directory" after it. A path refused for
// being a link or no regular file keeps the words that say so.
func logOpenError(path string, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return i18n.Errorf("commands.sandbox.log_open", err)
	}
	name := apiclient.Sanitize(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir, aerr := filepath.Abs(filepath.Dir(path))
		if aerr != nil {
			dir = filepath.Dir(path)
		}
		return matching(err, i18n.Errorf("commands.sandbox.log_no_folder", name, apiclient.Sanitize(dir)))
	case errors.Is(err, fs.ErrPermission):
		return matching(err, i18n.Errorf("commands.sandbox.log_permission", name))
	}
	return i18n.Errorf("commands.sandbox.log_failed", name, pe.Err)
}

// startSandbox opens the request log, if any, and starts the sandbox; stop
// stops it, then closes the log.
func startSandbox(port int, o sandbox.Options, b SandboxBehaviour) (*sandbox.Running, func() error, error) {
	o.Latency, o.RateLimit, o.FailRate, o.Seed = b.Latency, b.RateLimit, b.FailRate, b.Seed
	o.MaxRecords, o.MaxImageBytes = b.MaxRecords, b.MaxImageBytes
	var logFile *os.File
	if b.Log != "" {
		var err error
		// Append, never truncate: a log from an earlier run is kept. Never
		// through a link either, like every file the tool writes.
		if logFile, err = settings.OpenPrivate(b.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND); err != nil {
			return nil, nil, logOpenError(b.Log, err)
		}
		o.Log = logFile
	}
	sb, err := sandbox.Start(port, o)
	if err != nil {
		if logFile != nil {
			_ = logFile.Close()
		}
		return nil, nil, err
	}
	stop := func() error {
		err := sb.Close()
		if logFile != nil {
			if cerr := logFile.Close(); err == nil && cerr != nil {
				err = i18n.Errorf("commands.sandbox.log_close", cerr)
			}
		}
		return err
	}
	return sb, stop, nil
}

// sandboxBehaviourFromEnv reads the value of $ARGOS_SANDBOX_FLAGS: the
// sandbox command's behaviour flags, separated by spaces.
func sandboxBehaviourFromEnv(v string) (SandboxBehaviour, error) {
	var b SandboxBehaviour
	c := &cobra.Command{Use: EnvSandboxFlags}
	b.addFlags(c)
	if err := c.ParseFlags(strings.Fields(v)); err != nil {
		return b, usageErrorMsg("commands.error.joined", "$"+EnvSandboxFlags, flagError{err})
	}
	if args := c.Flags().Args(); len(args) > 0 {
		return b, usageErrorMsg("commands.sandbox.not_a_flag", "$"+EnvSandboxFlags, args[0])
	}
	return b, b.check("$" + EnvSandboxFlags + ": --")
}
