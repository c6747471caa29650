package apiclient

import (
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// The rulebook's, the record file's, the key's, the images' and the
// options' words come from the catalogs, not from literals.
func TestRuleWordsComeFromTheCatalog(t *testing.T) {
	sentinel := "a sentinel, matched with errors.Is; each error that matches it says itself"
	allow := map[string]map[string]string{
		"submission.go":  {"encoding record: %w": "encoding a struct of strings cannot fail"},
		"apikey.go":      {"invalid API key": sentinel},
		"image_check.go": {"invalid images": sentinel},
		"checkkey.go":    {"API key refused": sentinel, "API key not checked": sentinel},
		"client.go": {
			// What the client records of a failed send, for logs and the
			// failure policy, which says the failure in the run's words
			// (Classify: Title, Explain; transportDetail says the network's
			// part in words of the catalog).
			"sending to ":                       "TransportError.Op; the policy trims it off and names the host",
			"no answer within %s: %w":           "the Go error for logs; the policy says failure.detail.timeout from TransportError.Timeout",
			"TLS certificate not trusted: %w":   "the Go error for logs; the policy says failure.detail.certificate",
			"an address that could not be read": "a redirect's target, as --json's redirectedTo gives it (English, as all --json)",
			"an invalid host name":              "a redirect's target, as --json's redirectedTo gives it (English, as all --json)",
			// An answer the client could not use, kept as the server's side
			// of the story: the policy shows it as the Detail behind the
			// reason it names (unreadable_answer) for a support ticket.
			"success status without a submissionId: ":        "APIError.Message of an unusable answer (the Detail for a ticket)",
			"success status with an unusable submissionId: ": "APIError.Message of an unusable answer (the Detail for a ticket)",
			"empty body":          "APIError.Message of an unusable answer (the Detail for a ticket)",
			"unreadable answer: ": "APIError.Message of an unusable answer; pageWords reads it",
		},
		"lookup.go": {
			"the server does not support looking submissions up": sentinel,
			"this session cannot look submissions up":            sentinel,
			"%w: its answer could not be read":                   sentinel,
			"looking the email up: %w":                           "a Go error's wrap; the policy says the error it wraps",
		},
	}
	for _, pattern := range []string{"validate.go", "invisible.go", "submission.go", "record_scan.go", "apikey.go",
		"image_check.go", "image_upload.go", "image_body.go", "image_contract.go", "fields.go", "pages.go",
		"countries.go", "countries_search.go", "date_words.go", "text.go", "lookup.go", "image_dir.go", "host.go", "checkkey.go", "client.go"} {
		i18ntest.CheckNoProse(t, pattern, allow[pattern])
	}
}
