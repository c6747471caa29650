package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The words that send piped answers to --resume say where those answers
// start, and they start there: at the first field an incomplete draft
// needs (then the others, then the confirmation), at the confirmation for
// a complete one. A draft missing required fields cannot be sent as it is,
// so its answers cannot start at the confirmation.
func TestResumedDraftTakesTheAnswersWhereItSays(t *testing.T) {
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	lines := strings.SplitAfter(answers, "\n")
	for _, c := range []struct {
		name, first, says, rest string
		firstCode               int
	}{
		// admin and full name only: the input ends at Email.
		{"incomplete", strings.Join(lines[:2], ""), "5 fields need fixing first, so the answers start at Email",
			"migration@sample.com\n2002-11-08\napproved\n1\nKOR\ny\n", 2},
		// every field, then no at the confirmation.
		{"complete", strings.TrimSuffix(answers, "y\n") + "n\n", "the draft is complete, so the answers start at the confirmation",
			"y\n", exitCancelled},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			env := []string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state")}
			if _, stderr, code := run(t, c.first, env, "--accessible", "--sandbox"); code != c.firstCode {
				t.Fatalf("leaving the draft: exit %d, want %d\n%s", code, c.firstCode, stderr)
			}
			_, stderr, code := run(t, c.rest, env, "--accessible", "--sandbox")
			if code != 2 || !strings.Contains(stderr, "--resume  continue the draft: it opens at the review; "+c.says) {
				t.Fatalf("the draft's notice: exit %d, lacks %q\n%s", code, c.says, stderr)
			}
			stdout, stderr, code := run(t, c.rest, env, "--accessible", "--sandbox", "--resume")
			if code != 0 || !sandboxID.MatchString(stdout) {
				t.Fatalf("--resume with the answers it asked for: exit %d, stdout %q\n%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, "Resuming it (--resume): the review follows; "+c.says) {
				t.Errorf("the resumed run does not say where the answers start (%q)\n%s", c.says, stderr)
			}
		})
	}
}
