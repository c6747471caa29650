package ui

import (
	"argos-migrate/apiclient"
)

// fieldOrder is every field key in review order; the review cursor indexes it.
func fieldOrder() []string { return apiclient.AllKeys() }

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
		return apiclient.Mask(v)
	}
	return apiclient.Sanitize(v)
}
