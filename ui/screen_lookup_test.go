package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// Why a lookup could not be made is said in words, whatever failed.
func TestLookupWhyInWords(t *testing.T) {
	for name, err := range map[string]error{
		"no lookup":   apiclient.ErrNoLookup,
		"unsupported": fmt.Errorf("%w (HTTP 404: Not Found)", apiclient.ErrLookupUnsupported),
		"unreadable":  fmt.Errorf("%w (unreadable list: json: cannot unmarshal string)", apiclient.ErrLookupUnsupported),
		"timeout": fmt.Errorf("looking the email up: %w", &apiclient.TransportError{Op: "sending to 127.0.0.1:9",
			Err: fmt.Errorf("no answer within 5s: %w", context.DeadlineExceeded)}),
		"html 502":   fmt.Errorf("looking the email up: %w", &apiclient.APIError{Status: 502, Message: "unreadable answer: <html><body><h1>502 Bad Gateway</h1></body></html>"}),
		"cut answer": fmt.Errorf("looking the email up: reading the answer: %w", errors.New("unexpected EOF")),
	} {
		why := apiclient.LookupWhy(err, apitest.Sample())
		for _, jargon := range []string{"context deadline exceeded", "EOF", "<html", "json:", "%!"} {
			if strings.Contains(why, jargon) {
				t.Errorf("%s: %q says %q", name, why, jargon)
			}
		}
		if why == "" {
			t.Errorf("%s: no reason", name)
		}
	}
}
