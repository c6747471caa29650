package cmd

import (
	"io"
	"regexp"
	"slices"
	"strings"

	"argos-migrate/apiclient/i18n"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// HelpWriter is where what a command was asked for (help, --version,
// completion scripts) is written: each line without the trailing spaces
// the help's layout pads it with (to 120 columns when piped), and, when
// width is above zero (a terminal that wide), a line longer than the
// terminal wrapped at word boundaries, a flag's or command's description
// under itself, instead of being cut mid-word by the terminal. Help shown
// when stdout is no terminal (width 0) is wrapped at pipedHelpWidth
// (ShowHelp); a completion script or a man page never is.
func HelpWriter(w io.Writer, width int) io.Writer { return &helpWriter{w: w, width: width} }

// pipedHelpWidth is the width of help read through a pipe, a file or a
// pager: a ticket's or a mail's, not fang's 120.
const pipedHelpWidth = 80

type helpWriter struct {
	w     io.Writer
	width int
}

// ShowHelp runs show, which writes c's help, with help's width in force on
// c's output: help written to no terminal is wrapped at pipedHelpWidth,
// as a terminal's is at its width.
func ShowHelp(c *cobra.Command, show func()) {
	h, ok := c.OutOrStdout().(*helpWriter)
	if !ok || h.width > 0 {
		show()
		return
	}
	h.width = pipedHelpWidth
	defer func() { h.width = 0 }()
	show()
}

func (h *helpWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	headings := helpHeadings()
	for i, l := range lines {
		if i < len(lines)-1 {
			l = trimRightSpace(l)
		}
		if headings != nil {
			if to, ok := headings[strings.TrimSpace(ansi.Strip(l))]; ok {
				l = strings.Replace(l, strings.TrimSpace(ansi.Strip(l)), to, 1)
			}
		}
		if h.width > 0 && ansi.StringWidth(l) > h.width {
			l = wrapHelpLine(l, h.width)
		}
		lines[i] = l
	}
	if _, err := io.WriteString(h.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// helpHeadings maps fang's headings (USAGE, EXAMPLES, COMMANDS, FLAGS),
// which it writes in English, to the run's language; nil in English.
func helpHeadings() map[string]string {
	if i18n.Language() == i18n.EN {
		return nil
	}
	m := map[string]string{}
	for _, id := range []string{"help.heading.usage", "help.heading.examples", "help.heading.commands", "help.heading.flags"} {
		m[i18n.English(id)] = i18n.T(id)
	}
	return m
}

// trailingSpace is spaces at the end of a line, styles (SGR) among them.
var (
	trailingSpace = regexp.MustCompile(`(?:[ \t]|\x1b\[[0-9;:]*m)+$`)
	sgr           = regexp.MustCompile(`\x1b\[[0-9;:]*m`)
)

// trimRightSpace drops a line's trailing spaces, keeping the styles that
// end it (a reset) so that no style bleeds into the next line.
func trimRightSpace(l string) string {
	loc := trailingSpace.FindStringIndex(l)
	if loc == nil {
		return l
	}
	tail := l[loc[0]:]
	codes := strings.Join(sgr.FindAllString(tail, -1), "")
	return l[:loc[0]] + codes
}

// descriptionColumn is where a "  name   description" line's description
// starts (after the first run of two or more spaces past the name), or -1.
var descriptionColumn = regexp.MustCompile(`^( *\S(?:\S| \S)*)( {2,})\S`)

// wrapHelpLine wraps l to width, the continuation lines indented to its
// description column (or its own indent).
func wrapHelpLine(l string, width int) string {
	plain := ansi.Strip(l)
	col := len(plain) - len(strings.TrimLeft(plain, " "))
	if m := descriptionColumn.FindStringSubmatch(plain); m != nil && ansi.StringWidth(m[1]+m[2]) < width-20 {
		col = ansi.StringWidth(m[1] + m[2])
	}
	head := ansi.Cut(l, 0, col)
	body := ansi.Cut(l, col, ansi.StringWidth(l))
	wrapped := wrapAtSpaces(body, width-col)
	for i := range wrapped {
		wrapped[i] = trimRightSpace(wrapped[i])
		if i > 0 {
			wrapped[i] = strings.Repeat(" ", col) + strings.TrimLeft(wrapped[i], " ")
		}
	}
	return head + strings.Join(wrapped, "\n")
}

// wrapAtSpaces breaks styled text into lines of at most width cells at
// spaces only, so a URL or a flag stays whole; a word longer than a line
// gets a line of its own.
func wrapAtSpaces(s string, width int) []string {
	var lines []string
	cur, curW := "", 0
	for _, word := range strings.Split(s, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case cur == "":
			cur, curW = word, ww
		case curW+1+ww <= width:
			cur, curW = cur+" "+word, curW+1+ww
		default:
			lines = append(lines, cur)
			cur, curW = word, ww
		}
	}
	return append(lines, cur)
}

// reflow joins the lines of each paragraph of a command's long help into
// one, for the help to wrap at the terminal's width: text broken by hand at
// 90 columns read ragged at 80. Indented lines (examples, lists) and blank
// lines stay as they are.
func reflow(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		n := len(out)
		joinable := n > 0 && l != "" && out[n-1] != "" && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "-") &&
			!strings.HasPrefix(out[n-1], " ")
		if joinable {
			out[n-1] += " " + l
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// globalsUsed names, for the commands that use only some of the global
// flags, the ones they do; their help lists only those. A command not here
// uses them all; a group of commands (auth, draft) none itself. Commands are
// named by their path below the root, joined with dots (helpPath).
var globalsUsed = map[string][]string{
	"auth":                  {},
	"auth.login":            {"profile", "api-url", "timeout"},
	"auth.status":           {"profile"},
	"auth.logout":           {"profile"},
	"config":                {},
	"config.list":           {"profile"},
	"config.get":            {"profile"},
	"config.set":            {"profile"},
	"draft":                 {},
	"draft.show":            {"profile", "sandbox"},
	"draft.export":          {"profile", "sandbox"},
	"draft.path":            {"profile", "sandbox"},
	"draft.discard":         {"profile", "sandbox"},
	"sandbox":               {"encrypted"},
	"completion":            {},
	"completion.bash":       {},
	"completion.zsh":        {},
	"completion.fish":       {},
	"completion.powershell": {},
	"help":                  {},
}

// helpPath is c's path below the root, its names joined with dots:
// "auth.login".
func helpPath(c *cobra.Command) string {
	var names []string
	for ; c.HasParent(); c = c.Parent() {
		names = append([]string{c.Name()}, names...)
	}
	return strings.Join(names, ".")
}

// showOnlyUsedGlobals makes every command's help list only the global flags
// it uses: the help of the root (set when the program runs) is called with
// the others hidden, and they are shown again after. It also gives cobra's
// own commands their words (localizeBuiltins) and reflows the long help
// set as text (the long help written later is reflowed by FillHelp).
func showOnlyUsedGlobals(root *cobra.Command) {
	localizeBuiltins(root) // now, so that its commands get the help too
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Long = reflow(c.Long)
		for _, sub := range c.Commands() {
			sub.SetHelpFunc(helpWithUsedGlobals)
			walk(sub)
		}
	}
	walk(root)
}

func helpWithUsedGlobals(c *cobra.Command, args []string) {
	FillHelp(c)
	used, ok := globalsUsed[helpPath(c)]
	if ok {
		var hidden []*pflag.Flag
		c.Root().PersistentFlags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && !slices.Contains(used, f.Name) {
				f.Hidden = true
				hidden = append(hidden, f)
			}
		})
		defer func() {
			for _, f := range hidden {
				f.Hidden = false
			}
		}()
	}
	c.Root().HelpFunc()(c, args)
}
