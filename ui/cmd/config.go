package cmd

import (
	"fmt"
	"io"
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
		Use:  "config <command>",
		Args: noArgs,
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.config.short")
		c.Long = i18n.T("helplong.config.long", EnvProfile, settings.DefaultProfile, i18n.EnvLang)
	})
	c.AddCommand(newCmdConfigList(f, g), newCmdConfigGet(f, g), newCmdConfigSet(f, g))
	return c
}

// newCmdConfigList builds `config list`: every setting of the profile, one
// key=value a line, as gh config list prints them.
func newCmdConfigList(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:        "list",
		Aliases:    []string{"ls"},
		SuggestFor: []string{"show", "view"},
		Example:    "  argos-migrate config list\n  argos-migrate config list --profile acme",
		Args:       noArgs,
		RunE: func(*cobra.Command, []string) error {
			return configListRun(&ConfigOptions{Factory: f, Globals: g})
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("cli.config.list_short")
		c.Long = i18n.T("cli.config.list_long") + "\n\n" + configExitCodes(i18n.T("helplong.config.exit_printed"))
	})
	return c
}

func newCmdConfigGet(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:     "get <key>",
		Example: "  argos-migrate config get lang\n  argos-migrate config get lang --profile acme",
		Args:    exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return configGetRun(&ConfigOptions{Factory: f, Globals: g, Key: args[0]})
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.config.get")
		c.Long = i18n.T("helplong.config.get") + "\n\n" + configExitCodes(i18n.T("helplong.config.exit_printed"))
	})
	return c
}

func newCmdConfigSet(f *Factory, g *GlobalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:     "set <key> <value>",
		Example: "  argos-migrate config set lang ko\n  argos-migrate config set lang auto --profile acme",
		Args:    exactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			return configSetRun(&ConfigOptions{Factory: f, Globals: g, Key: args[0], Value: args[1]})
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.config.set")
		c.Long = i18n.T("helplong.config.set", i18n.EnvLang) + "\n\n" + configExitCodes(i18n.T("helplong.config.exit_saved"))
	})
	return c
}

// configExitCodes is the "Exit codes:" section of config's commands, in
// the form every command's help has.
func configExitCodes(ok string) string {
	return exitCodesHelp(exitMeaning{ExitOK, ok}, exitMeaning{ExitFailed, i18n.T("helplong.config.exit_failed")}, usageExit())
}

func checkConfigKey(key string) error {
	for _, k := range configKeys {
		if k == key {
			return nil
		}
	}
	return usageErrorMsg("commands.config.no_such_key", key, strings.Join(configKeys, ", "))
}

// configListRun prints every setting of the profile on stdout, key=value.
func configListRun(opts *ConfigOptions) error {
	p, err := selectedProfileSettings(opts)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, k := range configKeys {
		b.WriteString(k + "=" + configValue(p, k) + "\n")
	}
	_, err = io.WriteString(opts.Factory.IO.Out, b.String())
	return err
}

// selectedProfileSettings are the settings of the profile the run names
// (--profile, ARGOS_PROFILE or the default), as config.json holds them.
func selectedProfileSettings(opts *ConfigOptions) (settings.Profile, error) {
	profile := SelectedProfile(opts.Factory, opts.Globals)
	if err := settings.CheckProfileName(profile); err != nil {
		return settings.Profile{}, usageError(err)
	}
	cfg, _, err := opts.Factory.LoadConfig()
	if err != nil {
		return settings.Profile{}, err
	}
	return cfg.Profiles[profile], nil
}

// configValue is the profile's setting key as config prints it.
func configValue(p settings.Profile, key string) string {
	switch key {
	case "lang":
		if p.Lang == "" {
			return "auto"
		}
		return p.Lang
	}
	return ""
}

// configGetRun prints the profile's language on stdout: ko, en, or auto.
func configGetRun(opts *ConfigOptions) error {
	if err := checkConfigKey(opts.Key); err != nil {
		return err
	}
	p, err := selectedProfileSettings(opts)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Factory.IO.Out, configValue(p, opts.Key))
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
