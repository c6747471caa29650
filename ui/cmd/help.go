package cmd

import (
	"cmp"
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
// completion scripts) is written, term being the width of the terminal w
// is (0 when it is none). Each line loses the trailing spaces fang's layout
// pads it with. Only a help drawn through ShowHelp is laid out to a width;
// a completion script, a man page or the version is code and never is.
func HelpWriter(w io.Writer, term int) io.Writer { return &helpWriter{w: w, term: term} }

// pipedHelpWidth is the width of help read through a pipe, a file or a
// pager: a ticket's or a mail's, not fang's 120. maxHelpWidth is the widest
// a terminal's help is laid out, as fang does: longer lines read badly.
const (
	pipedHelpWidth = 80
	maxHelpWidth   = 120
)

// helpIndent is the margin fang gives a long help.
const helpIndent = 2

type helpWriter struct {
	w    io.Writer
	term int
	// While ShowHelp draws a help: its width, the section being written,
	// and the headings that start a section of code (usage, examples).
	width       int
	section     helpSection
	codeHeading [2]string
}

// helpSection is the part of a help page being written, which decides
// whether its long lines are wrapped.
type helpSection int

const (
	// sectionLong is the long help: laid out before fang draws it
	// (fillHelp), its code lines left whole.
	sectionLong helpSection = iota
	// sectionCode is the usage line and the examples: code, copied and
	// pasted, never wrapped; a line too wide runs past the edge.
	sectionCode
	// sectionList is the commands and the flags, each description wrapped
	// under itself.
	sectionList
)

// helpWidth is the width a help is laid out at for a terminal term cells
// wide (0: no terminal).
func helpWidth(term int) int {
	if term <= 0 {
		return pipedHelpWidth
	}
	return min(term, maxHelpWidth)
}

// ShowHelp runs show, which writes c's help with fang, laid out at one
// width: the terminal's (at most maxHelpWidth), or pipedHelpWidth when
// stdout is no terminal. This is the one place help is wrapped: the
// catalogs hold paragraphs unbroken (reflow joins any broken by hand), fang
// is given lines that already fit (and never wraps, see main), the long
// help is filled here (fillHelp) and the commands' and flags' descriptions
// as they are written (helpWriter). No word is broken, a flag neither
// (at its hyphen), and code (usage, examples, an indented command line)
// is never wrapped.
func ShowHelp(c *cobra.Command, show func()) {
	h, ok := c.OutOrStdout().(*helpWriter)
	if !ok {
		show()
		return
	}
	long := c.Long
	h.width, h.section = helpWidth(h.term), sectionLong
	h.codeHeading = [2]string{i18n.T("help.heading.usage"), i18n.T("help.heading.examples")}
	// fang draws the short help where there is no long one.
	c.Long = fillHelp(reflow(cmp.Or(c.Long, c.Short)), h.width-helpIndent)
	defer func() { c.Long, h.width = long, 0 }()
	show()
}

func (h *helpWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	var headings map[string]string
	if h.width > 0 {
		headings = helpHeadings()
	}
	for i, l := range lines {
		if i < len(lines)-1 {
			l = trimRightSpace(l)
		}
		if headings != nil {
			if to, ok := headings[strings.TrimSpace(ansi.Strip(l))]; ok {
				l = strings.Replace(l, strings.TrimSpace(ansi.Strip(l)), to, 1)
			}
		}
		if h.width > 0 {
			l = h.layOut(l)
		}
		lines[i] = l
	}
	if _, err := io.WriteString(h.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// layOut follows the help's sections through line l and wraps l if it is
// a description too wide for the help's width.
func (h *helpWriter) layOut(l string) string {
	plain := ansi.Strip(l)
	title := strings.TrimSpace(plain)
	switch {
	case title != "" && (title == h.codeHeading[0] || title == h.codeHeading[1]):
		h.section = sectionCode
	case h.section == sectionCode && title != "" && indentOf(plain) <= helpIndent:
		h.section = sectionList // the next heading: the commands or the flags
	case h.section == sectionList && ansi.StringWidth(l) > h.width:
		return wrapHelpLine(l, h.width)
	}
	return l
}

// indentOf is the number of spaces that start s.
func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

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
// one, and each item of a list with its lines, for the help to fill them to
// its width (fillHelp): text broken by hand at 90 columns read ragged at 80,
// and twice broken at 60. A list item is a line indented by two spaces,
// its term and its description apart by two or more ("  --seed N   seeds
// …"); a line indented to its description goes on with it. A line that
// starts a bullet ("- "), any other indented line (code: shown as it is)
// and blank lines stay as they are.
func reflow(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		n := len(out)
		var joinable bool
		switch {
		case n == 0 || l == "" || out[n-1] == "":
		case !strings.HasPrefix(l, " "):
			joinable = !strings.HasPrefix(out[n-1], " ") && !bullet(l)
		default:
			col, item := listItem(out[n-1])
			joinable = item && indentOf(l) == col
		}
		if joinable {
			out[n-1] += " " + strings.TrimLeft(l, " ")
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// bullet reports whether l starts an item of a bulleted list.
func bullet(l string) bool {
	return strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "• ")
}

// listItem reports whether l is an item of a list in a long help (indented
// by two spaces, a term and its description two or more spaces apart), and
// the column its description starts at.
func listItem(l string) (int, bool) {
	if indentOf(l) != helpIndent {
		return 0, false
	}
	m := descriptionColumn.FindStringSubmatch(l)
	if m == nil {
		return 0, false
	}
	return ansi.StringWidth(m[1] + m[2]), true
}

// fillHelp lays a long help out at width, its paragraphs and list items
// one line each (reflow): a paragraph is broken at spaces, a list item's
// description goes on under itself, and any other indented line is code
// (a command to copy), never broken: too wide, it runs past the edge.
func fillHelp(text string, width int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) <= width {
			continue
		}
		if !strings.HasPrefix(l, " ") {
			lines[i] = strings.Join(wrapAtSpaces(l, width), "\n")
		} else if _, ok := listItem(l); ok {
			lines[i] = wrapHelpLine(l, width)
		}
	}
	return strings.Join(lines, "\n")
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

// globalsSaid gives a global flag the words of what it does for one
// command, where that is not what the root's words say: the sandbox's
// --encrypted makes the server require encryption, image's changes
// nothing (the image call is never encrypted). Catalog ids, by helpPath.
var globalsSaid = map[string]map[string]string{
	"sandbox": {"encrypted": "help.sandbox.encrypted"},
	"image":   {"encrypted": "help.image.encrypted"},
}

// FlagUsage is what f does for c, as c's help says it: a global flag's
// own words for c when it has them (globalsSaid), else f's usage.
func FlagUsage(c *cobra.Command, f *pflag.Flag) string {
	if id, ok := globalsSaid[helpPath(c)][f.Name]; ok {
		return i18n.T(id)
	}
	return f.Usage
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
	for name := range globalsSaid[helpPath(c)] {
		if f := c.Root().PersistentFlags().Lookup(name); f != nil {
			root := f.Usage
			f.Usage = FlagUsage(c, f)
			defer func() { f.Usage = root }()
		}
	}
	c.Root().HelpFunc()(c, args)
}
