package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// Accessible mode's images through the binary, and "record created, images
// failed" kept for the next run: piped answers create the record, attach
// the front of the ID and a selfie the server finds too large, and decline
// other files; the run exits 0 with the id and says the files are kept.
// Then `argos-migrate image` with no --submission sends the kept files to
// that record (the selfie made smaller meanwhile), and a third call finds
// nothing left to send.
func TestAccessibleImagesThroughTheBinary(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Key: imageSandboxKey, MaxImageBytes: 100_000})
	dir := t.TempDir()
	front := filepath.Join(dir, "id-front.jpg")
	if err := os.WriteFile(front, must(os.ReadFile("testdata/images/id-front.jpg")), 0o600); err != nil {
		t.Fatal(err)
	}
	selfie := filepath.Join(dir, "selfie.png")
	writeSized(t, selfie, 150_000)
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	answers += strings.Join([]string{"y", front, "", selfie, "", "y", "n"}, "\n") + "\n"
	home := t.TempDir()
	env := []string{"ARGOS_API_KEY=" + imageSandboxKey, "HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state")}

	stdout, stderr, code := run(t, answers, env, "--accessible", "--api-url", sb.URL)
	recs := sb.Records()
	if code != 0 || len(recs) != 1 || stdout != recs[0].ID+"\n" {
		t.Fatalf("exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	id := recs[0].ID
	for _, want := range []string{"✗ Error: The images are too large.", "The record " + id + " was created; its images were not attached.",
		"Give other files? (y/n): n", "The files are kept: the next run offers to attach them"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.IndexByte(stderr, 0x1b) >= 0 || strings.Contains(stderr, dir) {
		t.Errorf("the transcript holds an escape or a path:\n%s", stderr)
	}
	if set := sb.Images(id); len(set.Images) != 0 {
		t.Fatalf("stored %+v after a 413", set)
	}

	writeSized(t, selfie, 60_000)
	_, stderr, code = run(t, "", env, "image", "--api-url", sb.URL)
	if code != 0 || !strings.Contains(stderr, "Using the last record created for profile \"default\": "+id) ||
		!strings.Contains(stderr, "2 images not attached yet (id-front.jpg, selfie.png)") {
		t.Fatalf("image: exit %d\n%s", code, stderr)
	}
	if set := sb.Images(id); len(set.Images) != 2 || set.IDType != "drivers_license" {
		t.Fatalf("stored %+v", set)
	}
	_, stderr, code = run(t, "", env, "image", "--api-url", sb.URL)
	if code != exitInvalid || !strings.Contains(stderr, "at least one image is required") {
		t.Fatalf("a third call: exit %d\n%s", code, stderr)
	}
}

// writeSized writes a png of the given size (its first bytes make it one).
func writeSized(tb testing.TB, path string, size int) {
	tb.Helper()
	data := make([]byte, size)
	copy(data, "\x89PNG\r\n\x1a\n")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// A refused image path from a pipe stops the run like any refused answer:
// exit 2, the input's code, with the record's outcome said (created, its id
// on stdout, its images not attached), not exit 0 as if the answers were
// right.
func TestAccessibleRefusedImagePathExitsAsInvalidInput(t *testing.T) {
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt"))) + "y\n" + filepath.Join(t.TempDir(), "missing.jpg") + "\n"
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state")}
	stdout, stderr, code := run(t, answers, env, "--accessible", "--sandbox")
	id := strings.TrimSpace(stdout)
	if code != exitInvalid || !sandboxID.MatchString(stdout) {
		t.Fatalf("exit %d, stdout %q, want %d and the id\n%s", code, stdout, exitInvalid, stderr)
	}
	if want := "error: line 26 of the answers: Front of the ID missing.jpg does not exist; the record " + id +
		" was created, its images not attached"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
}
