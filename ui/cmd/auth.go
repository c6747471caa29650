package cmd

import (
	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
)

// NewCmdAuth builds `auth`, the group of commands that manage API keys.
func NewCmdAuth(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:  "auth <command>",
		Args: noArgs,
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.auth.short")
		c.Long = i18n.T("helplong.auth.long", keyring.Service, EnvProfile, settings.DefaultProfile, EnvAPIKey)
	})
	c.AddCommand(
		NewCmdAuthLogin(f, g, nil),
		NewCmdAuthStatus(f, g, nil),
		NewCmdAuthLogout(f, g, nil),
	)
	return c
}
