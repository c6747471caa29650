package apiclient

import "testing"

// LowerFirst continues a line with a sentence, and leaves a word in
// capitals (an acronym) alone, in any language.
func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"The API key was refused": "the API key was refused",
		"API 키가 거부되었습니다":          "API 키가 거부되었습니다",
		"HTTP 413":                "HTTP 413",
		"서버가 레코드를 읽지 못했습니다":       "서버가 레코드를 읽지 못했습니다",
		"Élan": "élan",
		"A":    "a",
		"":     "",
	} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
