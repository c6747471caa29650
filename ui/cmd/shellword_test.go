package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/ui"
)

// A command line shown on a terminal never carries a control character
// that would act on it: shellWord quotes and sanitizes.
func TestShellWordIsQuotedAndSafeToDraw(t *testing.T) {
	for in, want := range map[string]string{
		"plain/path.json":    "plain/path.json",
		"it's here":          `'it'\''s here'`,
		"a\x1b[2Jb":          "'a␛[2Jb'",
		"line\nbreak":        "'line break'",
		"bidi\u202etxt.json": "'bidi�txt.json'",
		"drafts/a~b.json":    "drafts/a~b.json",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// The record written to a file on exit is named, with the command that
// opens it, safe to draw even when its path or the profile holds an escape
// sequence.
func TestTheExportedRecordsPathIsSanitized(t *testing.T) {
	te := newTestEnv(t, noKeyringStore{}, "")
	path := filepath.Join(t.TempDir(), "rec\x1b]0;owned\x07.json")
	w := &wizardDrafts{opts: ui.DraftOptions{Profile: "p\x1b[2J"}}
	if !w.export(te.f, path, apitest.Sample()) {
		t.Fatalf("not exported:\n%s", te.errOut)
	}
	said := te.errOut.String()
	if strings.ContainsAny(said, "\x1b\x07") || !strings.Contains(said, "--from '"+apiclient.Sanitize(path)+"'") ||
		!strings.Contains(said, "--profile 'p␛[2J'") {
		t.Fatalf("the exit message draws what it names as it is:\n%q", said)
	}
}
