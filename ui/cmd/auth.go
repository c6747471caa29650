package cmd

import (
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"

	"github.com/spf13/cobra"
)

// NewCmdAuth builds `auth`, the group of commands that manage API keys.
func NewCmdAuth(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "auth <command>",
		Short: "Store, show and remove API keys (kept in the OS keyring)",
		Long: `Manage the API keys argos-migrate uses, one per profile (one per customer project).

Keys live only in the OS keyring: macOS Keychain, Windows Credential Manager, or the Secret
Service on Linux (gnome-keyring, KeePassXC), under the service "` + keyring.Service + `" with the
profile's name. Never in a file, never on the command line.

Pick a profile with --profile or $` + EnvProfile + ` (default "` + settings.DefaultProfile + `"). Non-secret settings of a
profile (its API URL) live in the settings file under $XDG_CONFIG_HOME/argos-migrate.

$` + EnvAPIKey + `, when set, overrides the stored key of every profile: use it for scripts
and on machines without a keyring.`,
		Args: noArgs,
	}
	c.AddCommand(
		NewCmdAuthLogin(f, g, nil),
		NewCmdAuthStatus(f, g, nil),
		NewCmdAuthLogout(f, g, nil),
	)
	return c
}
