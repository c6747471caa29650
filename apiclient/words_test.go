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
		"lookup.go": {
			"the server does not support looking submissions up": sentinel,
			"this session cannot look submissions up":            sentinel,
			"%w: its answer could not be read":                   sentinel,
			"looking the email up: %w":                           "a Go error's wrap; the policy says the error it wraps",
		},
	}
	for _, pattern := range []string{"validate.go", "invisible.go", "submission.go", "record_scan.go", "apikey.go",
		"image_check.go", "image_upload.go", "image_body.go", "image_contract.go", "fields.go", "pages.go",
		"countries.go", "countries_search.go", "date_words.go", "text.go", "lookup.go"} {
		i18ntest.CheckNoProse(t, pattern, allow[pattern])
	}
}
