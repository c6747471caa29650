package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
)

// main's words (the error line, the next steps) come from the catalogs.
func TestMainWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "main.go", map[string]string{
		"fang did not run its probe: %v": "a panic for a bug in argos-migrate; the crash report names only its place",
		"fang added no man command":      "a panic for a bug in argos-migrate; the crash report names only its place",
	})
}

// korean is the environment of a Korean run with no OS keyring.
func korean(tb testing.TB, env ...string) []string {
	return append([]string{"ARGOS_LANG=ko", "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(tb.TempDir(), "no-bus")}, env...)
}

// exitLineAny is a line of a help's exit-code section, whatever its
// language: an indented code, then its meaning.
var exitLineAny = regexp.MustCompile(`(?m)^    (\d+) +\S`)

// exitCodes are the codes a help's exit-code section lists, in order.
func exitCodes(help string) []string {
	var codes []string
	for _, m := range exitLineAny.FindAllStringSubmatch(help, -1) {
		codes = append(codes, m[1])
	}
	return codes
}

// `ARGOS_LANG=ko argos-migrate submit --help` (and the root's help) is
// Korean: the words, the headings and the exit-code section, with the same
// codes, flags and examples as the English help.
func TestHelpInKorean(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"submit", "--help"}, {"auth", "login", "--help"}, {"draft", "show", "--help"}} {
		ko, _, code := run(t, "", korean(t), args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		en, _, _ := run(t, "", nil, args...)
		for _, want := range []string{"종료 코드:", "사용법", "옵션"} {
			if !strings.Contains(ko, want) {
				t.Errorf("%v: Korean help lacks %q:\n%s", args, want, ko)
			}
		}
		if k, e := exitCodes(ko), exitCodes(en); len(k) == 0 || !slices.Equal(k, e) {
			t.Errorf("%v: the exit codes differ: ko %v, en %v", args, k, e)
		}
		flags := regexp.MustCompile(`--[a-z][a-z-]+`)
		if k, e := uniq(flags.FindAllString(ko, -1)), uniq(flags.FindAllString(en, -1)); !slices.Equal(k, e) {
			t.Errorf("%v: the flags differ:\nko %v\nen %v", args, k, e)
		}
		// Every line of words is Korean; a line of a command, a flag's name
		// or an example is the same in both. The batch import's words (its
		// command and --row) are its own files' (ui/cmd/import*.go).
		for _, line := range strings.Split(ko, "\n") {
			if f := strings.Fields(line); len(f) > 0 && (f[0] == "import" || f[0] == "--row") {
				continue
			}
			if run := i18ntest.EnglishRun(line); run != "" {
				t.Errorf("%v: English words %q left in the Korean help: %q", args, run, line)
			}
		}
	}
	// The English help has none of it.
	en, _, _ := run(t, "", []string{"LANG=C"}, "submit", "--help")
	if strings.Contains(en, "종료 코드") || !strings.Contains(en, "Exit codes:") {
		t.Errorf("LANG=C help is not English:\n%s", en)
	}
}

func uniq(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// Failures through the binary in Korean: the error line and the next step
// are Korean, the exit code, the field keys, flags and commands as in
// English; LANG=C and --lang en are English.
func TestErrorsInKorean(t *testing.T) {
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"message":"Forbidden"}`)
	}))
	defer refusing.Close()
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, "https://login.example.com/portal", http.StatusFound)
	}))
	defer elsewhere.Close()
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // then the server notices the client leave
		<-r.Context().Done()               // never answers
	}))
	defer silent.Close()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := strconv.Itoa(taken.Addr().(*net.TCPAddr).Port)
	images := apitest.Sandbox(t, sandbox.Options{})
	key := "ARGOS_API_KEY=k-0123456789abcdef"
	sample := "testdata/sample-record.json"
	tests := []struct {
		name  string
		stdin string
		env   []string
		args  []string
		code  int
		ko    []string // in the Korean stderr, besides "오류: "
		en    []string // in the English one
	}{
		{"no key", "", nil, []string{"submit", "--file", sample}, exitInvalid,
			[]string{`프로필 "default"의 API 키가 없습니다`, "ARGOS_API_KEY"},
			[]string{`no API key for profile "default"`, "ARGOS_API_KEY"}},
		{"refused key", "", []string{key}, []string{"submit", "--api-url", refusing.URL, "--file", sample}, exitRejected,
			[]string{"레코드를 제출하지 못했습니다: API 키가 거부되었습니다", "`argos-migrate auth login`"},
			[]string{"submitting the record: the API key was refused", "`argos-migrate auth login`"}},
		{"invalid record", `{"admin":"nope"}`, nil, []string{"submit", "--sandbox", "--file", "-"}, exitInvalid,
			[]string{"레코드가 항목 규칙", "admin", "아무것도 보내지 않았습니다"},
			[]string{"the record breaks", "admin", "Nothing was sent"}},
		{"redirect", "", []string{key}, []string{"submit", "--api-url", elsewhere.URL, "--file", sample}, exitNetwork,
			[]string{"레코드를 제출하지 못했습니다", "https://login.example.com"},
			[]string{"submitting the record", "https://login.example.com"}},
		// No English words wrapped around Korean ones, and no Go error
		// text ("stat x: no such file or directory") in their place.
		{"image for a missing submission", "", []string{"ARGOS_API_KEY=" + sandbox.Key}, []string{"image", "--api-url", images.URL, "--submission", "sbxnope_mg", "--admin", "admin@sample.com", "--selfie", "testdata/images/selfie.png"}, exitRejected,
			[]string{"이미지 첨부 실패: 제출을 찾을 수 없습니다"},
			[]string{"attaching images: the submission was not found"}},
		{"missing record file", "", nil, []string{"submit", "--sandbox", "--file", "testdata/nope.json"}, exitInvalid,
			[]string{"testdata/nope.json 파일이 없습니다(찾아본 폴더: ", "testdata)"},
			[]string{"no file named testdata/nope.json (looked in ", "testdata)"}},
		{"missing import file", "", nil, []string{"import", "testdata/nope.csv", "--sandbox", "--dry-run"}, exitInvalid,
			[]string{"testdata/nope.csv 파일이 없습니다(찾아본 폴더: ", "testdata)"},
			[]string{"no file named testdata/nope.csv (looked in ", "testdata)"}},
		{"missing mapping file", "", nil, []string{"import", sample, "--mapping", "testdata/nope.toml", "--dry-run"}, exitInvalid,
			[]string{"testdata/nope.toml 파일이 없습니다(찾아본 폴더: ", "testdata)"},
			[]string{"no file named testdata/nope.toml (looked in ", "testdata)"}},
		{"missing draft file", "", nil, []string{"draft", "show", "--file", "testdata/nope.json"}, exitRejected,
			[]string{"testdata/nope.json 파일이 없습니다(찾아본 폴더: ", "testdata)"},
			[]string{"no file named testdata/nope.json (looked in ", "testdata)"}},
		{"API URL with the API's path", "", []string{key}, []string{"submit", "--api-url", "https://x.example/v3/submission", "--file", sample}, exitInvalid,
			[]string{"API 자체 경로", "https://x.example"},
			[]string{"it holds the API's own path", "https://x.example"}},
		{"no answer in time", "", []string{key}, []string{"submit", "--api-url", silent.URL, "--timeout", "1s", "--file", sample}, exitNetwork,
			[]string{"1s 동안 응답 없음"},
			[]string{"no answer within 1s"}},
		{"sandbox port taken", "", nil, []string{"sandbox", "--port", port}, exitRejected,
			[]string{"다른 프로그램이 127.0.0.1:" + port + " 주소를 쓰고 있습니다"},
			[]string{"127.0.0.1:" + port + " is taken by another program"}},
		{"unknown flag", "", nil, []string{"submit", "--fiel", sample}, exitInvalid,
			[]string{"알 수 없는 옵션입니다: --fiel", "`argos-migrate submit --help`"},
			[]string{"unknown flag: --fiel", "`argos-migrate submit --help`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ko, code := run(t, tt.stdin, korean(t, tt.env...), tt.args...)
			if code != tt.code {
				t.Errorf("Korean: exit %d, want %d; stderr %q", code, tt.code, ko)
			}
			if !strings.HasPrefix(ko, "오류: ") {
				t.Errorf("Korean stderr does not start with the Korean error line: %q", ko)
			}
			for _, want := range tt.ko {
				if !strings.Contains(ko, want) {
					t.Errorf("Korean stderr lacks %q: %q", want, ko)
				}
			}
			for _, english := range []string{"attaching images", "stat ", "parsing API URL", "starting sandbox", "no answer within", "API key not checked"} {
				if strings.Contains(ko, english) {
					t.Errorf("Korean stderr holds %q: %q", english, ko)
				}
			}
			lines := strings.Split(strings.TrimSpace(ko), "\n")
			i18ntest.Korean(t, "the next step", strings.NewReplacer("ARGOS_API_KEY", "", "argos-migrate auth login", "").Replace(lines[len(lines)-1]))
			// English: under LANG=C, and with --lang en over ARGOS_LANG=ko.
			for _, env := range [][]string{append([]string{"LANG=C"}, tt.env...), korean(t, tt.env...)} {
				args := tt.args
				if slices.Contains(env, "ARGOS_LANG=ko") {
					args = append([]string{"--lang", "en"}, args...)
				}
				_, en, code := run(t, tt.stdin, append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent"), args...)
				if code != tt.code || !strings.HasPrefix(en, "error: ") || strings.ContainsFunc(en, isHangul) {
					t.Errorf("%v %v: exit %d, stderr %q: want %d, in English", env, args, code, en, tt.code)
				}
				for _, want := range tt.en {
					if !strings.Contains(en, want) {
						t.Errorf("%v: English stderr lacks %q: %q", env, want, en)
					}
				}
			}
		})
	}
}

func isHangul(r rune) bool {
	return r >= 0xac00 && r <= 0xd7a3 || r >= 0x1100 && r <= 0x11ff || r >= 0x3130 && r <= 0x318f
}

// submit --json prints the same bytes in every language: what a program
// reads does not change with the operator's language.
func TestJSONFailureIsTheSameInEveryLanguage(t *testing.T) {
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"message":"Forbidden"}`)
	}))
	defer refusing.Close()
	key := "ARGOS_API_KEY=k-0123456789abcdef"
	sample := "testdata/sample-record.json"
	for name, tt := range map[string]struct {
		stdin string
		env   []string
		args  []string
	}{
		"no key":         {"", nil, []string{"submit", "--json", "--file", sample}},
		"refused key":    {"", []string{key}, []string{"submit", "--json", "--api-url", refusing.URL, "--file", sample}},
		"invalid record": {`{"admin":"nope","birthDate":"2023-02-30"}`, nil, []string{"submit", "--json", "--sandbox", "--file", "-"}},
		"usage":          {"", nil, []string{"submit", "--json", "--timeout", "0", "--file", sample}},
		"no such file":   {"", nil, []string{"submit", "--json", "--file", "testdata/no-such-record.json"}},
		"invalid image": {"", nil, []string{"image", "--json", "--sandbox", "--submission", "sbx0123456789ab_mg", "--admin", "nope",
			"--selfie", sample}},
	} {
		noBus := "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-bus")
		en, _, enCode := run(t, tt.stdin, append([]string{"LANG=C", noBus}, tt.env...), tt.args...)
		ko, koErr, koCode := run(t, tt.stdin, append([]string{"ARGOS_LANG=ko", noBus}, tt.env...), tt.args...)
		if en != ko || enCode != koCode {
			t.Errorf("%s: --json differs by language:\nen (exit %d) %s\nko (exit %d) %s", name, enCode, en, koCode, ko)
		}
		if strings.ContainsFunc(en, isHangul) || !strings.HasPrefix(en, `{"ok":false`) {
			t.Errorf("%s: --json is not one English object: %s", name, en)
		}
		if !strings.ContainsFunc(koErr, isHangul) {
			t.Errorf("%s: the Korean run said nothing in Korean on stderr: %q", name, koErr)
		}
	}
}
