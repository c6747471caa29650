package draft

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// snapshot is every file of dir with a digest of its bytes.
func snapshot(tb testing.TB, dir string) map[string][32]byte {
	tb.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out[e.Name()] = sha256.Sum256(data)
	}
	return out
}

func TestReadOnlyStoreNeverMovesOrRewritesAFile(t *testing.T) {
	ctx := context.Background()
	for name, plant := range map[string]func(t *testing.T, s *Store){
		"readable": func(t *testing.T, s *Store) {
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
		},
		"corrupt": func(t *testing.T, s *Store) {
			if err := s.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(s.Path(), []byte(`{"format":"argos-migrate-dr`), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"stored in clear": func(t *testing.T, s *Store) {
			plain := &Store{Dir: s.Dir, Profile: s.Profile, Keys: KeyringKeys{Store: noKeyring{}}}
			if err := plain.Save(ctx, Draft{Submission: draftRecord()}); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			owner := mockStore(t)
			plant(t, owner)
			if _, err := owner.Backup(); err != nil { // a backup, to be pruned or not
				t.Fatal(err)
			}
			plant(t, owner)
			before := snapshot(t, owner.Dir)

			ro := &Store{Dir: owner.Dir, Profile: "default", Keys: owner.Keys, Now: fixedNow, ReadOnly: true}
			d, err := ro.Load(ctx)
			var ue *UnreadableError
			switch {
			case name == "corrupt" && (!errors.As(err, &ue) || ue.MovedTo != ""):
				t.Fatalf("Load = %v, want an unreadable draft left in place", err)
			case name != "corrupt" && err != nil:
				t.Fatal(err)
			}
			for what, err := range map[string]error{
				"Save":          ro.Save(ctx, Draft{Submission: draftRecord()}),
				"SaveSuccess":   ro.SaveSuccess(ctx, LastSuccess{ID: "x"}),
				"UpdateSuccess": ro.UpdateSuccess(ctx, "x", func(*LastSuccess) {}),
				"Discard":       ro.Discard(),
				"Reseal":        ro.Reseal(ctx, d),
				"Backup":        func() error { _, err := ro.Backup(); return err }(),
			} {
				if !errors.Is(err, ErrReadOnly) {
					t.Errorf("%s = %v, want ErrReadOnly", what, err)
				}
			}
			_ = ro.Prune()
			if after := snapshot(t, owner.Dir); !mapsEqual(before, after) {
				t.Fatalf("a read-only session changed the folder:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

func TestADraftStoredInClearIsSaidAndResealed(t *testing.T) {
	ctx := context.Background()
	s := mockStore(t)
	plain := &Store{Dir: s.Dir, Profile: "default", Keys: KeyringKeys{Store: noKeyring{}}, Now: fixedNow}
	rec := draftRecord()
	if err := plain.Save(ctx, Draft{Submission: rec, Outcome: Outcome{Kind: OutcomeRejected, Code: "invalid_admin"}}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Plain {
		t.Fatal("a draft stored in clear is not marked Plain")
	}
	if err := s.Reseal(ctx, d); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(s.Path())
	if bytes.Contains(data, []byte(rec.IdentityNumber)) || bytes.Contains(data, []byte(rec.Email)) {
		t.Fatalf("the resealed draft still holds the record in clear:\n%s", data)
	}
	again, err := (&Store{Dir: s.Dir, Profile: "default", Keys: s.Keys}).Load(ctx)
	if err != nil || again.Plain || again.Submission != rec || again.Outcome.Code != "invalid_admin" || !again.SavedAt.Equal(d.SavedAt) {
		t.Fatalf("after Reseal: %+v, %v", again, err)
	}
	// Without a key it never writes in clear.
	noKey := &Store{Dir: t.TempDir(), Profile: "default", Keys: KeyringKeys{Store: noKeyring{}}}
	if err := noKey.Reseal(ctx, d); !errors.Is(err, ErrKeyUnavailable) {
		t.Fatalf("Reseal without a keyring = %v, want ErrKeyUnavailable", err)
	}
	if _, err := os.Stat(noKey.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Reseal without a key wrote a file: %v", err)
	}
}

func mapsEqual(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string][32]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
