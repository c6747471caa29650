package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestCreatedIDSurvivesAStdoutThatFails creates a record while stdout
// cannot be written (a full disk, a reader that went away): the id goes to
// stderr, and the exit code (4) is the one that says "created, not printed",
// never a rejection or a success.
func TestCreatedIDSurvivesAStdoutThatFails(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		if os.Getenv("CI") == "true" && runtime.GOOS == "linux" {
			t.Fatalf("no /dev/full: %v", err)
		}
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	if help, _, _ := run(t, "", nil, "submit", "--help"); !helpExitCodes(help)[exitUnprinted] {
		t.Errorf("submit --help does not name exit code %d:\n%s", exitUnprinted, help)
	}
	id := regexp.MustCompile(`submission id (sbx[0-9a-f]{12}_mg)\)`)
	for _, tt := range []struct {
		name   string
		stdout func(t *testing.T) *os.File
		args   []string
	}{
		{"/dev/full", func(*testing.T) *os.File { return full }, nil},
		{"/dev/full --json", func(*testing.T) *os.File { return full }, []string{"--json"}},
		{"a closed pipe", closedPipe, nil},
		{"a closed pipe --json", closedPipe, []string{"--json"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := exec.Command(binary, append([]string{"submit", "--sandbox", "--file", "testdata/sample-record.json"}, tt.args...)...)
			c.Env = []string{"HOME=" + t.TempDir()}
			var errOut bytes.Buffer
			c.Stdout, c.Stderr = tt.stdout(t), &errOut
			_ = c.Run()
			if code := c.ProcessState.ExitCode(); code != exitUnprinted {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUnprinted, errOut.String())
			}
			if !id.MatchString(errOut.String()) || !strings.Contains(errOut.String(), "do not submit it again") {
				t.Errorf("stderr %q does not name the created id and say not to submit again", errOut.String())
			}
		})
	}
}

// closedPipe is the write end of a pipe whose reader has gone.
func closedPipe(t *testing.T) *os.File {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}
