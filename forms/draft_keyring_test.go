package forms

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

// TestDraftKeyInTheRealSecretService runs the encrypted round trip against
// the private gnome-keyring that .ci/test starts (ARGOS_TEST_KEYRING_SESSION);
// it fails under CI=true without one and skips elsewhere, never touching a
// developer's own keyring.
func TestDraftKeyInTheRealSecretService(t *testing.T) {
	reason := ""
	switch {
	case runtime.GOOS != "linux":
		reason = "the Secret Service test runs on Linux only"
	case os.Getenv("ARGOS_TEST_KEYRING_SESSION") == "":
		reason = "ARGOS_TEST_KEYRING_SESSION is not set: run it through `bash .ci/test`, which starts a private Secret Service"
	}
	if reason != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and " + reason)
		}
		t.Skip("skipping: " + reason)
	}
	ctx := context.Background()
	kr := &apiclient.Keyring{Timeout: 10 * time.Second}
	profile := "draft-test-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = kr.Delete(ctx, DraftKeyUser(profile)) })
	s := &DraftStore{Dir: t.TempDir(), Profile: profile, Keys: KeyringDraftKeys{Store: kr}}
	if err := s.Prepare(ctx); err != nil {
		t.Fatalf("Prepare with a real Secret Service: %v", err)
	}
	if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	if hits := grepDir(t, s.Dir, "021108-2222555"); len(hits) > 0 {
		t.Fatalf("identity number in clear: %v", hits)
	}
	d, err := (&DraftStore{Dir: s.Dir, Profile: profile, Keys: KeyringDraftKeys{Store: kr}}).Load(ctx)
	if err != nil || d.Submission != draftRecord() {
		t.Fatalf("Load = %+v, %v", d.Submission, err)
	}
}
