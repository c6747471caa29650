package apiclient_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

// A key given twice is refused with both places, however the second one is
// spelled: JSON escapes name the same key.
func TestDecodeSubmissionRefusesDuplicateKeys(t *testing.T) {
	for name, tt := range map[string]struct{ file, key, first, second string }{
		"same line": {`{"email":"a@b.co","email":"c@d.co"}`, "email", "line 1, column 2", "line 1, column 19"},
		"lines": {"{\n  \"admin\": \"x@y.co\",\n  \"fullName\": \"홍길동\", \"email\": \"a@b.co\",\n\t\"email\": \"c@d.co\"\n}",
			"email", "line 3, column 22", "line 4, column 2"},
		"escaped":          {`{"email":"a@b.co", "\u0065mail":"c@d.co"}`, "email", "line 1, column 2", "line 1, column 20"},
		"unknown key":      {`{"nick":"a","nick":"b"}`, "nick", "line 1, column 2", "line 1, column 13"},
		"after a BOM":      {"\ufeff{\"cf1\":\"a\",\n\"cf1\":\"b\"}", "cf1", "line 1, column 2", "line 2, column 1"},
		"non-string value": {`{"cf1":{"a":1},"cf1":"x"}`, "cf1", "line 1, column 2", "line 1, column 16"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := apiclient.DecodeSubmission(strings.NewReader(tt.file))
			var de *apiclient.DuplicateKeyError
			if !errors.As(err, &de) || !errors.Is(err, apiclient.ErrInvalidPayload) {
				t.Fatalf("error %v, want a *DuplicateKeyError", err)
			}
			if de.Key != tt.key || de.First.String() != tt.first || de.Second.String() != tt.second {
				t.Errorf("%q at %s and %s, want %q at %s and %s", de.Key, de.First, de.Second, tt.key, tt.first, tt.second)
			}
			if !strings.Contains(err.Error(), tt.first) || !strings.Contains(err.Error(), tt.second) {
				t.Errorf("message %q does not give both places", err)
			}
		})
	}
}

// Bytes that are not UTF-8 are refused with the field and the place; a
// plain decode would send U+FFFD in their stead.
func TestDecodeSubmissionRefusesInvalidUTF8(t *testing.T) {
	for name, tt := range map[string]struct {
		file  string
		field string
		inKey bool
		pos   string
	}{
		"Latin-1 name": {"{\"email\":\"a@b.co\",\n\"fullName\":\"Jos\xe9\"}", "fullName", false, "line 2, column 16"},
		// C8 AB happens to be UTF-8 (U+022B); B1 cannot start a character.
		"EUC-KR name":  {"{\"fullName\":\"\xc8\xab\xb1\xe6\xb5\xbf\"}", "fullName", false, "line 1, column 15"},
		"after Korean": {"{\"fullName\":\"홍길\xff\"}", "fullName", false, "line 1, column 16"},
		"in a key":     {"{\"full\xffName\":\"x\"}", "full\ufffdName", true, "line 1, column 7"},
		"truncated":    {"{\"cf1\":\"ab\xe1\x84\"}", "cf1", false, "line 1, column 11"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := apiclient.DecodeSubmission(strings.NewReader(tt.file))
			var ee *apiclient.EncodingError
			if !errors.As(err, &ee) || !errors.Is(err, apiclient.ErrInvalidPayload) {
				t.Fatalf("error %v, want an *EncodingError", err)
			}
			if ee.Field != tt.field || ee.InKey != tt.inKey || ee.Pos.String() != tt.pos {
				t.Errorf("%+v, want field %q (in key %v) at %s", ee, tt.field, tt.inKey, tt.pos)
			}
			if !utf8ok(err.Error()) || !strings.Contains(err.Error(), "UTF-8") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// A file saved with a byte-order mark (Notepad, Excel) reads like one without.
func TestDecodeSubmissionAcceptsABOM(t *testing.T) {
	sample, err := os.ReadFile("../testdata/sample-record.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := apiclient.DecodeSubmission(strings.NewReader(string(sample)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := apiclient.DecodeSubmission(strings.NewReader("\ufeff" + string(sample)))
	if err != nil || got != want {
		t.Fatalf("with a BOM: %+v, %v", got, err)
	}
}

func utf8ok(s string) bool {
	return !strings.ContainsRune(s, 0xfffd) || strings.Contains(s, "\ufffdName")
}
