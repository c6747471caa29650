package cmd

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient/i18n"
)

// countRow is one line of the counts the summary and --status list: how
// many rows, what became of them, and a note after.
type countRow struct {
	label string
	n     int
	note  string
}

// countLines lays the counts out as a column, in the order the run's
// language puts a count and its label (import.count.row): the numbers
// right-aligned, the labels padded by the width the terminal draws them
// at (a Hangul syllable takes two cells), so that every count of a list
// lines up, whatever the words.
func countLines(rows []countRow) []string {
	nums := make([]string, len(rows))
	numW, labelW := 0, 0
	for i, r := range rows {
		nums[i] = i18n.T("import.count.n", r.n)
		numW = max(numW, ansi.StringWidth(nums[i]))
		labelW = max(labelW, ansi.StringWidth(r.label))
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		num := strings.Repeat(" ", numW-ansi.StringWidth(nums[i])) + nums[i]
		pad := strings.Repeat(" ", labelW-ansi.StringWidth(r.label))
		lines[i] = "  " + strings.TrimRight(i18n.T("import.count.row", num, r.label, r.note, pad), " ")
	}
	return lines
}
