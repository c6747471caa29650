package main

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/ui/cmd"
)

// helpCommands is the path of every command whose help can be asked for.
func helpCommands() [][]string {
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if !c.Hidden {
			paths = append(paths, path)
		}
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(cmd.NewCmdRoot(cmd.NewFactory("test"), nil), nil)
	return paths
}

// helpIn draws the help of the command at path as the program does, for a
// terminal term cells wide (0: a pipe), and returns it with the command,
// its help written (in the run's language).
func helpIn(t *testing.T, term int, path []string) (string, *cobra.Command) {
	t.Helper()
	root := cmd.NewCmdRoot(cmd.NewFactory("test"), nil)
	var out bytes.Buffer
	root.SetOut(cmd.HelpWriter(&out, term))
	root.SetErr(io.Discard)
	root.SetArgs(append(slices.Clone(path), "--help"))
	if err := runRoot(root); err != nil {
		t.Fatalf("%v --help: %v", path, err)
	}
	c, _, err := root.Find(path)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), c
}

// helpListItem is a list item of a long help (as cmd lays it out): two
// spaces, a term, two or more spaces, its description. Any other indented
// line of a long help is code.
var helpListItem = regexp.MustCompile(`^  \S(?:\S| \S)* {2,}\S`)

// helpCode is the code of c's help, each line as the catalog has it (its
// runs of spaces one, as fang draws examples): its usage line, its
// examples, and the long help's code lines.
func helpCode(c *cobra.Command) []string {
	code := []string{c.UseLine()}
	for _, l := range strings.Split(c.Example, "\n") {
		if l = oneSpaced(l); l != "" {
			code = append(code, l)
		}
	}
	for _, l := range strings.Split(c.Long, "\n") {
		if strings.HasPrefix(l, " ") && !helpListItem.MatchString(l) {
			code = append(code, oneSpaced(l))
		}
	}
	return code
}

// oneSpaced is s without its indent, each run of spaces in it one space.
func oneSpaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkHelpLayout checks help laid out at width: no line is wider, but a
// line of code (which runs past the edge rather than break) or a single
// word too long for any line; every example and every line of code in the
// long help is there whole, as the catalog has it.
func checkHelpLayout(t *testing.T, what, help string, width int, c *cobra.Command) {
	t.Helper()
	code := helpCode(c)
	lines := map[string]bool{}
	for _, l := range strings.Split(ansi.Strip(help), "\n") {
		lines[oneSpaced(l)] = true
		if w := ansi.StringWidth(l); w > width && !slices.Contains(code, oneSpaced(l)) && strings.Contains(strings.TrimSpace(l), " ") {
			t.Errorf("%s: a line %d cells wide: %q", what, w, l)
		}
	}
	for _, l := range code[1:] {
		if !lines[l] {
			t.Errorf("%s: a line of code is not there whole: %q\n%s", what, l, help)
		}
	}
}

// The help of every command, in both languages, in terminals 60, 80, 100
// and 120 columns wide and through a pipe, is laid out once at that width
// (80 for a pipe): no line is wider, but code; no word or flag is broken
// (at a hyphen or anywhere: the words are the same at every width and
// each is one of the help's own); examples and code lines stay whole, as
// the catalog has them. Catalog text broken by hand and wrapped again once
// read ragged, broke --skip-invalid in two and cut examples mid-command.
func TestHelpIsLaidOutOnceAtEveryWidth(t *testing.T) {
	paths := helpCommands()
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, lang)
		for _, path := range paths {
			var words []string
			for _, term := range []int{0, 60, 80, 100, 120} {
				what, width := string(lang)+" "+strings.Join(path, " ")+" piped", 80
				if term > 0 {
					what, width = string(lang)+" "+strings.Join(path, " ")+" at "+strconv.Itoa(term), term
				}
				help, c := helpIn(t, term, path)
				checkHelpLayout(t, what, help, width, c)
				got := strings.Fields(ansi.Strip(help))
				switch {
				case words == nil:
					words = got
					own := helpWords(c)
					for _, w := range got {
						if !own[normalWord(w)] {
							t.Errorf("%s: %q is none of the help's words (a word broken?)", what, w)
						}
					}
				case !slices.Equal(got, words):
					t.Errorf("%s: the words differ from the piped help's (a word broken or cut?):\n%s", what, help)
				}
			}
		}
	}
}

// Through the binary, piped, the same holds in both languages.
func TestPipedHelpIsLaidOutAtEightyColumns(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, lang)
		for _, path := range helpCommands() {
			out, _, code := run(t, "", nil, append(append([]string{"--lang", string(lang)}, path...), "--help")...)
			if code != 0 {
				t.Fatalf("%s %v --help: exit %d", lang, path, code)
			}
			_, c := helpIn(t, 0, path)
			checkHelpLayout(t, string(lang)+" "+strings.Join(path, " ")+" piped", out, 80, c)
		}
	}
}

// helpWords is every word c's help may show: its own texts', its flags'
// and its commands'.
func helpWords(c *cobra.Command) map[string]bool {
	texts := []string{c.Long, c.Short, c.Example, c.UseLine(), "[command] [--flags]"}
	for _, id := range []string{"help.heading.usage", "help.heading.examples", "help.heading.commands", "help.heading.flags"} {
		texts = append(texts, i18n.T(id))
	}
	flag := func(f *pflag.Flag) {
		texts = append(texts, "--"+f.Name, "-"+f.Shorthand, cmd.FlagUsage(c, f), f.DefValue)
	}
	c.Flags().VisitAll(flag)
	c.InheritedFlags().VisitAll(flag)
	for _, sub := range c.Commands() {
		texts = append(texts, sub.Use, sub.Short)
	}
	for _, g := range c.Groups() {
		texts = append(texts, g.Title)
	}
	own := map[string]bool{}
	for _, s := range texts {
		for _, w := range strings.Fields(s) {
			own[normalWord(w)] = true
		}
	}
	return own
}

// normalWord is w as help words are compared: fang capitalises a flag's
// description and puts its default in brackets.
func normalWord(w string) string { return strings.ToLower(strings.Trim(w, "()")) }
