package cmd

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// The help capitalises the first word of every flag's and command's
// description (fang title-cases it), so a description that starts with a
// flag, a variable or a code is shown mangled: "--from" as "--From",
// "$ARGOS_LANG" as "$Argos_lang". Each starts with a word, in each language.
func TestHelpDescriptionsStartWithAWord(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(l), func(t *testing.T) {
			i18ntest.Use(t, l)
			f, _, _ := testFactory(t, nil)
			root := NewCmdRoot(f, nil)
			FillHelp(root)
			check := func(where, text string) {
				if text == "" {
					return
				}
				// A word that starts with a letter is titled as a word is;
				// one that starts with a mark and holds letters is mangled.
				word := strings.Fields(text)[0]
				r, _ := utf8.DecodeRuneInString(word)
				if !unicode.IsLetter(r) && strings.IndexFunc(word, unicode.IsLetter) >= 0 {
					t.Errorf("%s: %q starts with %q, which the help would title-case", where, text, word)
				}
			}
			var walk func(c *cobra.Command)
			walk = func(c *cobra.Command) {
				if !c.Hidden {
					check(c.CommandPath(), c.Short)
				}
				c.Flags().VisitAll(func(fl *pflag.Flag) { check(c.CommandPath()+" --"+fl.Name, fl.Usage) })
				c.PersistentFlags().VisitAll(func(fl *pflag.Flag) { check(c.CommandPath()+" --"+fl.Name, fl.Usage) })
				for _, sub := range c.Commands() {
					walk(sub)
				}
			}
			walk(root)
		})
	}
}
