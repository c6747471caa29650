package cmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

// At 80 columns a long description wraps at spaces under its own column,
// a URL stays whole, styles survive, and no line keeps trailing spaces.
func TestHelpWriterWrapsAtWordsUnderTheDescription(t *testing.T) {
	var b bytes.Buffer
	w := HelpWriter(&b, 80)
	line := "    --api-url    \x1b[2mBase URL of the API (default $ARGOS_API_URL, the profile's, or https://rest-api.argosidentity.com)\x1b[m      \n"
	if _, err := w.Write([]byte(line + "  short line     \n")); err != nil {
		t.Fatal(err)
	}
	out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	plain := make([]string, len(out))
	for i, l := range out {
		plain[i] = ansi.Strip(l)
		if ansi.StringWidth(l) > 80 || strings.HasSuffix(plain[i], " ") {
			t.Errorf("line %d (%d cells) %q", i, ansi.StringWidth(l), plain[i])
		}
	}
	if len(plain) != 3 || !strings.HasPrefix(plain[1], strings.Repeat(" ", 17)+"https://rest-api.argosidentity.com)") || plain[2] != "  short line" {
		t.Fatalf("wrapped as:\n%s", strings.Join(plain, "\n"))
	}
	if !strings.Contains(b.String(), "\x1b[2m") || !strings.Contains(b.String(), "\x1b[m") {
		t.Fatalf("styles lost: %q", b.String())
	}

	// Piped (no width): only the padding goes.
	b.Reset()
	_, _ = HelpWriter(&b, 0).Write([]byte(line))
	if got := ansi.Strip(b.String()); strings.Contains(got, ")  ") || !strings.Contains(got, "https://rest-api.argosidentity.com)\n") {
		t.Fatalf("piped: %q", got)
	}
}

func TestReflow(t *testing.T) {
	in := "One paragraph broken\nby hand.\n\nExit codes:\n  0    created\n  1    rejected\n- a list\n- item"
	want := "One paragraph broken by hand.\n\nExit codes:\n  0    created\n  1    rejected\n- a list\n- item"
	if got := reflow(in); got != want {
		t.Fatalf("reflow:\n%q\nwant\n%q", got, want)
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
