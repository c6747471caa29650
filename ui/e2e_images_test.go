package ui

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/sandbox"
)

// imageFolder is a folder of what an agent has for a ticket: the front of
// an ID, a selfie, a selfie too large for a sandbox capped at 100 KB, and a
// text file named .png.
func imageFolder(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, name := range []string{"id-front.jpg", "selfie.png"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "images", name))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	imageFixture(tb, dir, "big.png", 150_000)
	if err := os.WriteFile(filepath.Join(dir, "notes.png"), []byte("ticket 4521: call back after 3pm\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// imageCalls reads a sandbox's request log: the status of each image call.
func imageCalls(tb testing.TB, log string) []int {
	tb.Helper()
	f, err := os.Open(log)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var statuses []int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct {
			Method, Path string
			Status       int
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			tb.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if l.Path == "/v3/submission/image" {
			statuses = append(statuses, l.Status)
		}
	}
	return statuses
}

// pickFile types a name into the open picker and chooses it.
func (s *tmuxSession) pickFile(name string) {
	s.tb.Helper()
	s.waitFor("pick a jpg or png file")
	s.typeText(name)
	s.waitFor(fmt.Sprintf("Showing names with %q", name))
	s.keys("Enter")
}

// The attach flow through the real binary in tmux, on the result of a
// record just created: a text file named .png refused by its content in
// the picker (nothing sent), the front of the ID and a selfie the sandbox
// finds too large (413, said in the policy's words), f for a smaller
// selfie, the send, and the result saying what was attached. The sandbox's
// log shows exactly two image calls: the refused file never left.
func TestImagesEndToEndInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := imageFolder(t)
	log := filepath.Join(t.TempDir(), "requests.jsonl")
	record, _ := filepath.Abs(filepath.Join("..", "testdata", "sample-record.json"))
	stdout, status := filepath.Join(t.TempDir(), "stdout"), filepath.Join(t.TempDir(), "status")
	s := startTmux(t, 100, 30, fmt.Sprintf("cd %q && env -u ARGOS_API_KEY ARGOS_SANDBOX_FLAGS=%q %q --sandbox --from %q >%q; echo $? >%q; sleep 30",
		dir, "--max-image-bytes 100000 --log "+log, bin, record, stdout, status))
	s.waitFor("✓ Ready")
	s.keys("s")
	scr := s.waitFor("Submission created", "i attach images")
	id := idPattern.FindString(scr)

	s.keys("i")
	s.waitFor("Attach images to "+id, "› Front of the ID")
	s.keys("Enter")
	s.pickFile("notes")
	s.waitFor("✗ Not taken: notes.png is not a jpg or png image: it holds text")
	s.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	s.pickFile("id-front")
	s.waitFor("id-front.jpg, JPEG, 6 KB", "› Back of the ID")
	s.keys("Down", "Enter")
	s.pickFile("big")
	s.waitFor("big.png, PNG, 150 KB", "2 images")
	s.keys("s")
	s.waitFor("Review the images. Nothing has been sent yet.", "id-front.jpg  JPEG  6 KB", "big.png  PNG  150 KB")
	s.keys("s")
	s.waitFor("✗ The images are too large", "The record was created ("+id+"); its images were not attached",
		"No image was attached", "f pick another selfie")
	s.keys("f")
	s.pickFile("selfie")
	s.waitFor("selfie.png, PNG, 834 bytes")
	s.keys("s")
	s.waitFor("Press s to send")
	s.keys("s")
	s.waitFor("✓ Images attached: id-front.jpg, selfie.png")
	s.keys("q")
	if out := waitExit(t, stdout, status); out != id+"\n" {
		t.Fatalf("stdout %q, want the id", out)
	}
	if calls := imageCalls(t, log); fmt.Sprint(calls) != "[413 200]" {
		t.Fatalf("image calls %v, want the 413 and the success only", calls)
	}
}

// "Record created, images failed" survives a quit: the wizard is left on
// the images' error screen, says on the way out that the record exists
// without them and how to attach them; `--resume` offers them first, checks
// the files again (the agent has made the selfie smaller meanwhile), sends
// them, and a third run offers nothing.
func TestFailedImagesSurviveQuitAndResumeInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dir := imageFolder(t)
	r := newSandboxProcess(t, bin, "--max-image-bytes", "100000")
	record, _ := filepath.Abs(filepath.Join("..", "testdata", "sample-record.json"))
	run := func(flags ...string) (*tmuxSession, string) {
		status := filepath.Join(t.TempDir(), "status")
		s := startTmux(t, 100, 30, fmt.Sprintf("cd %q && XDG_STATE_HOME=%q %q --api-url %q %s >/dev/null; echo $? >%q; sleep 30",
			dir, r.state, bin, r.url, strings.Join(flags, " "), status))
		return s, status
	}

	s, status := run("--from", record)
	s.waitFor("✓ Ready")
	s.keys("s")
	id := idPattern.FindString(s.waitFor("Submission created"))
	s.keys("i", "Enter")
	s.pickFile("id-front")
	s.waitFor("id-front.jpg, JPEG")
	s.keys("Down", "Enter")
	s.pickFile("big")
	s.waitFor("big.png, PNG, 150 KB")
	s.keys("s")
	s.waitFor("Press s to send")
	s.keys("s")
	s.waitFor("✗ The images are too large", "argos-migrate --resume offers them again")
	s.keys("q")
	s.waitFor("The record "+id+" was created, but its images were not attached: `argos-migrate --api-ur", "--resume` offers them again")
	if code := exitCode(t, status); code != 0 {
		t.Fatalf("exit %d after a record was created", code)
	}

	// The agent makes the selfie smaller, under the same name.
	imageFixture(t, dir, "big.png", 60_000)
	s, status = run("--resume")
	s.waitFor("The record "+id+" was created, but its images were not attached.", "Front of the ID: id-front.jpg · Selfie: big.png",
		"Last try: The images are too large (HTTP 413)", "a attach them now")
	s.keys("a")
	s.waitFor("id-front.jpg, JPEG, 6 KB", "big.png, PNG, 60 KB")
	s.keys("s")
	s.waitFor("Review the images")
	s.keys("s")
	s.waitFor("✓ Attached id-front.jpg, big.png to "+id, "Press enter to go on")
	s.keys("Enter")
	s.waitFor("┃ Admin account")
	s.keys("C-c")
	if code := exitCode(t, status); code != 0 {
		t.Fatalf("exit %d after the images were attached", code)
	}

	s, status = run("--resume")
	scr := s.waitFor("┃ Admin account")
	if strings.Contains(scr, "were not attached") {
		t.Fatalf("attached images offered again:\n%s", scr)
	}
	s.keys("C-c")
	exitCode(t, status)
}

// newSandboxProcess is `argos-migrate sandbox` in a process of its own with
// the given flags, and a state folder for the wizards a test starts.
func newSandboxProcess(tb testing.TB, bin string, flags ...string) *draftRig {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox", "--port", "0"}, flags...)...)
	cmd.Env = os.Environ()
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		tb.Fatalf("reading the sandbox's URL: %v", err)
	}
	r := &draftRig{tb: tb, bin: bin, url: strings.TrimSpace(line), state: tb.TempDir()}
	tb.Setenv("ARGOS_API_KEY", sandbox.Key) // through tmux's environment, never argv
	tb.Setenv("ARGOS_PROFILE", "")
	return r
}
