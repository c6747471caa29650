package draft

import (
	"context"
	"errors"
	"testing"

	"argos-migrate/apiclient"
)

// "Record created, images failed" is kept with the last success: the
// record's id, admin and idType, the chosen files' paths and how the
// attempt ended, encrypted like a draft (no path, email or id in clear on
// disk), and read back by the next process.
func TestLastSuccessKeepsPendingImagesEncrypted(t *testing.T) {
	s := mockStore(t)
	ctx := context.Background()
	paths := map[apiclient.ImageKind]string{
		apiclient.ImageSelfie:  "/home/agent/tickets/4521/홍길동-selfie.png",
		apiclient.ImageIDFront: "/home/agent/tickets/4521/front.jpg",
	}
	last := LastSuccess{ID: "sbx0123456789ab_mg", At: fixedNow(), Email: "migration@sample.com",
		Admin: "admin@sample.com", IDType: "drivers_license", APIURL: "http://127.0.0.1:1",
		Images:        PendingImages(paths),
		ImagesOutcome: Outcome{Kind: OutcomeRejected, Status: 413, Message: "HTTP 413: Request Entity Too Large"}}
	if err := s.SaveSuccess(ctx, last); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"tickets", "홍길동", "front.jpg", "sbx0123456789ab_mg", "migration@sample.com", "drivers_license"} {
		if hits := grepDir(t, s.Dir, secret); len(hits) > 0 {
			t.Errorf("%q in clear on disk in %v", secret, hits)
		}
	}
	got, err := (&Store{Dir: s.Dir, Profile: "default", Keys: s.Keys}).LastSuccess(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !got.ImagesPending() || got.Admin != last.Admin || got.IDType != last.IDType || got.APIURL != last.APIURL ||
		got.ImagesOutcome != last.ImagesOutcome || len(got.ImagePaths()) != 2 || got.ImagePaths()[apiclient.ImageSelfie] != paths[apiclient.ImageSelfie] {
		t.Fatalf("read back %+v", got)
	}
	// The image call's order, whatever the map's.
	if got.Images[0].Kind != apiclient.ImageIDFront || got.Images[1].Kind != apiclient.ImageSelfie {
		t.Errorf("images in the order %v", got.Images)
	}
}

// A hand-edited file cannot name an image the call does not take, and a
// last success without images has nothing pending.
func TestPendingImagesAreOnlyTheCallsKinds(t *testing.T) {
	l := LastSuccess{ID: "sbx1", Images: []PendingImage{{Kind: "passportImage", Path: "/x.png"}, {Kind: apiclient.ImageSelfie}}}
	if l.ImagesPending() || len(l.ImagePaths()) != 0 {
		t.Errorf("pending %v: %v", l.ImagesPending(), l.ImagePaths())
	}
	l.Images = append(l.Images, PendingImage{Kind: apiclient.ImageAddressProof, Path: "/bill.png"})
	if !l.ImagesPending() || len(l.ImagePaths()) != 1 {
		t.Errorf("pending %v: %v", l.ImagesPending(), l.ImagePaths())
	}
	if (LastSuccess{Images: l.Images}).ImagesPending() {
		t.Error("images pending without a submission id")
	}
}

// UpdateSuccess changes the last success only while it is the record it
// was asked about: a newer record's success is never overwritten.
func TestUpdateSuccessOnlyForTheSameRecord(t *testing.T) {
	s := mockStore(t)
	ctx := context.Background()
	if err := s.UpdateSuccess(ctx, "sbx1", func(*LastSuccess) { t.Fatal("changed with no last success") }); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("UpdateSuccess with none = %v", err)
	}
	pending := PendingImages(map[apiclient.ImageKind]string{apiclient.ImageSelfie: "/s.png"})
	if err := s.SaveSuccess(ctx, LastSuccess{ID: "sbx2", Images: pending}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSuccess(ctx, "sbx1", func(l *LastSuccess) { l.Images = nil }); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("UpdateSuccess of another record = %v", err)
	}
	if l, _ := s.LastSuccess(ctx); !l.ImagesPending() {
		t.Fatal("another record's pending images were cleared")
	}
	if err := s.UpdateSuccess(ctx, "sbx2", func(l *LastSuccess) { l.Images = nil }); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.LastSuccess(ctx); l.ImagesPending() || l.ID != "sbx2" {
		t.Fatalf("after the update: %+v", l)
	}
	ro := &Store{Dir: s.Dir, Profile: "default", Keys: s.Keys, ReadOnly: true}
	if err := ro.UpdateSuccess(ctx, "sbx2", func(*LastSuccess) {}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only UpdateSuccess = %v", err)
	}
}
