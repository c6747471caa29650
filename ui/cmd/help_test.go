package cmd

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

// fangLike writes a help page as fang lays it out: the long help indented
// by two, the usage and the examples as code, the flags as a list.
func fangLike(c *cobra.Command, example, flag string) func() {
	return func() {
		w := c.OutOrStdout()
		_, _ = io.WriteString(w, "\n"+indentLines(c.Long, "  ")+"\n\n  USAGE\n\n    argos-migrate x [--flags]\n\n")
		_, _ = io.WriteString(w, "  EXAMPLES\n\n    "+example+"      \n\n  FLAGS\n\n")
		_, _ = io.WriteString(w, flag+"\n\n")
	}
}

func indentLines(s, by string) string { return by + strings.ReplaceAll(s, "\n", "\n"+by) }

// Help drawn through ShowHelp is laid out at the terminal's width, or at 80
// columns through a pipe: a flag's description wraps at spaces under
// itself, styles survive, no line keeps trailing spaces; the long help is
// filled and its code left whole; the usage and the examples, code, are
// never wrapped, however wide. Outside a help (a completion script) nothing
// is wrapped.
func TestShowHelpWrapsDescriptionsNotCode(t *testing.T) {
	example := "ARGOS_API_KEY=sandbox-not-a-secret argos-migrate submit --api-url http://127.0.0.1:8080 --file record.json"
	flag := "    --api-url    \x1b[2mBase URL of the API (default $ARGOS_API_URL, the profile's, or https://rest-api.argosidentity.com)\x1b[m      "
	long := "Read a customer's export, check every row, and stop before anything is sent, unless --skip-invalid says otherwise, a flag no line may break.\n\n" +
		"  ARGOS_SANDBOX_FLAGS=\"--latency 50ms --fail-rate 0.05\" argos-migrate --sandbox --from customers.csv"
	for _, term := range []int{0, 60, 80, 100, 200} {
		width := helpWidth(term)
		var b bytes.Buffer
		c := &cobra.Command{Use: "x", Long: long}
		c.SetOut(HelpWriter(&b, term))
		ShowHelp(c, fangLike(c, example, flag))
		if c.Long != long {
			t.Fatalf("the long help was left laid out: %q", c.Long)
		}
		out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		for i, l := range out {
			plain := ansi.Strip(l)
			if strings.HasSuffix(plain, " ") {
				t.Errorf("%d: line %d ends in spaces: %q", term, i, plain)
			}
			if ansi.StringWidth(l) > width && !strings.Contains(plain, "ARGOS_") {
				t.Errorf("%d: line %d is %d cells wide: %q", term, i, ansi.StringWidth(l), plain)
			}
			if strings.HasSuffix(plain, "-") || strings.HasPrefix(strings.TrimSpace(plain), "invalid") {
				t.Errorf("%d: a flag broken at its hyphen: line %d %q", term, i, plain)
			}
		}
		text := ansi.Strip(b.String())
		if !strings.Contains(text, "\n    "+example+"\n") || !strings.Contains(text, "\n    ARGOS_SANDBOX_FLAGS=\"--latency 50ms --fail-rate 0.05\" argos-migrate --sandbox --from customers.csv\n") {
			t.Errorf("%d: code was wrapped:\n%s", term, text)
		}
		if width < 120 && !strings.Contains(text, "\n"+strings.Repeat(" ", 17)+"https://rest-api.argosidentity.com)") {
			t.Errorf("%d: the flag's description did not go on under itself:\n%s", term, text)
		}
		if !strings.Contains(b.String(), "\x1b[2m") || !strings.Contains(b.String(), "\x1b[m") {
			t.Fatalf("%d: styles lost: %q", term, b.String())
		}
	}

	// Not a help: a completion script's lines stay whole, even in a
	// terminal; only the padding goes.
	var b bytes.Buffer
	_, _ = HelpWriter(&b, 60).Write([]byte(flag + "\n"))
	if got := ansi.Strip(b.String()); strings.Contains(got, ")  ") || !strings.Contains(got, "https://rest-api.argosidentity.com)\n") || strings.Count(got, "\n") != 1 {
		t.Fatalf("outside a help: %q", got)
	}
}

// Paragraphs and list items broken by hand become one line each, for the
// help to fill to its width: a line that starts with a flag goes on with
// its paragraph, a line indented to a list item's description with the
// item; bullets, code and blank lines stay.
func TestReflow(t *testing.T) {
	in := "One paragraph broken\nby hand, unless\n--skip-invalid.\n\nExit codes:\n  0    created\n  1    rejected\n- a list\n- item\n\n" +
		"  --rate-limit R     above R requests in any one second (a sliding window over the\n" +
		"                     requests let through): 429\n" +
		"  --seed N           seeds --fail-rate\n\n" +
		"    source <(argos-migrate completion bash)\n" +
		"    argos-migrate completion bash > /etc/bash_completion.d/argos-migrate   (Linux)\n" +
		"      --indented more"
	want := "One paragraph broken by hand, unless --skip-invalid.\n\nExit codes:\n  0    created\n  1    rejected\n- a list\n- item\n\n" +
		"  --rate-limit R     above R requests in any one second (a sliding window over the requests let through): 429\n" +
		"  --seed N           seeds --fail-rate\n\n" +
		"    source <(argos-migrate completion bash)\n" +
		"    argos-migrate completion bash > /etc/bash_completion.d/argos-migrate   (Linux)\n" +
		"      --indented more"
	if got := reflow(in); got != want {
		t.Fatalf("reflow:\n%q\nwant\n%q", got, want)
	}
	if reflow(want) != want {
		t.Fatal("reflow is not idempotent")
	}
}

// A long help is filled at its width: paragraphs at spaces, a list item's
// description under itself, code never.
func TestFillHelp(t *testing.T) {
	text := reflow("A paragraph that is long enough to need breaking, and names --skip-invalid and --write-mapping on its way.\n\n" +
		"  --rate-limit R     above R requests in any one second (a sliding window over the requests let through)\n" +
		"  0    every row created, now or in an earlier run (--dry-run: every row valid)\n\n" +
		"    argos-migrate completion bash > /etc/bash_completion.d/argos-migrate   (Linux)")
	for _, width := range []int{38, 58, 78} {
		got := fillHelp(text, width)
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("%d: words changed:\n%s", width, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > width && !strings.Contains(l, "completion bash >") {
				t.Errorf("%d: %q is too wide", width, l)
			}
		}
		if !strings.Contains(got, "\n    argos-migrate completion bash > /etc/bash_completion.d/argos-migrate   (Linux)") {
			t.Errorf("%d: code was broken:\n%s", width, got)
		}
		// Narrower than its description column and 20 cells, an item goes
		// on under its own indent instead.
		if under := regexp.MustCompile("\n {21}\\S").MatchString(got); under != (width-20 > 21) {
			t.Errorf("%d: a list item did not go on under its description:\n%s", width, got)
		}
	}
}

// Each command's help lists the global flags it uses, and no others: auth
// and draft list none of their own, draft's commands --profile and
// --sandbox, auth status only --profile.
func TestHelpListsOnlyTheGlobalFlagsACommandUses(t *testing.T) {
	for path, want := range map[string]struct{ has, hasNot []string }{
		"auth":        {nil, []string{"--api-url", "--encrypted", "--timeout", "--sandbox", "--profile"}},
		"auth login":  {[]string{"--profile", "--api-url", "--timeout"}, []string{"--encrypted", "--sandbox"}},
		"auth status": {[]string{"--profile"}, []string{"--api-url", "--encrypted", "--timeout", "--sandbox"}},
		"draft":       {nil, []string{"--api-url", "--encrypted", "--timeout", "--sandbox", "--profile"}},
		"draft show":  {[]string{"--profile", "--sandbox", "--file"}, []string{"--api-url", "--encrypted", "--timeout"}},
		"sandbox":     {[]string{"--encrypted", "--port"}, []string{"--api-url", "--timeout", "--profile"}},
		"submit":      {[]string{"--api-url", "--encrypted", "--timeout", "--sandbox", "--profile"}, nil},
	} {
		f, _, _ := testFactory(t, nil)
		root := NewCmdRoot(f, nil)
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetArgs(append(strings.Fields(path), "--help"))
		if err := root.Execute(); err != nil {
			t.Fatalf("%s --help: %v", path, err)
		}
		help := out.String()
		if i := strings.Index(help, "\nFlags:"); i >= 0 {
			help = help[i:] // the flags, not the examples that mention them
		}
		for _, flag := range want.has {
			if !strings.Contains(help, flag) {
				t.Errorf("%s --help lacks %s:\n%s", path, flag, help)
			}
		}
		for _, flag := range want.hasNot {
			if strings.Contains(help, flag+" ") {
				t.Errorf("%s --help lists %s, which does nothing there:\n%s", path, flag, help)
			}
		}
		// The flags are hidden only while the help is drawn.
		if root.PersistentFlags().Lookup("api-url").Hidden {
			t.Fatalf("%s: --api-url stayed hidden after the help", path)
		}
	}
	// Every command is known to the table or uses every global flag.
	f, _, _ := testFactory(t, nil)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Name() != "help" && sub.HelpFunc() == nil {
				t.Errorf("%s has no help", sub.CommandPath())
			}
			walk(sub)
		}
	}
	walk(NewCmdRoot(f, nil))
}
