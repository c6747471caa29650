package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word the commands show comes from the catalogs. Command lines the
// help and the messages give (examples, curl, the next command to run)
// are typed as they are in every language, and so are allowed. The batch
// import's files (import*.go) are checked by their own test.
func TestWordsComeFromTheCatalog(t *testing.T) {
	for _, pattern := range []string{"[^i]*.go", "image*.go"} {
		i18ntest.CheckNoProse(t, pattern, commandLines(t, pattern))
	}
}

// commandLines are the literals of the files matching pattern that are
// command lines: every line of them starts with a program the tool names
// (argos-migrate, curl, cat, pass, echo, source) or a variable set for
// one, or continues one with a flag.
func commandLines(t *testing.T, pattern string) map[string]string {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	allow := map[string]string{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		found, err := i18ntest.FindProse(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			if isCommandLine(f.Text) {
				allow[f.Text] = "a command line, typed as it is in every language"
			}
		}
	}
	return allow
}

func isCommandLine(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		ok := line == "" || strings.HasPrefix(line, "--")
		for _, program := range []string{"argos-migrate", "curl ", "cat ", "pass ", "echo ", "source ", "ARGOS_"} {
			ok = ok || strings.HasPrefix(line, program)
		}
		if !ok {
			return false
		}
	}
	return true
}

// The check of command lines takes command lines and nothing else.
func TestIsCommandLine(t *testing.T) {
	for s, want := range map[string]bool{
		"  argos-migrate submit --file record.json\n  cat record.json | argos-migrate submit --file -": true,
		"curl --request POST ":                                  true,
		"  argos-migrate image --admin a \\\n      --id-type x": true,
		"argos-migrate auth login --profile ":                   true,
		"Run argos-migrate auth login":                          false,
		"argos-migrate is not set up\nrun it again":             false,
	} {
		if got := isCommandLine(s); got != want {
			t.Errorf("isCommandLine(%q) = %v, want %v", s, got, want)
		}
	}
}
