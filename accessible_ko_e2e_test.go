package main

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
)

// sessionLines is the part of a transcript accessible mode says, from its
// first line ("argos-migrate 접근성 모드입니다.") on: the lines before are the
// command's own notices (drafts, keyring), which its own tests check.
func sessionLines(tb testing.TB, stderr string) []string {
	tb.Helper()
	title := i18n.In(i18n.KO, "accessible.intro.title")
	i := strings.Index(stderr, title)
	if i < 0 {
		tb.Fatalf("the transcript has no %q:\n%s", title, stderr)
	}
	var lines []string
	for _, l := range strings.Split(stderr[i:], "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// koreanAnswerFile is testdata/accessible-answers.txt as a Korean operator
// writes it: the choices and countries in Korean, a name fixed with 수정 2
// at the review, and 예 to send.
func koreanAnswerFile(tb testing.TB, english string) string {
	tb.Helper()
	lines := strings.Split(english, "\n")
	for i, swap := range map[int][2]string{
		1:  {"홍길동", "홍길순"}, // fixed at the review
		4:  {"2", "남성"},
		5:  {"United States", "미국"},
		7:  {"1", "운전면허증"},
		8:  {"KOR", "대한민국"},
		22: {"approved", "승인"},
		23: {"y", "수정 2\n홍길동\n예"},
	} {
		if lines[i] != swap[0] {
			tb.Fatalf("line %d of the answer file is %q, want %q", i+1, lines[i], swap[0])
		}
		lines[i] = swap[1]
	}
	return strings.Join(lines, "\n")
}

// Accessible mode in Korean through the real binary: the English answer
// file of the README runs unchanged and makes the same record, every line
// of the session is Korean, and a Korean answer file makes the same record
// in either language.
func TestAccessibleModeInKoreanThroughTheBinary(t *testing.T) {
	english := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	var want map[string]string
	if err := json.Unmarshal(must(os.ReadFile("testdata/sample-record.json")), &want); err != nil {
		t.Fatal(err)
	}
	key := "ARGOS_API_KEY=" + sandbox.Key
	korean := koreanAnswerFile(t, english)

	for _, tc := range []struct {
		name, answers string
		env           []string
		korean        bool
	}{
		{"English answer file, ARGOS_LANG=ko", english, []string{key, "ARGOS_LANG=ko"}, true},
		{"English answer file, LANG=ko_KR.UTF-8", english, []string{key, "LANG=ko_KR.UTF-8"}, true},
		{"Korean answer file, LANG=ko_KR.UTF-8", korean, []string{key, "LANG=ko_KR.UTF-8"}, true},
		{"Korean answer file, LANG=C", korean, []string{key, "LANG=C"}, false},
		{"Korean answer file, --lang en", korean, []string{key, "LANG=ko_KR.UTF-8", "--lang en"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, url := startRecordingSandbox(t)
			args := []string{"--accessible", "--api-url", url}
			env := tc.env
			if last := env[len(env)-1]; strings.HasPrefix(last, "--") {
				env, args = env[:len(env)-1], append(args, strings.Fields(last)...)
			}
			stdout, stderr, code := run(t, tc.answers, env, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			bodies := rs.requests()
			if len(bodies) != 1 {
				t.Fatalf("the sandbox got %d requests, want 1\n%s", len(bodies), stderr)
			}
			var got map[string]string
			if err := json.Unmarshal(bodies[0], &got); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("sent %s (%v), want exactly the sample record", bodies[0], err)
			}
			if recs := rs.Records(); len(recs) != 1 || stdout != recs[0].ID+"\n" {
				t.Fatalf("stdout %q, want only the id", stdout)
			}
			if strings.IndexByte(stdout+stderr, 0x1b) >= 0 {
				t.Fatalf("the transcript holds an ESC byte:\n%q", stderr)
			}
			if strings.Contains(stderr, want["identityNumber"]) {
				t.Error("the identity number is in the transcript")
			}
			if !tc.korean {
				if !strings.Contains(stderr, "argos-migrate, accessible mode.") || strings.Contains(stderr, "접근성 모드") {
					t.Errorf("the session is not in English:\n%s", stderr)
				}
				return
			}
			for _, line := range sessionLines(t, stderr) {
				i18ntest.Korean(t, "the line", line)
			}
			for _, w := range []string{"✓ 제출이 생성되었습니다. 제출 ID: " + strings.TrimSpace(stdout), "  9. 발급 국가: KOR (대한민국)"} {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}

	t.Run("truncated answer file, in Korean", func(t *testing.T) {
		rs, url := startRecordingSandbox(t)
		lines := strings.SplitAfter(english, "\n")
		_, stderr, code := run(t, strings.Join(lines[:12], ""), []string{key, "ARGOS_LANG=ko"}, "--accessible", "--api-url", url)
		if code != exitInvalid || len(rs.requests()) != 0 {
			t.Fatalf("exit %d, %d requests; want %d and none\n%s", code, len(rs.requests()), exitInvalid, stderr)
		}
		for _, w := range []string{
			"✗ 만료일에서 입력이 끝났습니다. 아무것도 제출하지 않았습니다.",
			"레코드를 제출하기 전에 답변이 끝났습니다 (만료일에서 끝남)",
		} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q:\n%s", w, stderr)
			}
		}
	})
}
