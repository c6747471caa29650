package ui

import (
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
)

// fieldOrder is every field key in review order; the review cursor indexes it.
func fieldOrder() []string { return forms.AllKeys() }

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
