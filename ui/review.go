package ui

import (
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
)

// reviewPage is one group of the review: a form page's title and keys.
type reviewPage struct {
	Title string
	Keys  []string
}

// reviewPages groups every field as the form pages do; a field the pages
// leave out (none, today) still shows, under "Other", so the review never
// hides a value that would be sent.
func reviewPages() []reviewPage {
	seen := make(map[string]bool, len(apiclient.Fields))
	pages := make([]reviewPage, 0, len(forms.Pages)+1)
	for _, p := range forms.Pages {
		pages = append(pages, reviewPage{Title: p.Title, Keys: p.Keys})
		for _, k := range p.Keys {
			seen[k] = true
		}
	}
	var rest []string
	for _, f := range apiclient.Fields {
		if !seen[f.Key] {
			rest = append(rest, f.Key)
		}
	}
	if len(rest) > 0 {
		pages = append(pages, reviewPage{Title: "Other", Keys: rest})
	}
	return pages
}

// fieldOrder is every field key in review order; the review cursor indexes it.
func fieldOrder() []string {
	var keys []string
	for _, p := range reviewPages() {
		keys = append(keys, p.Keys...)
	}
	return keys
}

// fieldLabel is what an agent calls a field.
func fieldLabel(k string) string {
	if s, ok := apiclient.Spec(k); ok {
		return s.Label
	}
	return k
}

// displayValue is a field's value as the review shows it: sanitized, and the
// sensitive ones masked unless revealed.
func displayValue(k, v string, revealed bool) string {
	if v == "" {
		return ""
	}
	if s, ok := apiclient.Spec(k); ok && s.Sensitive && !revealed {
		return maskValue(v)
	}
	return apiclient.Sanitize(v)
}

// maskValue hides a value but keeps its rough length and separators, so the
// agent can tell a resident number from a typo without seeing it.
func maskValue(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r == '-' || r == ' ' {
			b.WriteRune(r)
		} else {
			b.WriteRune('•')
		}
	}
	return b.String()
}
