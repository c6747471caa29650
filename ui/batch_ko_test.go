package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/width"

	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// newKoreanBatch is the screen at 80×24 in a Korean run, sending.
func newKoreanBatch(t *testing.T, maskedKey string) *batchModel {
	t.Helper()
	m := newBatchModel(BatchDeps{File: "/data/export.csv", Concurrency: 4, Rate: 10, Control: &fakeControl{}, Now: fixedNow,
		Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme", MaskedKey: maskedKey}})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	start := fixedNow()
	counts := batch.Counts{ToSend: 9988, Created: 1200, Rejected: 12, Unknown: 3, NotSent: 1, Earlier: 100, Invalid: 3, Started: start}
	for i, at := range []time.Duration{0, 2 * time.Second, 4 * time.Second} {
		c := counts
		c.Created += 20 * i
		m.Update(batchEventMsg(batch.Event{Kind: batch.EventRow, At: start.Add(at), Counts: c, Rate: 10,
			Row: &batch.RowResult{Row: 1024, Email: "kim@example.com", Status: batch.StatusRejected, Error: "관리자 계정이 거부되었습니다(HTTP 400 invalid_admin, 항목 admin)"}}))
		m.Update(batchTickMsg(start.Add(at)))
	}
	return m
}

// countColumns is where each outcome's count ends on the screen, in
// terminal columns, by the outcome's name.
func countColumns(t *testing.T, scr string, names ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, line := range strings.Split(scr, "\n") {
		for _, n := range names {
			i := strings.Index(line, " "+n+" ")
			if i < 0 {
				continue
			}
			rest := strings.TrimLeft(line[i+len(n)+2:], " ")
			num, _, _ := strings.Cut(rest, " ")
			out[n] = ansi.StringWidth(line[:len(line)-len(rest)]) + ansi.StringWidth(num)
		}
	}
	if len(out) != len(names) {
		t.Fatalf("found counts %v of %v in:\n%s", out, names, scr)
	}
	return out
}

// The progress screen in Korean: every word Korean, the counts aligned
// whatever the width of the names, nothing wider than the terminal.
func TestBatchScreenInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	m := newKoreanBatch(t, "acme••••")
	scr := view(m)
	for _, want := range []string{"운영  rest-api.argosidentity.com  프로필 acme · 키 acme••••", "export.csv 보내는 중 · 동시에 4개 · 초당 최대 10개",
		"9,988개 중 1,256개", "✓ 생성됨", "1,240", "✗ 거부됨", "? 알 수 없음", "○ 보내지 못함", "이전 실행에서 생성됨 100(건너뜀)",
		"초당 10.0개 · 약 14분 33초 남음", "최근 생성되지 않은 행:", "1024행  kim@example.com", "관리자 계정이 거부되었습니다", "p 일시 정지 • q 중단"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	cols := countColumns(t, scr, "✓ 생성됨", "✗ 거부됨", "? 알 수 없음", "○ 보내지 못함", "! 유효하지 않음")
	for n, c := range cols {
		if c != cols["✓ 생성됨"] {
			t.Errorf("the count of %s ends at column %d, the others at %d:\n%s", n, c, cols["✓ 생성됨"], scr)
		}
	}
	for _, line := range strings.Split(scr, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("a line of %d columns on an 80-column terminal: %q", w, line)
		}
	}
	i18ntest.Korean(t, "the progress screen", scr)

	m.Update(batchEventMsg(batch.Event{Kind: batch.EventWait, At: fixedNow().Add(4 * time.Second), Wait: 3 * time.Second, Counts: m.counts, Rate: 7}))
	if scr := view(m); !strings.Contains(scr, "서버가 3초 기다려 달라고 함") || !strings.Contains(scr, "초당 최대 7개(서버 요청으로 10개에서 줄임)") {
		t.Errorf("after a 429:\n%s", scr)
	}
	m.Update(tea.KeyPressMsg{Code: 'p', Text: "p"})
	if scr := view(m); !strings.Contains(scr, "일시 정지했습니다") || !strings.Contains(scr, "p 계속") {
		t.Errorf("after p:\n%s", scr)
	}
	m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if scr := view(m); !strings.Contains(scr, "중단하는 중입니다") || !strings.Contains(scr, "ctrl+c 진행 중인 요청 포기") {
		t.Errorf("after q:\n%s", scr)
	}
}

// The finished screen in Korean.
func TestBatchScreenFinishedInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	m := newKoreanBatch(t, "acme••••")
	m.Update(batchFinishedMsg(BatchFinal{
		Result:  batch.Result{Counts: batch.Counts{ToSend: 3, Created: 1, Rejected: 2}, Took: 2 * time.Second},
		Totals:  batch.Totals{Rows: 4, Created: 1, Rejected: 2, Invalid: 1},
		Results: "export.results.csv", Rejects: "export.rejects.csv", Journal: "/state/imports/x",
		Refused: []BatchRefusal{
			{Row: 2, Email: "a@example.com", Status: batch.StatusRejected, Text: "관리자 계정이 거부되었습니다"},
			{Row: 3, Email: "b@example.com", Status: batch.StatusInvalid, Text: "birthDate: 실제 날짜가 아닙니다"},
		},
	}))
	scr := view(m)
	for _, want := range []string{"완료(2초) · 보낸 레코드 3개, 초당 1.5개", "! 유효하지 않음       1  거부 목록 파일 참고", "결과 파일: export.results.csv",
		"거부 목록 파일: export.rejects.csv", "저널: /state/imports/x", "거부된 행(하나를 골라 마법사에서 고칠 수 있습니다):",
		"› 2행", "f 마법사에서 고치기", "q 나가기"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	i18ntest.Korean(t, "the finished screen", scr)
}

// With the ASCII set (a CJK locale, RUNEWIDTH_EASTASIAN=1 or --ascii) the
// screen draws no character whose width depends on the terminal: the bar,
// the marks, the separators and the key help are ASCII.
func TestBatchScreenWithASCIIGlyphs(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	prev := glyphs.Current()
	glyphs.Use(glyphs.ASCII)
	t.Cleanup(func() { glyphs.Use(prev) })
	m := newKoreanBatch(t, "acme****")
	m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	running := view(m)
	m.Update(batchFinishedMsg(BatchFinal{Result: batch.Result{Counts: m.counts, Took: time.Minute, Stopped: batch.StopErrors},
		Totals:  batch.Totals{Created: 1, Rejected: 1},
		Refused: []BatchRefusal{{Row: 2, Email: "a@example.com", Status: batch.StatusRejected, Text: "거부"}}}))
	for name, scr := range map[string]string{"running": running, "finished": view(m)} {
		for _, r := range scr {
			if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
				t.Errorf("%s: %q (%U) is drawn one or two columns wide depending on the terminal:\n%s", name, r, r, scr)
				break
			}
		}
	}
	if !strings.Contains(running, "#") || !strings.Contains(running, "+ 생성됨") || !strings.Contains(running, "p 일시 정지 * q 중단") && !strings.Contains(running, "ctrl+c") {
		t.Errorf("the ASCII screen:\n%s", running)
	}
}
