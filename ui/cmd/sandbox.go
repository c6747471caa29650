package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
)

// EnvSandboxKey, when set, replaces the sandbox's published key for
// `argos-migrate sandbox`. It is read from the environment only, never from
// a flag, so that a key given to it stays out of every process's arguments:
// a test uses it to run the whole flow with a key it can recognise.
const EnvSandboxKey = "ARGOS_SANDBOX_KEY"

// SandboxOptions are the inputs of `argos-migrate sandbox`.
type SandboxOptions struct {
	Factory   *Factory
	Port      int
	Encrypted bool   // play a project with secure data transmission on
	Key       string // the only key accepted; "" means sandbox.Key
}

// NewCmdSandbox builds `sandbox`, which serves the local test server in the
// foreground until interrupted.
func NewCmdSandbox(f *Factory, g *GlobalOptions, runF func(context.Context, *SandboxOptions) error) *cobra.Command {
	opts := &SandboxOptions{Factory: f}
	c := &cobra.Command{
		Use:   "sandbox",
		Short: "Run a local server that speaks the migration API, for trying things out",
		Long: `Run a local ARGOS migration server on 127.0.0.1 until interrupted. It answers as the
vendor documents, with the same field rules, and keeps what it creates in memory.

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

It also answers GET /v3/submission?email=... with the records created for that email
(the lookup the wizard makes before re-sending a record whose outcome was unknown; its
path and shape are inferred, not documented by the vendor). The person email
` + sandbox.EmailNoLookup + ` makes the lookup answer 404.

With --encrypted it plays a project with secure data transmission turned on: it reads
only {"body": "<ciphertext>"} sealed with its key (a plain body gets invalid_payload)
and encrypts its answers as {"data": "<ciphertext>", "isEncrypted": true}.`,
		Example: `  argos-migrate sandbox --port 8080
  ARGOS_API_KEY=` + sandbox.Key + ` argos-migrate submit --api-url http://127.0.0.1:8080 --file record.json
  argos-migrate sandbox --port 8080 --encrypted`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Port < 0 || opts.Port > 65535 {
				return usageErrorf("--port must be between 0 and 65535")
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
	return c
}

func sandboxRun(ctx context.Context, opts *SandboxOptions) error {
	sb, err := sandbox.Start(opts.Port, sandbox.Options{Now: opts.Factory.Now, Encrypted: opts.Encrypted, Key: opts.Key})
	if err != nil {
		return err
	}
	defer sb.Close()
	io := opts.Factory.IO
	mode := ""
	if sb.Encrypted() {
		mode = "  Encrypted: yes (use --encrypted)"
	}
	key := sandbox.Key
	if opts.Key != "" {
		key = "the one in $" + EnvSandboxKey + " (" + apiclient.MaskKey(opts.Key) + ")"
	}
	fmt.Fprintf(io.ErrOut, "Sandbox listening. Key: %s%s  (press ctrl+c to stop)\n", key, mode)
	fmt.Fprintln(io.Out, sb.URL)
	<-ctx.Done()
	fmt.Fprintf(io.ErrOut, "Sandbox stopped after %d submission(s).\n", len(sb.Records()))
	return nil
}
