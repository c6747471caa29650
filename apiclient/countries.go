package apiclient

import (
	"sort"
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

// LookupCountry returns the country with the given alpha-3 code (exact case).
func LookupCountry(alpha3 string) (Country, bool) {
	i := sort.Search(len(countryTable), func(i int) bool { return countryTable[i].Alpha3 >= alpha3 })
	if i < len(countryTable) && countryTable[i].Alpha3 == alpha3 {
		return countryTable[i], true
	}
	return Country{}, false
}
