package cmd

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The command line's aligned output (auth status, draft show) is measured
// in terminal cells, not bytes or runes: a Korean label or date is two
// cells a character, and text/tabwriter would misalign it.

// padRight is s followed by spaces to width cells.
func padRight(s string, width int) string {
	if n := width - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// writeColumns writes rows as columns gap spaces apart, each line after
// indent; the last column is not padded, and no line ends in spaces (a row
// whose last cells are empty).
func writeColumns(w io.Writer, indent string, gap int, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			if i < len(r)-1 {
				b.WriteString(padRight(c, widths[i]+gap))
			} else {
				b.WriteString(c)
			}
		}
		_, _ = io.WriteString(w, strings.TrimRight(b.String(), " ")+"\n")
	}
}
