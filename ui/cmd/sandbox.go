package cmd

import (
	"context"
	"fmt"
	"os"
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
		Use:   "sandbox",
		Short: "Run a local server that speaks the migration API, for trying things out",
		Long: `Run a local ARGOS migration server on 127.0.0.1 until interrupted. It answers as the
vendor documents, with the same field rules, and keeps what it creates in memory: the id,
time, email, userid, kycStatus and a fingerprint of each record, about 300 bytes a record,
never its other values.

Its only key is "` + sandbox.Key + `" (not a secret), or the one in $` + EnvSandboxKey + `
when that is set (read from the environment only, never printed: tests use it to run the
whole flow with a key they can recognise). Admin accounts on the sandbox.test domain make
it answer with a chosen failure:

  payload@sandbox.test   400 invalid_payload
  parameter@sandbox.test 400 invalid_parameter (cf4)
  invalid@sandbox.test   400 invalid_admin
  project@sandbox.test   400 invalid_project
  error@sandbox.test     400 processing_error
  fail@sandbox.test      500, nothing created
  gateway@sandbox.test   502 with an HTML page, nothing created
  stall@sandbox.test     creates the record, then never answers
  drop@sandbox.test      creates the record, then drops the connection

It also answers GET /v3/submission?email=... (or userid=, submission_id=) with the
records it created, filtered exactly, oldest first, 50 a page (count=, nextpage_id=): the
lookup the wizard and the import make before re-sending a record whose outcome was
unknown (its path and shape are inferred, not documented by the vendor). The person email
` + sandbox.EmailNoLookup + ` makes the lookup answer 404.

It serves PUT /v3/submission/image (multipart/form-data: submissionId, admin, idType and
base64 jpg or png images idImage, idBackImage, selfieImage, addressImage) with the
vendor's errors for that call, the same magic admins but parameter@, and 413 above
--max-image-bytes per decoded image. It keeps each image's type, size and SHA-256, never
its bytes.

With --encrypted it plays a project with secure data transmission turned on: it reads
only {"body": "<ciphertext>"} sealed with its key (a plain body gets invalid_payload)
and encrypts its answers as {"data": "<ciphertext>", "isEncrypted": true}. The image call
stays plain: the vendor does not document encryption for it.

To try a client under load and faults:

  --latency D        added to every answer; concurrent requests wait side by side
  --rate-limit R     above R requests in any one second (a sliding window over the
                     requests let through, every path and key alike): 429 with
                     Retry-After in whole seconds and {"message": "Too Many Requests"};
                     nothing is created
  --fail-rate P      that fraction (0 to 1) of the records that would be created are
                     created and then answered 500 or dropped, half each: the client
                     cannot know, the lookup finds them
  --seed N           seeds --fail-rate: one seed and one order of requests, one outcome
  --log FILE         appends one JSON line per request: {"time" (arrival, UTC, to the
                     microsecond), "method", "path", "status"} (status 0: no answer);
                     never a key, a query or a value of a record
  --max-records N    past N records, answer processing_error and create nothing

The in-process sandbox of --sandbox on any other command takes the same flags from
$` + EnvSandboxFlags + `, separated by spaces:

  ` + EnvSandboxFlags + `="--latency 50ms --fail-rate 0.05" argos-migrate --sandbox

` + exitCodesHelp(
			exitMeaning{ExitOK, "stopped by ctrl+c or SIGTERM"},
			exitMeaning{ExitFailed, "it could not serve (the port is taken, or the log cannot be written)"},
			usageExit),
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
	c.Flags().IntVar(&opts.Port, "port", 0, "port to listen on (0 picks a free one)")
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
	if tr.Limited > 0 {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.stopped_limited", n, tr.Requests, tr.Peak, tr.Limited))
	} else {
		fmt.Fprintln(io.ErrOut, i18n.T("commands.sandbox.stopped", n, tr.Requests, tr.Peak))
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
			return nil, nil, i18n.Errorf("commands.sandbox.log_open", err)
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
