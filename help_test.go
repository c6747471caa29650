package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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

// A completion script, which is code, is never wrapped (help is laid out
// in TestHelpIsLaidOutOnceAtEveryWidth).
func TestCompletionScriptIsNeverWrapped(t *testing.T) {
	script, _, _ := run(t, "", nil, "completion", "bash")
	if !strings.Contains(script, "__start_argos-migrate") || !slices.ContainsFunc(strings.Split(script, "\n"), func(l string) bool { return len(l) > 80 }) {
		t.Error("the completion script was wrapped, or is not one")
	}
}
