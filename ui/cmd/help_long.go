package cmd

import (
	"sync"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
)

// The long help of a command (its paragraphs and its "Exit codes:"
// section) is written only when help is shown: every start builds the
// whole command tree, and reading the long help's catalog (helplong) for
// every command of every run would cost start-up time that only --help
// uses. A command registers the function that writes it (setLong); the
// help functions and the man page call FillHelp first.

// longHelp maps a command to the function that writes its long help, until
// it is written.
var longHelp sync.Map // *cobra.Command → func() string

// setLong makes long the long help of c, written when help is shown.
func setLong(c *cobra.Command, long func() string) { longHelp.Store(c, long) }

// FillHelp writes the long help of every command of c's tree that has not
// been written yet, in the run's language, and gives the help and version
// flags cobra adds their words. main calls it before it shows help or
// writes the man page; the help functions of the tree call it too.
func FillHelp(c *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if f, ok := longHelp.LoadAndDelete(c); ok {
			c.Long = reflow(f.(func() string)())
		}
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = i18n.T("helplong.help.flag", c.Name())
		}
		if f := c.Flags().Lookup("version"); f != nil && c.Version != "" {
			f.Usage = i18n.T("helplong.help.version", c.Name())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(c.Root())
}

// localizeBuiltins gives cobra's own commands (completion and its shells,
// help) words from the catalogs and the "Exit codes:" section every command
// has: a usage mistake, such as an argument too many, exits 2.
func localizeBuiltins(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	const name = "argos-migrate"
	shells := map[string]func() string{
		"bash": func() string {
			return i18n.T("helplong.completion.bash", "source <("+name+" completion bash)",
				name+" completion bash > /etc/bash_completion.d/"+name,
				name+" completion bash > $(brew --prefix)/etc/bash_completion.d/"+name)
		},
		"zsh": func() string {
			return i18n.T("helplong.completion.zsh", `echo "autoload -U compinit; compinit" >> ~/.zshrc`,
				"source <("+name+" completion zsh)",
				name+` completion zsh > "${fpath[1]}/_`+name+`"`,
				name+" completion zsh > $(brew --prefix)/share/zsh/site-functions/_"+name)
		},
		"fish": func() string {
			return i18n.T("helplong.completion.fish", name+" completion fish | source",
				name+" completion fish > ~/.config/fish/completions/"+name+".fish")
		},
		"powershell": func() string {
			return i18n.T("helplong.completion.powershell", name+" completion powershell | Out-String | Invoke-Expression")
		},
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = i18n.T("help.other.help")
			c.Args = cobra.ArbitraryArgs
			setLong(c, func() string {
				return i18n.T("helplong.help.long", name+" help [command]") + "\n\n" +
					exitCodesHelp(exitMeaning{ExitOK, i18n.T("helplong.help.exit_ok")}, usageExit())
			})
		case "completion":
			c.Short = i18n.T("help.completion.short")
			setLong(c, func() string { return i18n.T("helplong.completion.long") })
			for _, shell := range c.Commands() {
				long := shells[shell.Name()]
				if long == nil {
					continue
				}
				shell.Short = i18n.T("help.completion.shell", shell.Name())
				shell.Args = noArgs
				setLong(shell, func() string {
					if f := shell.Flags().Lookup("no-descriptions"); f != nil {
						f.Usage = i18n.T("helplong.completion.no_descriptions")
					}
					return long() + "\n\n" + exitCodesHelp(exitMeaning{ExitOK, i18n.T("helplong.completion.exit_ok")}, usageExit())
				})
			}
		}
	}
}
