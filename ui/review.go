package ui

import (
	"argos-migrate/apiclient"
)

// displayValue is a field's value as the review shows it: choices and
// countries in words beside the value sent, everything sanitized, and the
// sensitive ones masked unless revealed.
func displayValue(k, v string, revealed bool) string {
	if v == "" {
		return ""
	}
	if shown, masked := apiclient.MaskField(k, v, revealed); masked {
		return shown
	}
	return apiclient.ValueWords(k, v)
}

// shortValue is the value as it is sent, for a column too narrow for its
// words: sanitized, and masked like displayValue.
func shortValue(k, v string, revealed bool) string {
	shown, _ := apiclient.MaskField(k, v, revealed)
	return apiclient.Sanitize(shown)
}
