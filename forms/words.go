package forms

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// CutAtWord ends s with " "+ellipsis after the last whole word that leaves
// room for both in w cells; cut says s is already known to be cut short
// (the ellipsis is added even when s fits). The ellipsis stands apart from
// the word, so that a reader (and a test) tells text left out from a word
// cut in two. A first word wider than the line is the one thing cut
// inside. It is the one rule for shortening prose to a width, in the form
// and in the wizard around it.
func CutAtWord(s string, w int, cut bool, ellipsis string) string {
	s = strings.TrimRight(s, " ")
	if !cut && ansi.StringWidth(s) <= w {
		return s
	}
	words := strings.Fields(s)
	for n := len(words); n > 0; n-- {
		head := strings.Join(words[:n], " ")
		if ansi.StringWidth(head)+1+ansi.StringWidth(ellipsis) <= w {
			return head + " " + ellipsis
		}
	}
	return ansi.Truncate(s, max(w-ansi.StringWidth(ellipsis), 0), "") + ellipsis
}
