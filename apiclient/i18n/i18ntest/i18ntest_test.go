package i18ntest

import (
	"strings"
	"testing"
)

func TestProse(t *testing.T) {
	cases := map[string]bool{
		"The API key was refused":          true,
		"connection refused":               true,
		"stopped by the operator":          true,
		"Press %s to go to %s":             true,
		"서버":                               true,
		"%d초":                              true,
		"failure.key_refused.title":        false,
		"fields.birthDate.label":           false,
		"ctrl+c":                           false,
		"%s (%s)":                          false,
		"HTTP %d":                          false,
		": ":                               false,
		"drivers_license":                  false,
		"--api-url --timeout":              false,
		"a b":                              false,
		"%[1]s: %[2]d":                     false,
		"shift+tab enter":                  false, // keys, not words
		"application/json; charset=utf-8":  false,
		"Missing Authentication Token":     true,
		"2006-01-02 at 15:04":              false,
		"unreadable answer: ":              true,
		"https://argosidentity.com/api v3": false,
	}
	for s, want := range cases {
		if got := Prose(s); got != want {
			t.Errorf("Prose(%q) = %v, want %v", s, got, want)
		}
	}
}

// What the lint reports in a file, and what it leaves: compared and
// searched-for text, tags, imports, ids, formats.
func TestFindProse(t *testing.T) {
	src := `package p

import "strings"

type T struct {
	A string ` + "`json:\"a value\"`" + `
}

const id = "failure.key_refused.title"

func f(msg string, code int) string {
	if msg == "Missing Authentication Token" {
		return "The URL is wrong"
	}
	switch msg {
	case "no such host":
		return T2("failure.detail.no_such_host")
	}
	if strings.Contains(msg, "connection refused") {
		msg = strings.ReplaceAll(msg, "unreadable answer: ", "a web page instead")
	}
	r := strings.NewReplacer("old words here", "new words here")
	_ = r
	return fmt.Sprintf("%s (%s)", msg, "서버 오류")
}
`
	findings, err := FindProse("p.go", src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.Text)
	}
	want := []string{"The URL is wrong", "a web page instead", "new words here", "서버 오류"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("findings = %q, want %q", got, want)
	}
}

// CheckNoProse itself: it fails on prose and on a stale allowlist entry.
func TestCheckNoProse(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := osWriteFile(dir+"/"+name, src); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "package p\n\nvar _ = \"Some words for people\"\nvar _ = \"allowed words here\"\n")
	write("a_test.go", "package p\n\nvar _ = \"test words are fine\"\n")
	rec := &recorder{TB: t}
	CheckNoProse(rec, dir+"/*.go", map[string]string{"allowed words here": "a test", "gone words here": "stale"})
	msgs := strings.Join(rec.errors, "\n")
	if len(rec.errors) != 2 || !strings.Contains(msgs, "Some words for people") || !strings.Contains(msgs, "gone words here") {
		t.Errorf("errors = %q; want the prose and the stale entry", rec.errors)
	}
}

func TestEnglishRun(t *testing.T) {
	cases := map[string]string{
		"서버가 레코드를 거부했습니다.":                           "",
		"API URL이 잘못된 것 같습니다":                        "",
		"레코드를 API 형식(submit --help)과 비교하십시오":         "",
		"base64로 인코딩된 jpg 또는 png":                    "",
		"서버가 The server refused the record 라고 답했습니다": "The server refused the record",
		"the record was not sent":                    "the record was not sent",
	}
	for s, want := range cases {
		if got := EnglishRun(s); got != want {
			t.Errorf("EnglishRun(%q) = %q, want %q", s, got, want)
		}
	}
}
