package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
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

// Every command whose result is its standard output reports a stdout it
// could not write (a full disk, a closed pipe) with an exit code other than
// 0 and a message on stderr: a script that reads `import --json`, the
// status or the inspection must not take an empty stream for a success.
func TestAResultLostOnStdoutIsNeverASuccess(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		cannotHere(t, "no /dev/full: %v", err)
	}
	defer full.Close()
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(csvPath, []byte("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n"+
		"lost@example.com,Lost,1990-01-02,approved,passport,KOR,ops@acme.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"import --json", []string{"import", csvPath, "--yes", "--json", "--api-url", sb.URL}},
		{"import --status", []string{"import", csvPath, "--status", "--api-url", sb.URL}},
		{"import --dry-run --json", []string{"import", csvPath, "--dry-run", "--json"}},
		{"import --inspect", []string{"import", csvPath, "--inspect"}},
		{"image --dry-run --json", []string{"image", "--dry-run", "--json", "--submission", "sbx1_mg", "--admin", "ops@acme.example", "--selfie", "testdata/images/selfie.png"}},
		{"--help", []string{"--help"}},
		{"--version", []string{"--version"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := exec.Command(binary, tt.args...)
			c.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "XDG_STATE_HOME=" + state, "ARGOS_API_KEY=" + sandbox.Key}
			var errOut bytes.Buffer
			c.Stdout, c.Stderr = full, &errOut
			_ = c.Run()
			if code := c.ProcessState.ExitCode(); code == 0 {
				t.Errorf("exit 0 with stdout lost; stderr %q", errOut.String())
			}
			if e := errOut.String(); !strings.Contains(e, "standard output") && !strings.Contains(e, "/dev/stdout") {
				t.Errorf("stderr %q does not say standard output could not be written", errOut.String())
			}
		})
	}
}

// A reader that stopped reading (`argos-migrate import … --inspect | head`)
// chose to: the run says nothing about it, and its exit code still says the
// output was cut short.
func TestAClosedPipeOnStdoutIsQuiet(t *testing.T) {
	c := exec.Command(binary, "--help")
	c.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var errOut bytes.Buffer
	c.Stdout, c.Stderr = closedPipe(t), &errOut
	_ = c.Run()
	if code := c.ProcessState.ExitCode(); code == 0 || errOut.Len() > 0 {
		t.Errorf("exit %d, stderr %q; want a failure and no message", code, errOut.String())
	}
}
