package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/forms"
)

// placeholderShown checks the text from where hint starts on line: the
// hint whole, or its first words and a "…" standing apart; never a word
// cut at the edge ("…on the project's dashboar").
func placeholderShown(line, hint string) error {
	words := strings.Fields(hint)
	if len(words) < 2 {
		return nil
	}
	head := words[0] + " " + words[1]
	i := strings.Index(line, head)
	if i < 0 {
		return nil
	}
	rest := strings.TrimRight(line[i:], " ┃│")
	if j := strings.LastIndex(rest, "  "); j > 0 && strings.Contains(rest[j:], "/") {
		rest = rest[:j] // the country picker's count of matches
	}
	if rest == hint {
		return nil
	}
	if kept, ok := strings.CutSuffix(rest, " …"); ok && strings.HasPrefix(hint, kept+" ") {
		return nil
	}
	return fmt.Errorf("the hint %q is shown as %q", hint, rest)
}

// Every page of the form at the smallest window, in both languages, with
// every field focused in turn: no line is wider than the window, no word
// is cut in two, and each placeholder or hint is whole or ends after a
// whole word with "…".
func TestFormHintsFitAtTheSmallestWindow(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			choose := i18n.T("form.choice.choose", "…")
			hints := []string{i18n.T("form.country.placeholder"), i18n.T("form.country.no_match")}
			for _, k := range apiclient.AllKeys() {
				spec, _ := apiclient.Spec(k)
				if spec.Format != "" && !spec.FreeText() {
					hints = append(hints, spec.Format)
				}
			}
			m := newFormModel(t, apiclient.Submission{}, MinWidth, MinHeight)
			for _, k := range apiclient.AllKeys() {
				forms.Focus(m.form, k)
				scr := ansi.Strip(m.render())
				for _, l := range strings.Split(scr, "\n") {
					if w := ansi.StringWidth(l); w > MinWidth {
						t.Errorf("%s focused: a line of %d cells: %q", k, w, l)
					}
					// "choose one…" asks for a choice: its "…" leaves nothing out.
					if cutWord(strings.ReplaceAll(l, choose, "")) {
						t.Errorf("%s focused: a word cut in two: %q", k, l)
					}
					for _, h := range hints {
						if err := placeholderShown(l, h); err != nil {
							t.Errorf("%s focused: %v", k, err)
						}
					}
				}
				if t.Failed() {
					t.Fatalf("screen with %s focused:\n%s", k, scr)
				}
			}
		})
	}
}
