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
		Use: "argos-migrate",
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
	setHelp(root, func() {
		root.Short = i18n.T("help.root.short")
		flagUsage(root, "accessible", i18n.T("help.root.accessible", EnvAccessible))
		flagUsage(root, "sandbox", i18n.T("help.root.sandbox"))
		flagUsage(root, "api-url", i18n.T("help.root.api_url", EnvAPIURL, apiclient.DefaultBaseURL))
		flagUsage(root, "profile", i18n.T("help.root.profile", EnvProfile, settings.DefaultProfile))
		flagUsage(root, "timeout", i18n.T("help.root.timeout"))
		flagUsage(root, "encrypted", i18n.T("help.root.encrypted"))
		flagUsage(root, "lang", i18n.T("help.root.lang", i18n.EnvLang))
		flagUsage(root, "ascii", i18n.T("help.root.ascii"))
		draftFlagsUsage(root)
		root.Long = i18n.T("helplong.root.long") + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.root.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.root.exit_failed")},
			exitMeaning{ExitInvalid, i18n.T("helplong.root.exit_invalid")},
			exitMeaning{ExitNetwork, i18n.T("helplong.root.exit_network")},
			exitMeaning{ExitUnprinted, i18n.T("helplong.root.exit_unprinted")},
			exitMeaning{ExitCancelled, i18n.T("helplong.root.exit_cancelled")})
	})
	// cobra's default help, with the long help written first; main puts
	// fang's in its place (and calls FillHelp itself).
	defaultHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		FillHelp(c)
		defaultHelp(c, args)
	})
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError(flagError{err})
	})
	// Every command shares --timeout; no value means "wait forever" or
	// "the default", so zero and negative ones are refused, not replaced.
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.Timeout <= 0 {
			return usageErrorMsg("commands.usage.timeout", g.Timeout.String())
		}
		return nil
	}
	// The flags' usage is written with the rest of the help (setHelp).
	root.Flags().BoolVar(&g.Accessible, "accessible", false, "")
	pf := root.PersistentFlags()
	pf.BoolVar(&g.Sandbox, "sandbox", false, "")
	pf.StringVar(&g.APIURL, "api-url", "", "")
	pf.StringVar(&g.Profile, "profile", "", "")
	pf.DurationVar(&g.Timeout, "timeout", apiclient.DefaultTimeout, "")
	pf.BoolVar(&g.Encrypted, "encrypted", false, "")
	pf.Var(langValue{&g.Lang}, "lang", "")
	pf.BoolVar(&g.ASCII, "ascii", false, "")
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
	refuseUnknownCommands(root) // after cobra's own commands are added
	return root
}
