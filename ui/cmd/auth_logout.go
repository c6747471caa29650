package cmd

import (
	"context"
	"errors"
	"fmt"

	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
)

// LogoutOptions are the inputs of `auth logout`.
type LogoutOptions struct {
	Factory *Factory
	Globals *GlobalOptions
}

// NewCmdAuthLogout builds `auth logout`; runF replaces logoutRun in tests.
func NewCmdAuthLogout(f *Factory, g *GlobalOptions, runF func(context.Context, *LogoutOptions) error) *cobra.Command {
	opts := &LogoutOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use: "logout",
		Example: `  argos-migrate auth logout
  argos-migrate auth logout --profile acme`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return logoutRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.auth.logout")
		c.Long = i18n.T("helplong.logout.long", EnvProfile, settings.DefaultProfile) + "\n\n" + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("helplong.logout.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("helplong.logout.exit_failed")},
			usageExit(), cancelExit())
	})
	return c
}

func logoutRun(ctx context.Context, opts *LogoutOptions) error {
	f := opts.Factory
	profile := SelectedProfile(f, opts.Globals)
	if err := settings.CheckProfileName(profile); err != nil {
		return usageError(err)
	}
	err := f.Keyring().Delete(ctx, profile)
	switch {
	case errors.Is(err, keyring.ErrKeyNotFound):
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.logout.none", profile))
	case err != nil:
		return err
	default:
		fmt.Fprintln(f.IO.ErrOut, done(i18n.T("commands.logout.removed", profile)))
	}
	if err := forgetProfile(f, profile); err != nil {
		return err
	}
	if f.Getenv(EnvAPIKey) != "" {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.logout.env_still", EnvAPIKey))
	}
	return nil
}
