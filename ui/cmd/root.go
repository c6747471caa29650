package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// WizardFunc runs the interactive wizard; main injects the ui package's.
type WizardFunc func(ctx context.Context, f *Factory, g *GlobalOptions) error

// NewCmdRoot builds the whole command tree. With no sub-command it runs the
// wizard.
func NewCmdRoot(f *Factory, wizard WizardFunc) *cobra.Command {
	g := &GlobalOptions{}
	root := &cobra.Command{
		Use:   "argos-migrate",
		Short: "Migrate existing KYC records into ARGOS Identity, one at a time",
		Long: `argos-migrate creates ARGOS Identity submissions from existing KYC records through
POST /v3/submission/migration. Run it with no command for the interactive wizard, or use
submit for a record in a JSON file.

Try everything without a key or a network with --sandbox.

` + exitCodesHelp(
			exitMeaning{ExitOK, "every record sent was created (each id on stdout)"},
			exitMeaning{ExitFailed, "the API refused the last record sent; it is kept as a draft"},
			exitMeaning{ExitInvalid, "invalid input or usage (no terminal, a --from file, an answer file that ends early); nothing was sent"},
			exitMeaning{ExitNetwork, "the last submit failed on the network or the server; the message says whether the record may exist"},
			exitMeaning{ExitUnprinted, "created, but an id could not be written to stdout: stderr names it"},
			exitMeaning{ExitCancelled, "quit before submitting, or cancelled (ctrl+c)"}),
		Example: `  argos-migrate --sandbox
  argos-migrate --accessible --sandbox < answers.txt
  argos-migrate --resume
  argos-migrate --from ticket-record.json
  argos-migrate --from customers.csv --row 12
  argos-migrate submit --file record.json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if wizard == nil {
				return c.Help()
			}
			return wizard(c.Context(), f, g)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageErrorf("%v", err)
	})
	// Every command shares --timeout; no value means "wait forever" or
	// "the default", so zero and negative ones are refused, not replaced.
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.Timeout <= 0 {
			return usageErrorf("--timeout must be more than zero (for example 30s or 2m), not %s", g.Timeout)
		}
		return nil
	}
	root.Flags().BoolVar(&g.Accessible, "accessible", false,
		"plain line prompts, for screen readers, TERM=dumb and piped answers (also $"+EnvAccessible+"=1)")
	pf := root.PersistentFlags()
	pf.BoolVar(&g.Sandbox, "sandbox", false, "use a built-in local sandbox server (no key, no network)")
	pf.StringVar(&g.APIURL, "api-url", "", "base URL of the API (default $"+EnvAPIURL+", the profile's, or "+apiclient.DefaultBaseURL+")")
	pf.StringVar(&g.Profile, "profile", "", "profile whose stored key and settings to use (default $"+EnvProfile+`, or "`+settings.DefaultProfile+`")`)
	pf.DurationVar(&g.Timeout, "timeout", apiclient.DefaultTimeout, "how long to wait for the server")
	pf.BoolVar(&g.Encrypted, "encrypted", false, "encrypt request bodies, for projects with secure data transmission turned on")
	pf.Var(langValue{&g.Lang}, "lang", "language of messages and help: ko or en (default $"+i18n.EnvLang+", the profile's, or the locale)")
	pf.BoolVar(&g.ASCII, "ascii", false, "draw marks and borders with ASCII only, for terminals that draw •, … and box lines two cells wide")
	addDraftFlags(root, &g.Drafts)
	addRowFlag(root, g)
	root.AddCommand(
		NewCmdDraft(f, g),
		NewCmdSubmit(f, g, nil),
		NewCmdImage(f, g, nil),
		NewCmdSandbox(f, g, nil),
		NewCmdAuth(f, g),
		NewCmdImport(f, g, nil),
		NewCmdConfig(f, g),
	)
	showOnlyUsedGlobals(root)
	completionExitCodes(root)
	return root
}
