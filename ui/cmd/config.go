package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// ConfigOptions are the inputs of `config get` and `config set`.
type ConfigOptions struct {
	Factory *Factory
	Globals *GlobalOptions
	Key     string
	Value   string // for set
}

// configKeys are the settings `config` reads and writes, per profile.
var configKeys = []string{"lang"}

// NewCmdConfig builds `config` and its commands.
func NewCmdConfig(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "config <command>",
		Short: "Show and change a profile's settings (its language)",
		Long: `Show and change the settings of a profile (--profile, $` + EnvProfile + `, or "` + settings.DefaultProfile + `"), kept in
the settings file under $XDG_CONFIG_HOME/argos-migrate.

lang: the language of messages and help for runs with the profile, ko or en; auto (the
default) follows $` + i18n.EnvLang + ` and the locale. --lang and $` + i18n.EnvLang + ` still win over it.`,
		Args: noArgs,
	}
	c.AddCommand(newCmdConfigGet(f, g), newCmdConfigSet(f, g))
	return c
}

func newCmdConfigGet(f *Factory, g *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "get <key>",
		Short: "Print a setting of the profile",
		Long: `Print a setting of the profile on stdout: lang is ko, en, or auto (none pinned).

` + configExitCodes("printed"),
		Example: "  argos-migrate config get lang\n  argos-migrate config get lang --profile acme",
		Args:    exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return configGetRun(&ConfigOptions{Factory: f, Globals: g, Key: args[0]})
		},
	}
}

func newCmdConfigSet(f *Factory, g *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "set <key> <value>",
		Short: "Change a setting of the profile",
		Long: `Change a setting of the profile: lang ko or lang en pins the language of its runs (--lang and
$` + i18n.EnvLang + ` still win), lang auto follows the environment again.

` + configExitCodes("saved"),
		Example: "  argos-migrate config set lang ko\n  argos-migrate config set lang auto --profile acme",
		Args:    exactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			return configSetRun(&ConfigOptions{Factory: f, Globals: g, Key: args[0], Value: args[1]})
		},
	}
}

// configExitCodes is the "Exit codes:" section of config's commands, in
// the form every command's help has.
func configExitCodes(ok string) string {
	return "Exit codes:\n" +
		"  0    " + ok + "\n" +
		"  1    the settings file could not be read or written\n" +
		"  2    usage: a flag or argument is wrong; nothing was done\n" +
		"  70   internal error (a bug in argos-migrate; the report holds no field value or key)"
}

func checkConfigKey(key string) error {
	for _, k := range configKeys {
		if k == key {
			return nil
		}
	}
	return usageErrorMsg("commands.config.no_such_key", key, strings.Join(configKeys, ", "))
}

// configGetRun prints the profile's language on stdout: ko, en, or auto.
func configGetRun(opts *ConfigOptions) error {
	f := opts.Factory
	if err := checkConfigKey(opts.Key); err != nil {
		return err
	}
	profile := SelectedProfile(f, opts.Globals)
	if err := settings.CheckProfileName(profile); err != nil {
		return usageError(err)
	}
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return err
	}
	v := cfg.Profiles[profile].Lang
	if v == "" {
		v = "auto"
	}
	_, err = fmt.Fprintln(f.IO.Out, v)
	return err
}

// configSetRun saves the profile's language: ko or en, or auto to follow
// the environment again.
func configSetRun(opts *ConfigOptions) error {
	f := opts.Factory
	if err := checkConfigKey(opts.Key); err != nil {
		return err
	}
	profile := SelectedProfile(f, opts.Globals)
	if err := settings.CheckProfileName(profile); err != nil {
		return usageError(err)
	}
	var lang i18n.Lang
	if !strings.EqualFold(opts.Value, "auto") {
		l, ok := i18n.ParseLang(opts.Value)
		if !ok {
			return usageErrorMsg("commands.config.no_such_lang", opts.Value)
		}
		lang = l
	}
	if err := rememberProfile(f, profile, func(p *settings.Profile) { p.Lang = string(lang) }); err != nil {
		return err
	}
	if lang == "" {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("language.config.auto", profile))
		return nil
	}
	fmt.Fprintln(f.IO.ErrOut, i18n.T("language.config.set", profile, lang.Name(), string(lang)))
	return nil
}
