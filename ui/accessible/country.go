package accessible

import (
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// maxSuggestions bounds a "did you mean" list: it is read aloud.
const maxSuggestions = 5

// pickCountry takes an alpha-3 code, or whatever apiclient.GuessCountry
// resolves to one code (a code in another case, an alpha-2 code, a whole
// English, Korean, everyday or former name, accents or not: "kr", "UK",
// "Holland", "türkiye", "북한"), and says which country that became.
// Anything else is refused with the nearest countries, never guessed.
func (s *session) pickCountry(spec apiclient.FieldSpec, a string) (v, problem string) {
	if _, ok := apiclient.LookupCountry(a); ok {
		return a, ""
	}
	if code := apiclient.GuessCountry(a); code != "" {
		c, _ := apiclient.LookupCountry(code)
		s.println(i18n.T("accessible.country.taken", c.Alpha3, c.DisplayName()))
		return code, ""
	}
	near := suggestCountries(a)
	if len(near) == 0 {
		return "", i18n.T("accessible.country.unknown", spec.Label, apiclient.Sanitize(a))
	}
	names := make([]string, len(near))
	for i, c := range near {
		names[i] = c.Alpha3 + " " + c.DisplayName()
	}
	return "", i18n.T("accessible.country.near", spec.Label, apiclient.Sanitize(a), strings.Join(names, "; "))
}

// suggestCountries lists the countries an answer may have meant, best
// first, from the one country search (apiclient.SearchCountries): a part of
// a name, a former name, a typo.
func suggestCountries(a string) []apiclient.Country {
	found := apiclient.SearchCountries(a)
	out := make([]apiclient.Country, 0, min(len(found), maxSuggestions))
	for _, m := range found[:min(len(found), maxSuggestions)] {
		out = append(out, m.Country)
	}
	return out
}
