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
		Short: i18n.T("help.root.short"),
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
	setLong(root, func() string {
		return i18n.T("helplong.root.long") + "\n\n" + exitCodesHelp(
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
			return usageErrorMsg("help.root.timeout_invalid", g.Timeout.String())
		}
		return nil
	}
	root.Flags().BoolVar(&g.Accessible, "accessible", false, i18n.T("help.root.accessible", EnvAccessible))
	pf := root.PersistentFlags()
	pf.BoolVar(&g.Sandbox, "sandbox", false, i18n.T("help.root.sandbox"))
	pf.StringVar(&g.APIURL, "api-url", "", i18n.T("help.root.api_url", EnvAPIURL, apiclient.DefaultBaseURL))
	pf.StringVar(&g.Profile, "profile", "", i18n.T("help.root.profile", EnvProfile, settings.DefaultProfile))
	pf.DurationVar(&g.Timeout, "timeout", apiclient.DefaultTimeout, i18n.T("help.root.timeout"))
	pf.BoolVar(&g.Encrypted, "encrypted", false, i18n.T("help.root.encrypted"))
	pf.Var(langValue{&g.Lang}, "lang", i18n.T("help.root.lang", i18n.EnvLang))
	pf.BoolVar(&g.ASCII, "ascii", false, i18n.T("help.root.ascii"))
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
	return root
}
