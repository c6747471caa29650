package apiclient

import (
	"sort"

	"argos-migrate/apiclient/i18n"
)

//go:generate python3 countries_gen.py

// Country is one officially assigned ISO 3166-1 country code with its names.
type Country struct {
	Alpha3     string // the code the API takes, e.g. "KOR"
	Alpha2     string // e.g. "KR"
	Name       string // ISO English short name, e.g. "Korea, Republic of"
	CommonName string // e.g. "South Korea"; empty when it is the same as Name
	NameKo     string // Korean name, e.g. "대한민국"; empty where iso-codes has none
}

// Countries returns every officially assigned ISO 3166-1 country, sorted by
// alpha-3 code. The slice is shared: do not modify it.
func Countries() []Country { return countryTable[:] }

// DisplayName is the name people read for the country in the run's
// language: its Korean name in Korean ("대한민국"), else its everyday
// English name ("South Korea"), else its ISO name.
func (c Country) DisplayName() string { return c.NameIn(i18n.Language()) }

// NameIn is the country's everyday name in language l (see DisplayName).
func (c Country) NameIn(l i18n.Lang) string {
	switch {
	case l == i18n.KO && c.NameKo != "":
		return c.NameKo
	case c.CommonName != "":
		return c.CommonName
	}
	return c.Name
}

// LookupCountry returns the country with the given alpha-3 code (exact case).
func LookupCountry(alpha3 string) (Country, bool) {
	i := sort.Search(len(countryTable), func(i int) bool { return countryTable[i].Alpha3 >= alpha3 })
	if i < len(countryTable) && countryTable[i].Alpha3 == alpha3 {
		return countryTable[i], true
	}
	return Country{}, false
}
