package draft

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fixedKeys hands out one draft key, without a keyring.
type fixedKeys []byte

func (k fixedKeys) DraftKey(context.Context, string, bool) ([]byte, error) { return k, nil }

// FuzzReadDraft feeds the draft reader (envelope, format versions, AES-GCM,
// the payload, version 0) any file, under the key that wrote the seeds or
// another one. It must never panic; a file it cannot read is an
// *UnreadableDraftError, moved aside byte for byte, never deleted; a file it
// reads stays where it is. The seeds run in every `go test`; explore with
//
//	go test ./forms -run '^$' -fuzz FuzzReadDraft -fuzztime 1m
func FuzzReadDraft(f *testing.F) {
	key := bytes.Repeat([]byte{7}, draftKeyLen)
	ctx := context.Background()
	write := func(keys Keys, d Draft) []byte {
		dir := f.TempDir()
		s := &Store{Dir: dir, Profile: "default", Keys: keys}
		if err := s.Save(ctx, d); err != nil {
			f.Fatal(err)
		}
		data, err := os.ReadFile(s.Path())
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	d := Draft{Submission: draftRecord(), SavedAt: time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC),
		Outcome: Outcome{Kind: OutcomeRejected, Status: 400, Code: "invalid_admin", Field: "admin"}}
	sealed, plain := write(fixedKeys(key), d), write(nil, d)
	v0, err := os.ReadFile("testdata/draft-v0.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{sealed, plain, v0} {
		f.Add(seed, false)
		f.Add(seed, true)                                                                    // wrong key
		f.Add(seed[:len(seed)/2], false)                                                     // truncated
		f.Add(bytes.Replace(seed, []byte(`"version": 1`), []byte(`"version": 2`), 1), false) // newer
		f.Add(bytes.Replace(seed, []byte(`"data": "`), []byte(`"data": "A`), 1), false)      // altered ciphertext
	}
	for _, s := range []string{``, `null`, `{}`, `[]`, `"x"`, `{"format":null}`, `{"format":"argos-migrate-draft"}`,
		`{"format":"argos-migrate-draft","version":1,"encrypted":true,"nonce":"AAAA","data":""}`,
		`{"format":"argos-migrate-draft","version":1,"payload":null}`, `{"record":null}`, `{"record":{"cf1":7}}`} {
		f.Add([]byte(s), false)
	}
	other := bytes.Repeat([]byte{8}, draftKeyLen)
	// One folder for every input, emptied after each: cheaper than a
	// new temp folder per input.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, wrongKey bool) {
		t.Cleanup(func() { emptyDir(t, dir) })
		keys := fixedKeys(key)
		if wrongKey {
			keys = fixedKeys(other)
		}
		s := &Store{Dir: dir, Profile: "default", Keys: keys,
			Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}
		if err := os.WriteFile(s.Path(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load(ctx)
		if err == nil {
			if _, serr := os.Stat(s.Path()); serr != nil {
				t.Fatalf("a draft that was read is gone: %v", serr)
			}
			if got.Submission.IsZero() {
				t.Fatalf("read a draft without a record: %+v", got)
			}
			return
		}
		var ue *UnreadableError
		if !errors.As(err, &ue) {
			t.Fatalf("Load = %v (%T), want an *UnreadableDraftError", err, err)
		}
		if ue.MovedTo == "" {
			t.Fatalf("not moved aside: %v", err)
		}
		moved, rerr := os.ReadFile(ue.MovedTo)
		if rerr != nil || !bytes.Equal(moved, data) {
			t.Fatalf("the moved file differs or is gone: %v", rerr)
		}
		if _, serr := os.Stat(s.Path()); !errors.Is(serr, fs.ErrNotExist) {
			t.Fatalf("the unreadable draft is still in place: %v", serr)
		}
		if filepath.Dir(ue.MovedTo) != dir {
			t.Fatalf("moved out of the state folder to %s", ue.MovedTo)
		}
	})
}

// emptyDir removes every file in dir.
func emptyDir(tb testing.TB, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			tb.Fatal(err)
		}
	}
}
