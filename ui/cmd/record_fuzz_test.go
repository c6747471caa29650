package cmd

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"argos-migrate/apiclient"
)

// FuzzReadRecord feeds any file to both readers of a record: `submit
// --file -` (strict: a key the API does not know is an error) and the
// wizard's `--from` (lenient: such keys are left out and listed). Neither
// may panic; their errors are typed; what the lenient one lists is safe to
// draw; and a file the strict one takes, the lenient one takes unchanged.
func FuzzReadRecord(f *testing.F) {
	sample, err := os.ReadFile("../../testdata/sample-record.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	for _, seed := range []string{
		`{"admin":"a@b.co","fullName":"홍길동"}`, `{"nickname":1,"cf4":"x"}`, `{"cf1":null}{}`, `[`, ``, `null`,
		`{"adminn":"x"}`, `{"` + "\x1b]0;owned\x07" + `":"x"}`, `{"fullName":"` + "\u202e" + `"}`, `{"cf1":{"a":1}}`,
	} {
		f.Add([]byte(seed))
	}
	// One file and one factory for every input: neither reader keeps state.
	path := filepath.Join(f.TempDir(), "record.json")
	fac, _, _ := testFactory(f, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		lenient, ignored, lerr := readRecordFile(context.Background(), fac, path)
		fac.IO.In = strings.NewReader(string(data))
		strict, serr := readRecord(context.Background(), fac, "-")

		var ve *apiclient.ValidationError
		if serr != nil && !errors.Is(serr, apiclient.ErrInvalidPayload) && !errors.As(serr, &ve) {
			t.Fatalf("submit --file: untyped error %v", serr)
		}
		if lerr != nil {
			// --from also refuses, up front, text that would act on the
			// terminal once drawn (submit --file refuses it at Validate).
			unsafe := errors.Is(lerr, apiclient.ErrInvalidRecord)
			if !errors.Is(lerr, apiclient.ErrInvalidPayload) && !unsafe {
				t.Fatalf("--from: untyped error %v", lerr)
			}
			if serr == nil && !unsafe {
				t.Fatalf("--from refused what submit --file takes: %v", lerr)
			}
			if unsafe && serr == nil && apiclient.Validate(strict, time.Now()) == nil {
				t.Fatalf("--from refused as unsafe a record that passes every rule: %v", lerr)
			}
			return
		}
		for _, line := range ignored {
			if strings.ContainsFunc(line, unicode.IsControl) {
				t.Fatalf("--from lists an unsafe line %q", line)
			}
		}
		if serr == nil && (len(ignored) > 0 || lenient != strict) {
			t.Fatalf("--from read %+v (left out %q), submit --file read %+v", lenient, ignored, strict)
		}
	})
}
