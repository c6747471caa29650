package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
)

// saveLast keeps last as the profile's last success, as the wizard does.
func (e *imageEnv) saveLast(t *testing.T, last draft.LastSuccess) *draft.Store {
	t.Helper()
	s, err := openDraftStore(e.f, &GlobalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSuccess(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	return s
}

// readLast reads the profile's last success back.
func readLast(t *testing.T, s *draft.Store) draft.LastSuccess {
	t.Helper()
	l, err := s.LastSuccess(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// With no --submission, `image` attaches the images the wizard could not
// attach to the last record: its id, admin, idType and pending files, said
// on stderr; once attached, they are no longer pending.
func TestImageDefaultsToTheLastSuccess(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	front := imageFile(t, "front.jpg", encodedImage(t, "jpeg"))
	selfie := imageFile(t, "selfie.png", encodedImage(t, "png"))
	s := e.saveLast(t, draft.LastSuccess{ID: e.id, At: e.f.Now().Add(-time.Hour), Email: "migration@sample.com",
		Admin: "admin@sample.com", IDType: "drivers_license", APIURL: e.sb.URL,
		Images:        draft.PendingImages(map[apiclient.ImageKind]string{apiclient.ImageIDFront: front, apiclient.ImageSelfie: selfie}),
		ImagesOutcome: draft.Outcome{Kind: draft.OutcomeNotSent}})
	o := &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second}}
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	set := e.sb.Images(e.id)
	if len(set.Images) != 2 || set.IDType != "drivers_license" {
		t.Fatalf("stored %+v", set)
	}
	for _, want := range []string{"Using the last record created for profile \"default\": " + e.id + " for migration@sample.com, 11:00 today",
		"admin admin@sample.com", "2 images not attached yet (front.jpg, selfie.png)", "ID type drivers_license", "✓ Attached"} {
		if !strings.Contains(e.errOut.String(), want) {
			t.Errorf("stderr %q lacks %q", e.errOut, want)
		}
	}
	if l := readLast(t, s); l.ImagesPending() || l.ImagesOutcome.Kind != draft.OutcomeNone || l.ID != e.id {
		t.Errorf("after attaching: %+v", l)
	}
}

// A failure of the call is kept with the last success, the images sent
// becoming pending, so that the wizard's --resume offers them; a file
// refused before sending changes nothing.
func TestImageFailureIsKeptWithTheLastSuccess(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	selfie := imageFile(t, "selfie.png", encodedImage(t, "png"))
	s := e.saveLast(t, draft.LastSuccess{ID: e.id, Email: "migration@sample.com", Admin: "admin@sample.com"})
	o := &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second},
		Admin: sandbox.AdminError, Selfie: selfie}
	err := imageRun(context.Background(), o)
	var ie *apiclient.ImageError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v, want the server's", err)
	}
	l := readLast(t, s)
	if !l.ImagesPending() || l.ImagePaths()[apiclient.ImageSelfie] != selfie || l.ImagesOutcome.Kind != draft.OutcomeUnknown ||
		l.ImagesOutcome.Code != apiclient.CodeProcessingError {
		t.Fatalf("after the failure: %+v", l)
	}

	notes := imageFile(t, "notes.png", []byte("not an image"))
	o = &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second}, Selfie: notes}
	if err := imageRun(context.Background(), o); !errors.Is(err, apiclient.ErrInvalidImages) {
		t.Fatalf("error %v, want the file refused", err)
	}
	if got := readLast(t, s); got.ImagePaths()[apiclient.ImageSelfie] != selfie || got.ImagesOutcome != l.ImagesOutcome {
		t.Fatalf("a refused file changed the last success: %+v", got)
	}
}

// The last success fills only what is left out, and only for its own
// record: another --submission takes nothing from it and records nothing.
func TestImageTakesOnlyWhatTheFlagsLeaveOut(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	pending := imageFile(t, "pending.png", encodedImage(t, "png"))
	front := imageFile(t, "front.jpg", encodedImage(t, "jpeg"))
	s := e.saveLast(t, draft.LastSuccess{ID: e.id, Admin: "admin@sample.com", IDType: "passport",
		Images: draft.PendingImages(map[apiclient.ImageKind]string{apiclient.ImageSelfie: pending})})

	// The same record by its id, with a file of its own: the idType is the
	// record's, the pending selfie stays pending.
	o := &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second},
		SubmissionID: e.id, Front: front}
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if set := e.sb.Images(e.id); len(set.Images) != 1 || set.Images[0].Field != "idImage" || set.IDType != "passport" {
		t.Fatalf("stored %+v", set)
	}
	if l := readLast(t, s); l.ImagePaths()[apiclient.ImageSelfie] != pending || len(l.ImagePaths()) != 1 {
		t.Fatalf("the pending selfie was dropped: %+v", l)
	}

	// Another record: nothing is taken (no admin: a usage error).
	o = &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second},
		SubmissionID: "sbx-other", Selfie: front}
	if err := imageRun(context.Background(), o); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "--admin is required") {
		t.Fatalf("error %v, want --admin required", err)
	}
}

// Without a last success, --submission is required, said with why.
func TestImageWithoutSubmissionOrLastSuccess(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	o := &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Profile: "acme"}, Admin: "admin@sample.com"}
	err := imageRun(context.Background(), o)
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), `--submission is required`) || !strings.Contains(err.Error(), `profile "acme"`) {
		t.Fatalf("error %v", err)
	}
	if e.requests() != 0 {
		t.Fatal("something was sent")
	}
}
