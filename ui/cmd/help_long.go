package cmd

import (
	"sync"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/i18n"
)

// A command's help (its short and long help, its "Exit codes:" section and
// its flags' usage) is written only when help is shown: every start builds
// the whole command tree, and reading the help catalogs (help, helplong)
// and formatting their messages for every command of every run would cost
// start-up time that only --help, the man page and shell completion use
// (measured: about 0.15 ms to build the tree with the short help and flags
// written, 0.25 ms more with the long help). A command registers the
// function that writes its help (setHelp); the help functions, the man
// page and completion call FillHelp first.

// helpFill maps a command to the function that writes its help, until it
// is written.
var helpFill sync.Map // *cobra.Command → func()

// setHelp makes fill the writer of c's help: it sets c.Short and c.Long
// and its flags' usage (flagUsage) in the run's language, when help is
// shown.
func setHelp(c *cobra.Command, fill func()) { helpFill.Store(c, fill) }

// flagUsage sets the usage of c's flag name, its own or a persistent one.
func flagUsage(c *cobra.Command, name, usage string) {
	if f := c.Flags().Lookup(name); f != nil {
		f.Usage = usage
	}
	if f := c.PersistentFlags().Lookup(name); f != nil {
		f.Usage = usage
	}
}

// FillHelp writes the help of every command of c's tree that has not been
// written yet, in the run's language, and gives the help and version flags
// cobra adds their words. main calls it before it shows help, writes the
// man page or answers shell completion; the help functions of the tree
// call it too.
func FillHelp(c *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if f, ok := helpFill.LoadAndDelete(c); ok {
			f.(func())()
			c.Long = reflow(c.Long) // laid out when shown (ShowHelp)
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
	// The command lines each shell's help gives, as they are typed.
	shells := map[string]func() string{
		"bash": func() string {
			return i18n.T("helplong.completion.bash", "source <(argos-migrate completion bash)",
				"argos-migrate completion bash > /etc/bash_completion.d/argos-migrate",
				"argos-migrate completion bash > $(brew --prefix)/etc/bash_completion.d/argos-migrate")
		},
		"zsh": func() string {
			return i18n.T("helplong.completion.zsh", `echo "autoload -U compinit; compinit" >> ~/.zshrc`,
				"source <(argos-migrate completion zsh)",
				`argos-migrate completion zsh > "${fpath[1]}/_argos-migrate"`,
				"argos-migrate completion zsh > $(brew --prefix)/share/zsh/site-functions/_argos-migrate")
		},
		"fish": func() string {
			return i18n.T("helplong.completion.fish", "argos-migrate completion fish | source",
				"argos-migrate completion fish > ~/.config/fish/completions/argos-migrate.fish")
		},
		"powershell": func() string {
			return i18n.T("helplong.completion.powershell", "argos-migrate completion powershell | Out-String | Invoke-Expression")
		},
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			setHelp(c, func() {
				c.Short = i18n.T("help.other.help")
				c.Long = i18n.T("helplong.help.long", "argos-migrate help [command]") + "\n\n" +
					exitCodesHelp(exitMeaning{ExitOK, i18n.T("helplong.help.exit_ok")}, usageExit())
			})
		case "completion":
			setHelp(c, func() {
				c.Short = i18n.T("help.completion.short")
				c.Long = i18n.T("helplong.completion.long")
			})
			for _, shell := range c.Commands() {
				long := shells[shell.Name()]
				if long == nil {
					continue
				}
				shell.Args = noArgs
				setHelp(shell, func() {
					shell.Short = i18n.T("help.completion.shell", shell.Name())
					flagUsage(shell, "no-descriptions", i18n.T("helplong.completion.no_descriptions"))
					shell.Long = long() + "\n\n" + exitCodesHelp(exitMeaning{ExitOK, i18n.T("helplong.completion.exit_ok")}, usageExit())
				})
			}
		}
	}
}
