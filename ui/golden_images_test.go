package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/forms/draft"
)

// failAttach stands in where a test must never send images.
func failAttach(context.Context, apiclient.ImageUpload) error { panic("attach called") }

// goldenID is the submission the image screens attach to.
const goldenID = "sbx0123456789ab_mg"

// imageFixture writes a file of the given size whose first bytes make it a
// jpg or png (CheckImageFile looks no further), under a fixed name.
func imageFixture(tb testing.TB, dir, name string, size int) string {
	tb.Helper()
	data := make([]byte, size)
	head := "\xff\xd8\xff\xe0"
	if filepath.Ext(name) == ".png" {
		head = "\x89PNG\r\n\x1a\n"
	}
	copy(data, head)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// atResult is the result screen of the sample record, created as goldenID,
// with attach as the image call.
func atResult(t *testing.T, w, h int, attach AttachFunc) *model {
	t.Helper()
	m := goldenModel(t, Deps{Initial: apitest.Sample(), Drafts: DraftOptions{StartAtReview: true}, Attach: attach}, w, h)
	m.seq++
	m.setScreen(screenSubmitting)
	send(t, m, submitDoneMsg{seq: m.seq, id: goldenID})
	if m.screen != screenResult {
		t.Fatalf("screen %v, want the result", m.screen)
	}
	return m
}

// choose puts the file at path in slot, as the picker does once the file
// passed its check.
func choose(t *testing.T, m *model, slot int, path string) {
	t.Helper()
	m.openPicker(slot)
	f, err := apiclient.CheckImageFile(apiclient.ImageKinds[slot], path)
	send(t, m, imageCheckedMsg{seq: m.im.pick.seq, slot: slot, path: path, file: f, err: err})
	if err == nil && m.screen != screenImages {
		t.Fatalf("screen %v after choosing %s", m.screen, path)
	}
}

// withImages is the slots with the front of the ID (812 KB) and a selfie
// over 1 MB chosen.
func withImages(t *testing.T, w, h int, attach AttachFunc) *model {
	t.Helper()
	m := atResult(t, w, h, attach)
	send(t, m, keyMsg("i"))
	dir := t.TempDir()
	choose(t, m, 0, imageFixture(t, dir, "front.jpg", 812_345))
	choose(t, m, 2, imageFixture(t, dir, "홍길동-selfie.png", 1_400_000))
	return m
}

// imagesErrorOf is the error screen after the image call failed with err.
func imagesErrorOf(err error) func(t *testing.T, w, h int) *model {
	return func(t *testing.T, w, h int) *model {
		m := withImages(t, w, h, func(context.Context, apiclient.ImageUpload) error { return err })
		send(t, m, keyMsg("s"), keyMsg("s"))
		if m.screen != screenImagesError {
			t.Fatalf("screen %v, want the images' error", m.screen)
		}
		return m
	}
}

// goldenPickerDir is a folder as the picker shows it, fixed.
var goldenPickerDir = apiclient.ImageDir{Path: "/home/agent/tickets/4521", Others: 3, Entries: []apiclient.ImageDirEntry{
	{Name: "scans", Path: "/home/agent/tickets/4521/scans", Dir: true},
	{Name: "front.jpg", Path: "/home/agent/tickets/4521/front.jpg", Size: 812_345},
	{Name: "notes.png", Path: "/home/agent/tickets/4521/notes.png", Size: 14},
	{Name: "홍길동-selfie.png", Path: "/home/agent/tickets/4521/홍길동-selfie.png", Size: 1_400_000},
}}

// goldenPending is a record created earlier whose images were not attached.
func goldenPending() *draft.LastSuccess {
	return &draft.LastSuccess{ID: goldenID, At: time.Date(2026, 11, 24, 16, 20, 0, 0, time.UTC), Email: "migration@sample.com",
		Admin: "admin@sample.com", IDType: "drivers_license", APIURL: goldenTarget().URL,
		Images: draft.PendingImages(map[apiclient.ImageKind]string{
			apiclient.ImageIDFront: "/home/agent/tickets/4521/front.jpg", apiclient.ImageSelfie: "/home/agent/tickets/4521/selfie.png"}),
		ImagesOutcome: draft.Outcome{Kind: draft.OutcomeRejected, Status: 413, Message: "HTTP 413: Request Entity Too Large"}}
}

func goldenImageScreens() []goldenScreen {
	// What the client says of the two files withImages chose.
	imagesTooLarge := &apiclient.ImageError{SubmissionID: goldenID, Kinds: []apiclient.ImageKind{apiclient.ImageIDFront, apiclient.ImageSelfie},
		Sizes: []int64{812_345, 1_400_000}, Err: &apiclient.APIError{Status: 413, Message: "Request Entity Too Large"}}
	unreachable := &apiclient.ImageError{SubmissionID: goldenID, Err: &apiclient.TransportError{Op: "sending to 127.0.0.1:41237",
		Err: errors.New("dial tcp 127.0.0.1:41237: connect: connection refused")}}
	invalidSubmission := &apiclient.ImageError{SubmissionID: goldenID, Err: &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidSubmission, Message: "Invalid submission."}}
	return []goldenScreen{
		{name: "images-empty", build: func(t *testing.T, w, h int) *model {
			m := atResult(t, w, h, failAttach)
			send(t, m, keyMsg("i"))
			return m
		}},
		{name: "images-chosen", build: func(t *testing.T, w, h int) *model { return withImages(t, w, h, failAttach) }},
		{name: "images-picker", build: func(t *testing.T, w, h int) *model {
			m := withImages(t, w, h, failAttach)
			m.openPicker(3)
			send(t, m, pickerListedMsg{seq: m.im.pick.seq, dir: goldenPickerDir}, keyMsg("down"))
			send(t, m, imageCheckedMsg{seq: m.im.pick.seq, slot: 3, path: "/home/agent/tickets/4521/notes.png",
				err: &apiclient.ImageProblem{Field: "addressImage", Message: "is not a jpg or png image: it holds text"}})
			return m
		}},
		{name: "images-review", build: func(t *testing.T, w, h int) *model {
			m := withImages(t, w, h, failAttach)
			send(t, m, keyMsg("s"))
			return m
		}},
		{name: "images-sending", build: func(t *testing.T, w, h int) *model {
			m := withImages(t, w, h, failAttach)
			send(t, m, keyMsg("s"))
			m.startAttach() // its command is not run: the images stay out
			return m
		}},
		{name: "images-attached", build: func(t *testing.T, w, h int) *model {
			m := withImages(t, w, h, func(context.Context, apiclient.ImageUpload) error { return nil })
			send(t, m, keyMsg("s"), keyMsg("s"))
			return m
		}},
		{name: "images-error-too-large", build: imagesErrorOf(imagesTooLarge)},
		{name: "images-error-unreachable", build: imagesErrorOf(unreachable)},
		{name: "images-error-invalid-submission", build: imagesErrorOf(invalidSubmission)},
		{name: "images-offer", build: func(t *testing.T, w, h int) *model {
			return goldenModel(t, Deps{Drafts: DraftOptions{Store: &memDrafts{}, Profile: "default", Pending: goldenPending()}}, w, h)
		}},
	}
}

// Sanity: the fixtures above make what the screens say.
func TestImageFixtures(t *testing.T) {
	f, err := apiclient.CheckImageFile(apiclient.ImageSelfie, imageFixture(t, t.TempDir(), "s.png", 1_400_000))
	if err != nil || !f.Large() || f.Describe() != "s.png, PNG, 1.4 MB" {
		t.Fatal(f, err, fmt.Sprint(f.Describe()))
	}
}
