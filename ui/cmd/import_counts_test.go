package cmd

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// The summary's and --status's counts line up in both languages: in
// English the numbers (before their labels) end in one column; in Korean
// (after their labels, padded by the cells Hangul takes) too.
func TestCountLinesAlign(t *testing.T) {
	rows := func() []countRow {
		return []countRow{{label: i18n.T("import.send.created"), n: 9988},
			{label: i18n.T("import.send.rejected"), n: 0},
			{label: i18n.T("import.send.not_sent"), n: 11, note: i18n.T("import.send.not_sent_note")},
			{label: i18n.T("import.send.pending"), n: 75}}
	}
	number := regexp.MustCompile(`[\d,]+`)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			lines := countLines(rows())
			end := -1
			for _, l := range lines {
				loc := number.FindStringIndex(l)
				if loc == nil || strings.HasSuffix(l, " ") {
					t.Fatalf("line %q", l)
				}
				if e := ansi.StringWidth(l[:loc[1]]); end == -1 {
					end = e
				} else if e != end {
					t.Errorf("counts end at columns %d and %d:\n%s", end, e, strings.Join(lines, "\n"))
				}
			}
			want := map[i18n.Lang]string{i18n.EN: "     11 not sent: the server could not be reached", i18n.KO: "  아직 보내지 않음    75"}[lang]
			if !strings.Contains(strings.Join(lines, "\n"), want) {
				t.Errorf("lacks %q:\n%s", want, strings.Join(lines, "\n"))
			}
		})
	}
}
