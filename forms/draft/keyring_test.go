package draft

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient/keyring"
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
	kr := &keyring.Keyring{Timeout: 10 * time.Second}
	profile := "draft-test-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = kr.Delete(ctx, KeyUser(profile)) })
	s := &Store{Dir: t.TempDir(), Profile: profile, Keys: KeyringKeys{Store: kr}}
	if err := s.Prepare(ctx); err != nil {
		t.Fatalf("Prepare with a real Secret Service: %v", err)
	}
	if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
		t.Fatal(err)
	}
	if hits := grepDir(t, s.Dir, "021108-2222555"); len(hits) > 0 {
		t.Fatalf("identity number in clear: %v", hits)
	}
	d, err := (&Store{Dir: s.Dir, Profile: profile, Keys: KeyringKeys{Store: kr}}).Load(ctx)
	if err != nil || d.Submission != draftRecord() {
		t.Fatalf("Load = %+v, %v", d.Submission, err)
	}
}

// The draft key's failures speak of the draft key: never of the API key or
// of ARGOS_API_KEY, which cannot help with drafts.
func TestDraftKeyErrorsHaveTheirOwnWording(t *testing.T) {
	user := KeyUser("default")
	cases := map[string]struct {
		store keyring.Store
		kind  error
		want  string
	}{
		"no keyring": {noKeyring{}, keyring.ErrNoKeyring, "no OS keyring answered (no D-Bus session)"},
		"timeout": {errKeyStore{&keyring.Error{Op: "reading", Profile: user, Kind: keyring.ErrTimeout,
			Err: errors.New("no answer within 30s")}}, keyring.ErrTimeout, "the OS keyring did not answer; it may be waiting to be unlocked (no answer within 30s)"},
		"locked": {&keyring.Keyring{Backend: failingBackend{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")}},
			keyring.ErrLocked, "the OS keyring is locked (failed to unlock correct collection"},
		"damaged entry": {fixedKeyStore("not a key"), nil, "is not a 32-byte key"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := KeyringKeys{Store: c.store}.DraftKey(context.Background(), "default", true)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, `the draft key of profile "default"`) || !strings.Contains(msg, c.want) {
				t.Errorf("message %q lacks the draft key wording or %q", msg, c.want)
			}
			for _, wrong := range []string{"API key", "ARGOS_API_KEY"} {
				if strings.Contains(msg, wrong) {
					t.Errorf("message %q speaks of %s", msg, wrong)
				}
			}
			if c.kind != nil && !errors.Is(err, c.kind) {
				t.Errorf("%v does not match %v", err, c.kind)
			}
		})
	}
}

// errKeyStore fails every call with err.
type errKeyStore struct{ err error }

func (s errKeyStore) Get(context.Context, string) (string, error) { return "", s.err }
func (s errKeyStore) Set(context.Context, string, string) error   { return s.err }
func (s errKeyStore) Delete(context.Context, string) error        { return s.err }

// fixedKeyStore holds one value under every account.
type fixedKeyStore string

func (s fixedKeyStore) Get(context.Context, string) (string, error) { return string(s), nil }
func (s fixedKeyStore) Set(context.Context, string, string) error   { return nil }
func (s fixedKeyStore) Delete(context.Context, string) error        { return nil }

// slowKeyStore is a keyring in memory whose reads take a while, so that two
// wizards starting together both see "no key yet" unless something orders
// them.
type slowKeyStore struct {
	mu   sync.Mutex
	keys map[string]string
}

func (s *slowKeyStore) Get(_ context.Context, user string) (string, error) {
	s.mu.Lock()
	v, ok := s.keys[user]
	s.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	if !ok {
		return "", &keyring.Error{Op: "reading", Profile: user, Kind: keyring.ErrKeyNotFound, Err: errors.New("not found")}
	}
	return v, nil
}

func (s *slowKeyStore) Set(_ context.Context, user, v string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[user] = v
	return nil
}

func (s *slowKeyStore) Delete(context.Context, string) error { return nil }

// The live and the sandbox drafts of one profile start together: both must
// end up with the one key the keyring keeps, or the draft written with the
// other would never open again.
func TestTwoWizardsMakeOneDraftKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ks := &slowKeyStore{keys: map[string]string{}}
	stores := []*Store{
		{Dir: dir, Profile: "acme", Name: "acme", Keys: KeyringKeys{Store: ks}},
		{Dir: dir, Profile: "acme", Name: "acme@sandbox", Keys: KeyringKeys{Store: ks}},
	}
	var wg sync.WaitGroup
	for _, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, s := range stores {
		fresh := &Store{Dir: dir, Profile: "acme", Name: s.Name, Keys: KeyringKeys{Store: ks}}
		if d, err := fresh.Load(ctx); err != nil || d.Submission != draftRecord() {
			t.Fatalf("%s: %v — its key was replaced by the other wizard's", s.Name, err)
		}
	}
}
