package cmd

import (
	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
)

// refuseUnknownCommands makes every command that only groups others (auth,
// config, draft, completion, and any added later) refuse a name it does
// not have, as the root does: a usage error (exit 2) that names the
// command and, when a name is close, the one meant. cobra shows such a
// command's help and exits 0, so a typo in a script (`draft discrad`)
// passed for success. Without a name it still shows its help; its help
// says both ways it can end.
func refuseUnknownCommands(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.HasSubCommands() || c.Runnable() {
			return
		}
		c.Args = noArgs
		c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		fill, _ := helpFill.Load(c)
		setHelp(c, func() {
			if fill != nil {
				fill.(func())()
			}
			c.Long += "\n\n" + exitCodesHelp(exitMeaning{ExitOK, i18n.T("cli.group.exit_help")}, exitMeaning{ExitInvalid, i18n.T("cli.group.exit_unknown")})
		})
	}
	walk(root)
	// `help TOPIC` the same: cobra's shows the root's help for a topic it
	// does not know, and exits 0.
	for _, h := range root.Commands() {
		if h.Name() == "help" {
			h.Run, h.RunE = nil, helpTopic
		}
	}
}

// helpTopic shows the help of the command args name, or refuses a name
// there is no command for.
func helpTopic(c *cobra.Command, args []string) error {
	target, rest, err := c.Root().Find(args)
	switch {
	case err != nil || target == nil:
		return unknownCommand(c.Root(), args[0])
	case len(rest) > 0:
		return unknownCommand(target, rest[0])
	}
	target.InitDefaultHelpFlag()
	target.InitDefaultVersionFlag()
	return target.Help()
}

// unknownCommand is the usage error for a name c has no command for, with
// the closest of its commands' names when there is one.
func unknownCommand(c *cobra.Command, name string) error {
	if c.HasSubCommands() {
		if c.SuggestionsMinimumDistance <= 0 {
			c.SuggestionsMinimumDistance = 2 // cobra's own default, set only where cobra suggests
		}
		if near := c.SuggestionsFor(name); len(near) > 0 {
			return usageErrorMsg("cli.group.unknown_near", i18n.Msg("commands.usage.unknown_command", name, c.CommandPath()), near[0])
		}
	}
	return usageErrorMsg("commands.usage.unknown_command", name, c.CommandPath())
}
