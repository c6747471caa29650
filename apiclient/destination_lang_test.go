package apiclient

import (
	"testing"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Where requests go and what each image is called speak the run's
// language: a Korean header says 샌드박스, a Korean sentence names the
// destination in Korean, and the words come from the catalogs.
func TestDestinationAndImageWordsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.CheckNoProse(t, "image_contract.go", nil)
	i18ntest.Use(t, i18n.KO)
	for _, tc := range []struct {
		url     string
		sandbox bool
	}{{"https://rest-api.argosidentity.com", false}, {"http://127.0.0.1:8080", false}, {"http://127.0.0.1:8080", true}, {"https://api.example.com", false}} {
		d := DestinationOf(tc.url, tc.sandbox)
		if d.Kind != DestinationSandbox && d.Kind != DestinationVendor {
			i18ntest.Korean(t, "the badge of "+tc.url, d.Badge())
		}
		i18ntest.Korean(t, "the phrase of "+tc.url, d.Phrase())
	}
	for _, k := range ImageKinds {
		i18ntest.Korean(t, "the label of "+string(k), k.Label())
	}
}
