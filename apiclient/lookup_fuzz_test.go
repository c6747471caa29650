package apiclient

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzDecodeFound feeds the lookup's answer decoder anything a server might
// send: it must never panic, every submission it returns has an id, and no
// text it returns or puts in an error can act on a terminal.
func FuzzDecodeFound(f *testing.F) {
	for _, seed := range []string{
		`[{"submissionId":"s1_mg","email":"m@sample.com","createdAt":"2026-11-24T14:02:00Z"}]`,
		`{"Items":[{"submissionId":"s1_mg","createdAt":"2026-11-24T14:02:00Z"}],"Count":1}`,
		`{"data":[{"submission_id":"s1_mg","created_at":"2026-11-24 14:02:00"}]}`,
		`{"submissions":[{"id":"s1","created":1764000000}]}`, `{"results":[{"_id":"s1","submittedAt":"1764000000000"}]}`,
		`{"items":[{"id":"s1","createdDate":1e400}]}`, `{"items":[{"id":"s1","createdAt":-99999999999999999}]}`,
		`{"items":[{"email":"no id"}]}`, `{"items":{}}`, `{"data":null}`, `[]`, `[null]`, `{}`, `null`, ``, `[`,
		"<html>\x1b]0;owned\x07</html>", `[{"id":"\u001b[2J","email":"\u202e"}]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		found, err := decodeFound(data)
		if err != nil {
			if found != nil {
				t.Fatalf("submissions with an error: %v", found)
			}
			if strings.ContainsFunc(err.Error(), unicode.IsControl) {
				t.Fatalf("control character in the error: %q", err)
			}
			return
		}
		for _, s := range found {
			if s.ID == "" {
				t.Fatalf("a submission without an id: %+v", s)
			}
			if strings.ContainsFunc(s.ID+s.Email, func(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) }) {
				t.Fatalf("unsafe text returned: %+v", s)
			}
		}
	})
}
