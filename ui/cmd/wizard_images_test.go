package cmd

import (
	"context"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/forms/draft"
	"argos-migrate/ui"
)

// The wizard is handed the last success when images wait for it, and then
// only: not when nothing waits, not for a --sandbox run (its record ended
// with the run that made it). --resume with only images waiting says
// nothing about a missing draft: the images are what it resumes.
func TestWizardIsOfferedTheImagesThatWait(t *testing.T) {
	pending := draft.LastSuccess{ID: "sbx0123456789ab_mg", Email: "migration@sample.com", Admin: "admin@sample.com",
		Images: draft.PendingImages(map[apiclient.ImageKind]string{apiclient.ImageSelfie: "/tickets/selfie.png"})}
	for _, tc := range []struct {
		name    string
		last    *draft.LastSuccess
		sandbox bool
		want    bool
	}{
		{"images wait", &pending, false, true},
		{"nothing waits", &draft.LastSuccess{ID: pending.ID, Email: pending.Email}, false, false},
		{"no last success", nil, false, false},
		{"a --sandbox run", &pending, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			te := draftEnv(t)
			te.g.Sandbox = tc.sandbox
			te.g.Drafts.Resume = true
			if tc.last != nil {
				s, err := openDraftStore(te.f, te.g)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.SaveSuccess(context.Background(), *tc.last); err != nil {
					t.Fatal(err)
				}
			}
			w, err := prepareDrafts(context.Background(), te.f, te.g, "default", noLockQuestion)
			if err != nil {
				t.Fatal(err)
			}
			defer w.release()
			if got := w.opts.Pending != nil; got != tc.want {
				t.Fatalf("offered %v, want %v", got, tc.want)
			}
			if tc.want && (w.opts.Pending.ImagePaths()[apiclient.ImageSelfie] != "/tickets/selfie.png" || len(w.after) != 0) {
				t.Fatalf("pending %+v, after %q", w.opts.Pending, w.after)
			}
		})
	}
}

// On the way out the wizard says that a record waits for its images, and
// the commands that attach them: those of this run's own profile and URL.
func TestWizardSaysWhichImagesWait(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    GlobalOptions
		out  ui.ImagesOutcome
		want []string
	}{
		{"kept", GlobalOptions{APIURL: "http://127.0.0.1:8080"}, ui.ImagesOutcome{PendingID: "sbx1", Kept: true},
			[]string{"The record sbx1 was created, but its images were not attached", "`argos-migrate --api-url http://127.0.0.1:8080 --resume` offers them again",
				"`argos-migrate --api-url http://127.0.0.1:8080 image` sends them"}},
		{"not kept", GlobalOptions{}, ui.ImagesOutcome{PendingID: "sbx1"},
			[]string{"no draft keeps them", "argos-migrate image --submission sbx1 --admin EMAIL"}},
		{"sandbox", GlobalOptions{Sandbox: true}, ui.ImagesOutcome{PendingID: "sbx1", Kept: true},
			[]string{"The sandbox record sbx1 is gone with this run"}},
		{"nothing waits", GlobalOptions{}, ui.ImagesOutcome{Attached: 1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, errOut := testFactory(t, nil)
			reportImages(f, &tc.g, "default", tc.out)
			for _, w := range tc.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("%q lacks %q", errOut, w)
				}
			}
			if tc.want == nil && errOut.Len() != 0 {
				t.Errorf("said %q", errOut)
			}
		})
	}
}
