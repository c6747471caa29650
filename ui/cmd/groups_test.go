package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command that groups others, the root included and whatever group
// is added later, refuses a name it has no command for: a usage error
// (exit 2) naming the name and the command, with the command meant when
// the name is close; it runs nothing. Named alone, it shows its help.
func TestEveryGroupRefusesAnUnknownCommand(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	root := NewCmdRoot(f, func(context.Context, *Factory, *GlobalOptions) error {
		t.Error("the wizard ran")
		return nil
	})
	var groups []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() {
			groups = append(groups, c)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(groups) < 5 { // the root, auth, config, draft, completion
		t.Fatalf("only %d groups found", len(groups))
	}
	for _, g := range groups {
		path := strings.TrimSpace(strings.TrimPrefix(g.CommandPath(), root.Name()))
		t.Run("argos-migrate "+path, func(t *testing.T) {
			for _, tc := range []struct{ typed, near string }{
				{"zzqx-no-such", ""},
				{mistype(firstAvailable(g).Name()), firstAvailable(g).Name()},
			} {
				args := append(strings.Fields(path), tc.typed)
				err := execute(t, root, args...)
				if !errors.Is(err, ErrUsage) {
					t.Fatalf("%v: %v, want a usage error (exit 2)", args, err)
				}
				msg := err.Error()
				if want := `unknown command "` + tc.typed + `" for "` + g.CommandPath() + `"`; !strings.Contains(msg, want) {
					t.Errorf("%v: %q does not say %q", args, msg, want)
				}
				if tc.near != "" && !strings.Contains(msg, `did you mean "`+tc.near+`"`) {
					t.Errorf("%v: %q does not suggest %q", args, msg, tc.near)
				}
				if tc.near == "" && strings.Contains(msg, "did you mean") {
					t.Errorf("%v: %q suggests a command far from the name", args, msg)
				}
			}
			help := append([]string{"help"}, strings.Fields(path)...)
			if err := execute(t, root, append(help, "zzqx-no-such")...); !errors.Is(err, ErrUsage) {
				t.Errorf("%v zzqx-no-such: %v, want a usage error", help, err)
			}
			if err := execute(t, root, help...); err != nil {
				t.Errorf("%v: %v, want the help", help, err)
			}
			if g != root {
				if err := execute(t, root, strings.Fields(path)...); err != nil {
					t.Errorf("%s alone: %v, want its help", path, err)
				}
			}
		})
	}
}

// firstAvailable is g's first command a person can type.
func firstAvailable(g *cobra.Command) *cobra.Command {
	for _, c := range g.Commands() {
		if c.IsAvailableCommand() && c.Name() != "help" && len(c.Name()) > 3 {
			return c
		}
	}
	return g.Commands()[0]
}

// mistype swaps the last two letters of a name: "discard" → "discadr".
func mistype(name string) string {
	r := []rune(name)
	r[len(r)-1], r[len(r)-2] = r[len(r)-2], r[len(r)-1]
	return string(r)
}

// execute runs root with args, its output discarded, and returns the error.
func execute(tb testing.TB, root *cobra.Command, args ...string) error {
	tb.Helper()
	root.SetArgs(args)
	var sink strings.Builder
	root.SetOut(&sink)
	root.SetErr(&sink)
	root.SilenceErrors, root.SilenceUsage = true, true
	return root.Execute()
}
