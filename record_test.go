package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// sampleWith is the vendor's sample record file with old replaced by new,
// once.
func sampleWith(tb testing.TB, old, new string) string {
	tb.Helper()
	data, err := os.ReadFile("testdata/sample-record.json")
	if err != nil {
		tb.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		tb.Fatalf("the sample has no %q", old)
	}
	return strings.Replace(string(data), old, new, 1)
}

// utf16LE is s as UTF-16, little-endian: what Notepad saves as "Unicode".
func utf16LE(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// A record file that is not what it looks like is refused before anything
// is sent (exit 2), naming the key or field and the place: a key given
// twice, bytes that are not UTF-8, invisible characters. One with a
// byte-order mark is read like one without.
func TestSubmitRefusesMisleadingRecordFiles(t *testing.T) {
	tests := []struct {
		name string
		file string
		code int
		say  []string
		json string // the code under --json
	}{
		{"duplicate key", sampleWith(t, `  "userid": "migrated-user2"`, `  "userid": "migrated-user2",`+"\n"+`  "email": "someone-else@sample.com"`),
			2, []string{`"email" (Email) appears twice`, "line 3, column 3", "line 24, column 3"}, "invalid_payload"},
		{"Latin-1 bytes", sampleWith(t, `"Springfield"`, "\"Spr\xefngfield\""),
			2, []string{`"address_city" (City) is not valid UTF-8`, "byte 0xEF at line 15, column 23"}, "invalid_payload"},
		{"zero-width space in the email", sampleWith(t, `"migration@sample.com"`, "\"migration\u200b@sample.com\""),
			2, []string{"email: contains an invisible zero-width space (U+200B) at character 10"}, "invalid_record"},
		{"escaped zero-width space", sampleWith(t, `"migration@sample.com"`, `"migration\u200B@sample.com"`),
			2, []string{"email: contains an invisible zero-width space (U+200B) at character 10"}, "invalid_record"},
		{"lone surrogate", sampleWith(t, `"홍길동"`, `"홍길\udc00"`),
			2, []string{"fullName: contains U+FFFD, the replacement character, at character 3"}, "invalid_record"},
		{"byte-order mark", "\ufeff" + sampleWith(t, "{", "{"), 0, nil, ""},
		{"UTF-16 (Notepad's Unicode)", utf16LE("\ufeff" + sampleWith(t, "{", "{")), 2, []string{"UTF-16", "save it as UTF-8"}, "invalid_payload"},
		{"UTF-16 without its mark", utf16LE(sampleWith(t, "{", "{")), 2, []string{"UTF-16", "save it as UTF-8"}, "invalid_payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.file, nil, "submit", "--sandbox", "--file", "-")
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			for _, want := range tt.say {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr %q does not say %q", errOut, want)
				}
			}
			if code != 0 {
				if out != "" {
					t.Errorf("stdout %q", out)
				}
				out, _, _ = run(t, tt.file, nil, "submit", "--sandbox", "--json", "--file", "-")
				var res struct{ Code string }
				if err := json.Unmarshal([]byte(out), &res); err != nil || res.Code != tt.json {
					t.Errorf("--json: %q (%v), want code %q", out, err, tt.json)
				}
			}
		})
	}
}

// One pass names every problem of a record file: an unknown key does not
// hide the field rules the rest breaks, on the screen, in the count and
// under --json alike, whether the file is named or piped.
func TestSubmitFileReportsEveryProblemAtOnce(t *testing.T) {
	file := sampleWith(t, `"migration@sample.com"`, `"migration@@sample"`)
	file = strings.Replace(file, `"2002-11-08"`, `"2002-13-08"`, 1)
	file = strings.Replace(file, `"male"`, `"M"`, 1)
	file = strings.Replace(file, `"issuingCountry": "KOR"`, `"issuingCountry": "KR"`, 1)
	file = strings.Replace(file, `"userid": "migrated-user2"`, `"userid": "migrated-user2", "nick": "x"`, 1)
	want := []string{"email", "birthDate", "issuingCountry", "gender", "nick"}
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{path, "-"} {
		out, errOut, code := run(t, file, nil, "submit", "--sandbox", "--file", from)
		if code != 2 || out != "" {
			t.Fatalf("--file %s: exit %d, stdout %q, want 2 and nothing", from, code, out)
		}
		if !strings.Contains(errOut, "breaks 5 field rules") {
			t.Errorf("--file %s: stderr %q does not count 5 problems", from, errOut)
		}
		for _, field := range want {
			if !strings.Contains(errOut, "• "+field+": ") {
				t.Errorf("--file %s: stderr %q does not name %s", from, errOut, field)
			}
		}
	}
	out, _, code := run(t, file, nil, "submit", "--sandbox", "--json", "--file", "-")
	var res struct {
		Code     string
		Problems []struct{ Field string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 2 || res.Code != "invalid_record" {
		t.Fatalf("--json: exit %d, %q (%v)", code, out, err)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Field)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("--json problems %v, want %v", got, want)
	}
}
