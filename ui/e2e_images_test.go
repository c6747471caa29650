package ui

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
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
func pickFile(s *termtest.Pane, name string) {
	s.WaitFor("pick a jpg or png file")
	s.Type(name)
	s.WaitFor("Filter: " + name + " (")
	s.Keys("Enter")
}

// The attach flow through the real binary in tmux, on the result of a
// record just created: a text file named .png refused by its content in
// the picker (nothing sent), the front of the ID and a selfie the sandbox
// finds too large (413, said in the policy's words), f for a smaller
// selfie, the send, and the result saying what was attached. The sandbox's
// log shows exactly two image calls: the refused file never left.
func TestImagesEndToEndInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	dir := imageFolder(t)
	log := filepath.Join(t.TempDir(), "requests.jsonl")
	record, _ := filepath.Abs(filepath.Join("..", "testdata", "sample-record.json"))
	s := termtest.Run(t, termtest.Options{Dir: dir, Unset: []string{"ARGOS_API_KEY"},
		Env: []string{"ARGOS_SANDBOX_FLAGS=--max-image-bytes 100000 --log " + log}},
		bin, "--sandbox", "--from", record)
	s.WaitFor("✓ Ready")
	s.Keys("s")
	scr := s.WaitFor("Submission created", "i attach images")
	id := idPattern.FindString(scr)

	s.Keys("i")
	s.WaitFor("Attach images to "+id, "› Front of the ID")
	s.Keys("Enter")
	pickFile(s, "notes")
	s.WaitFor("✗ Not taken: notes.png is not a jpg or png image: it holds text")
	s.Keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	pickFile(s, "id-front")
	s.WaitFor("id-front.jpg, JPEG, 6 KB", "› Back of the ID")
	s.Keys("Down", "Enter")
	pickFile(s, "big")
	s.WaitFor("big.png, PNG, 150 KB", "2 images")
	s.Keys("s")
	s.WaitFor("Review the images. Nothing has been sent yet.", "id-front.jpg  JPEG  6 KB", "big.png  PNG  150 KB")
	s.Keys("s")
	s.WaitFor("✗ The images are too large", "The record was created ("+id+"); its images were not attached",
		"No image was attached", "f pick another selfie")
	s.Keys("f")
	pickFile(s, "selfie")
	s.WaitFor("selfie.png, PNG, 834 bytes")
	s.Keys("s")
	s.WaitFor("Press s to send")
	s.Keys("s")
	s.WaitFor("✓ Images attached: id-front.jpg, selfie.png")
	s.Keys("q")
	if out := s.Stdout(); out != id+"\n" {
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
	termtest.Require(t)
	bin := termtest.Build(t)
	dir := imageFolder(t)
	url := termtest.StartSandbox(t, bin, "--max-image-bytes", "100000")
	state := t.TempDir()
	t.Setenv("ARGOS_API_KEY", sandbox.Key) // through tmux's environment, never argv
	t.Setenv("ARGOS_PROFILE", "")
	record, _ := filepath.Abs(filepath.Join("..", "testdata", "sample-record.json"))
	run := func(flags ...string) *termtest.Pane {
		return termtest.Run(t, termtest.Options{Dir: dir, Env: []string{"XDG_STATE_HOME=" + state}},
			append([]string{bin, "--api-url", url}, flags...)...)
	}

	s := run("--from", record)
	s.WaitFor("✓ Ready")
	s.Keys("s")
	id := idPattern.FindString(s.WaitFor("Submission created"))
	s.Keys("i", "Enter")
	pickFile(s, "id-front")
	s.WaitFor("id-front.jpg, JPEG")
	s.Keys("Down", "Enter")
	pickFile(s, "big")
	s.WaitFor("big.png, PNG, 150 KB")
	s.Keys("s")
	s.WaitFor("Press s to send")
	s.Keys("s")
	s.WaitFor("✗ The images are too large", "argos-migrate --resume offers them again")
	s.Keys("q")
	s.WaitFor("The record "+id+" was created, but its images were not attached: `argos-migrate --api-ur", "--resume` offers them again")
	if code := s.Wait(); code != 0 {
		t.Fatalf("exit %d after a record was created", code)
	}

	// The agent makes the selfie smaller, under the same name.
	imageFixture(t, dir, "big.png", 60_000)
	s = run("--resume")
	s.WaitFor("The record "+id+" was created, but its images were not attached.", "Front of the ID: id-front.jpg · Selfie: big.png",
		"Last try: The images are too large (HTTP 413)", "a attach them now")
	s.Keys("a")
	s.WaitFor("id-front.jpg, JPEG, 6 KB", "big.png, PNG, 60 KB")
	s.Keys("s")
	s.WaitFor("Review the images")
	s.Keys("s")
	s.WaitFor("✓ Attached id-front.jpg, big.png to "+id, "Press enter to go on")
	s.Keys("Enter")
	s.WaitFor("┃ Admin account")
	s.Keys("C-c")
	if code := s.Wait(); code != 0 {
		t.Fatalf("exit %d after the images were attached", code)
	}

	s = run("--resume")
	scr := s.WaitFor("┃ Admin account")
	if strings.Contains(scr, "were not attached") {
		t.Fatalf("attached images offered again:\n%s", scr)
	}
	s.Keys("C-c")
	s.Wait()
}
