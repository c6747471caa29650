package ui

import (
	"argos-migrate/apiclient"
)

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
