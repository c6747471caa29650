package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word the wizard shows comes from the catalogs (wizard,
// wizard_images): no string literal of ui/*.go reads as words for people,
// but for these, each with its reason. The batch import's files
// (batch*.go) have their own check.
func TestWordsComeFromTheCatalog(t *testing.T) {
	// "[^b]*.go" is every file but the batch import's: no other file's
	// name starts with b (checked here, so that none slips past).
	files, err := filepath.Glob("b*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasPrefix(f, "batch") && !strings.HasSuffix(f, "_test.go") {
			t.Errorf("%s starts with b but is not the batch import's: the check below leaves it out", f)
		}
	}
	i18ntest.CheckNoProse(t, "[^b]*.go", map[string]string{
		// Sentinels and codes, compared and never shown.
		"internal error":                  "ErrCrash, matched with errors.Is; a crash is said by CrashError.Error",
		"wizard closed before submitting": "ErrQuit, matched with errors.Is; main says nothing after a quit",
		"this session":                    "KeySourceSession, a code ui/cmd passes; keySourceWords says it",
		"ui: no submit function":          "a caller's bug, found by the first test that calls Run",
		// Go's error contexts before a wrapped error, as errors are written
		// (lower case, %w): the error after them is what a person reads.
		"running the wizard: %w":            "Bubble Tea could not run the program (no terminal)",
		"asking about the locked draft: %w": "Bubble Tea could not run the lock question",
		"saving the draft: %w":              "a crash inside the final save",
	})
}
