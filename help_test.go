package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"argos-migrate/ui/cmd"
)

// Piped help is not padded to 120 columns: no line ends in spaces, and the
// global flags a command does not use are not listed.
func TestPipedHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"submit", "--help"}, {"auth", "--help"}, {"auth", "status", "--help"},
		{"draft", "--help"}, {"draft", "show", "--help"}, {"sandbox", "--help"}, {"completion", "--help"}} {
		out, _, code := run(t, "", nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for i, line := range strings.Split(out, "\n") {
			if p := ansi.Strip(line); strings.HasSuffix(p, " ") {
				t.Errorf("%v: line %d ends in spaces: %q", args, i, p)
				break
			}
		}
		if args[0] == "auth" || args[0] == "draft" {
			flags := out[strings.Index(out, "FLAGS"):]
			for _, unused := range []string{"--api-url", "--encrypted", "--timeout"} {
				if strings.Contains(flags, unused) {
					t.Errorf("%v lists %s, which does nothing there:\n%s", args, unused, flags)
				}
			}
		}
	}
}

// Help read through a pipe, a file or a pager is laid out for 80 columns,
// in both languages and for every command (the longest usage line once
// pushed every description past column 120); a completion script, which
// is code, is never wrapped.
func TestPipedHelpFitsEightyColumns(t *testing.T) {
	var commands [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if !c.Hidden {
			commands = append(commands, path)
		}
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(cmd.NewCmdRoot(cmd.NewFactory("test"), nil), nil)
	for _, lang := range []string{"en", "ko"} {
		for _, path := range commands {
			out, _, code := run(t, "", nil, append(append([]string{"--lang", lang}, path...), "--help")...)
			if code != 0 {
				t.Fatalf("%s %v --help: exit %d", lang, path, code)
			}
			for _, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("%s %v --help: a line %d cells wide: %q", lang, path, w, line)
					break
				}
			}
		}
	}
	script, _, _ := run(t, "", nil, "completion", "bash")
	if !strings.Contains(script, "__start_argos-migrate") || !slices.ContainsFunc(strings.Split(script, "\n"), func(l string) bool { return len(l) > 80 }) {
		t.Error("the completion script was wrapped, or is not one")
	}
}
