//go:build unix

package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

const streamCSV = "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n" +
	"stream1@example.com,Person 1,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
	"stream2@example.com,Person 2,1990-01-03,approved,passport,KOR,ops@acme.example\n"

// An import waiting for what it reads (a FIFO nobody writes to, an input
// or a mapping file; standard input that never ends) stops on ctrl+c or
// SIGTERM at once, with 130, having sent nothing: as submit does.
func TestImportWaitingForItsInputCanBeStopped(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "export.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		cannotHere(t, "no FIFOs here: %v", err)
	}
	csvPath := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(csvPath, []byte(streamCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	defer srv.Close()
	env := []string{"ARGOS_API_KEY=fifo-test-key", "XDG_STATE_HOME=" + t.TempDir()}
	cases := []struct {
		name  string
		stdin bool // standard input: a pipe that never ends
		args  []string
	}{
		{"FIFO input, dry run", false, []string{"import", fifo, "--dry-run"}},
		{"FIFO input, inspect", false, []string{"import", fifo, "--inspect"}},
		{"FIFO input, send", false, []string{"import", fifo, "--yes", "--api-url", srv.URL}},
		{"FIFO mapping", false, []string{"import", csvPath, "--mapping", fifo, "--dry-run"}},
		{"endless standard input, dry run", true, []string{"import", "-", "--dry-run"}},
		{"endless standard input, send", true, []string{"import", "-", "--yes", "--api-url", srv.URL}},
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, tc := range cases {
			t.Run(tc.name+", "+sig.String(), func(t *testing.T) {
				var stdin *os.File
				if tc.stdin {
					r, w, err := os.Pipe()
					if err != nil {
						t.Fatal(err)
					}
					defer w.Close()
					_, _ = w.WriteString("email,fullName\nhalf@example.com,") // half a file, then nothing
					defer r.Close()
					stdin = r
				}
				var s *started
				if stdin != nil {
					s = start(t, stdin, env, tc.args...)
				} else {
					s = start(t, nil, env, tc.args...)
				}
				time.Sleep(300 * time.Millisecond) // into open(2) or read(2)
				if code := s.stop(t, sig); code != 130 {
					t.Errorf("exit %d, want 130; stderr %q", code, s.errOut.String())
				}
			})
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the server got %d requests", n)
	}
}

// A pipe given by its path (`import <(zcat export.csv.gz)`, a FIFO) is
// read once, as standard input is: copied first, so that the check, the
// send and the results each read it, and its journal named after its
// bytes, not after /dev/fd/N, which every process substitution shares.
func TestImportReadsAPipeByItsPath(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := t.TempDir()
	env := []string{"ARGOS_API_KEY=" + sandbox.Key, "XDG_STATE_HOME=" + t.TempDir()}
	runPiped := func(t *testing.T, text string, args ...string) (string, int) {
		t.Helper()
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() { _, _ = w.WriteString(text); w.Close() }()
		c := exec.Command(binary, append([]string{"import", "/dev/fd/3"}, args...)...)
		c.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
		c.Dir = dir
		c.ExtraFiles = []*os.File{r}
		var errOut bytes.Buffer
		c.Stderr = &errOut
		done := make(chan struct{})
		go func() { _ = c.Run(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = c.Process.Kill()
			<-done
			t.Fatalf("still running after 20 s; stderr %q", errOut.String())
		}
		r.Close()
		return errOut.String(), c.ProcessState.ExitCode()
	}
	t.Run("dry run", func(t *testing.T) {
		if errOut, code := runPiped(t, streamCSV, "--dry-run"); code != 0 {
			t.Errorf("exit %d, want 0; stderr %q", code, errOut)
		}
	})
	t.Run("send", func(t *testing.T) {
		if errOut, code := runPiped(t, streamCSV, "--yes", "--api-url", sb.URL); code != 0 {
			t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
		}
		if n := len(sb.Records()); n != 2 {
			t.Errorf("the sandbox holds %d submissions, want 2", n)
		}
		if _, err := os.Stat(filepath.Join(dir, "stdin.results.csv")); err != nil {
			t.Errorf("results file: %v", err)
		}
	})
	t.Run("another pipe is another import", func(t *testing.T) {
		other := strings.ReplaceAll(streamCSV, "stream", "other")
		if errOut, code := runPiped(t, other, "--yes", "--api-url", sb.URL); code != 0 {
			t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
		}
		if n := len(sb.Records()); n != 4 {
			t.Errorf("the sandbox holds %d submissions, want 4: the second pipe's rows were taken for the first's", n)
		}
	})
}

// The rejects and results files are written by replacing the file at
// their path. Whatever is there that is not a regular file (a link, a
// FIFO, a device such as /dev/null, a folder) is refused before anything
// is written, and left as it was: `--rejects /dev/null` run as root must
// not replace the system's /dev/null with a file of personal data.
func TestImportNeverReplacesWhatIsNoFile(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "export.csv")
	bad := strings.Replace(streamCSV, "stream2@example.com", "not-an-email", 1) // row 2 goes to the rejects file
	if err := os.WriteFile(csvPath, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := map[string]func(string) error{
		"a symbolic link": func(p string) error { return os.Symlink(target, p) },
		"a FIFO":          func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"a folder":        func(p string) error { return os.Mkdir(p, 0o700) },
	}
	if os.Geteuid() == 0 {
		paths["a device"] = func(p string) error { return syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3) } // /dev/null's numbers
	}
	sb := apitest.Sandbox(t, sandbox.Options{})
	for kind, makeIt := range paths {
		for _, flag := range []string{"--rejects", "--results"} {
			t.Run(flag+" "+kind, func(t *testing.T) {
				p := filepath.Join(t.TempDir(), "out.csv")
				if err := makeIt(p); err != nil {
					cannotHere(t, "cannot make %s here: %v", kind, err)
				}
				before, _ := os.Lstat(p)
				args := []string{"import", csvPath, flag, p, "--skip-invalid", "--yes", "--api-url", sb.URL}
				_, errOut, code := run(t, "", []string{"ARGOS_API_KEY=" + sandbox.Key, "XDG_STATE_HOME=" + t.TempDir()}, args...)
				if code == 0 {
					t.Errorf("exit 0; stderr %q", errOut)
				}
				after, err := os.Lstat(p)
				if err != nil || after.Mode() != before.Mode() {
					t.Errorf("%s at the %s path was replaced: %v, %v (stderr %q)", kind, flag, after.Mode(), err, errOut)
				}
				if data, _ := os.ReadFile(target); string(data) != "keep me" {
					t.Errorf("the link's target was written: %q", data)
				}
			})
		}
	}
}

// An import that stops by itself (a refusal every row would meet, here the
// key) says it is stopping without asking the operator to interrupt
// "again": nobody interrupted it.
func TestImportStoppingByItselfSpeaksOfNoInterrupt(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"message":"Forbidden"}`))
	}))
	defer srv.Close()
	csvPath := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(csvPath, []byte(streamCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "", []string{"ARGOS_API_KEY=refused-key", "XDG_STATE_HOME=" + t.TempDir()},
		"import", csvPath, "--yes", "--quiet", "--api-url", srv.URL)
	if code == 0 || !strings.Contains(errOut, "Stopping") {
		t.Fatalf("exit %d, stderr %q; want a stop", code, errOut)
	}
	if strings.Contains(errOut, "again to abandon") {
		t.Errorf("stderr asks to interrupt again, though nobody interrupted:\n%s", errOut)
	}
}

// What to do next after an import that could not start names what to fix:
// the mapping, or the file at the line named, never "the record file" (an
// import reads an export, and the fix is often the mapping, not the file).
func TestImportNextStepNamesWhatToFix(t *testing.T) {
	dir := t.TempDir()
	unmapped := filepath.Join(dir, "unmapped.csv")
	if err := os.WriteFile(unmapped, []byte(strings.ReplaceAll(streamCSV, "\n", ",7\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	unbalanced := filepath.Join(dir, "unbalanced.csv")
	if err := os.WriteFile(unbalanced, []byte(strings.Replace(streamCSV, "Person 1", `"Person 1`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{unmapped: "mapping", unbalanced: "file at the line"} {
		_, errOut, code := run(t, "", nil, "import", file, "--dry-run")
		if code != 2 || strings.Contains(errOut, "record file") || !strings.Contains(errOut, "Fix the "+want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and the next step to fix the %s", filepath.Base(file), code, errOut, want)
		}
	}
}
