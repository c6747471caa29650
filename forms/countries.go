package forms

import (
	"strings"
	"sync"

	"argos-migrate/apiclient"
)

// pinnedCountries come first in every country list: most records are Korean
// or American.
var pinnedCountries = []string{"KOR", "USA"}

// countryChoice is one row of a country picker.
type countryChoice struct {
	value  string // alpha-3 code; "" for "not given"
	label  string // "KOR  Korea, Republic of · 대한민국"
	code   string // lower-case alpha-3, for ranking
	a2     string // lower-case alpha-2
	names  string // lower-case names, for ranking
	search string // lower-case label plus the common name and alpha-2
}

// countryLabel is how a country reads in the picker and on the review
// screen: "KOR  Korea, Republic of · 대한민국".
func countryLabel(c apiclient.Country) string {
	l := c.Alpha3 + "  " + c.Name
	if c.CommonName != "" {
		l += " (" + c.CommonName + ")"
	}
	if c.NameKo != "" {
		l += " · " + c.NameKo
	}
	return l
}

// CountryLabel returns how the form shows an alpha-3 code, or code itself
// when it is not one.
func CountryLabel(code string) string {
	if c, ok := apiclient.LookupCountry(code); ok {
		return countryLabel(c)
	}
	return code
}

// countryChoices are the rows of every country picker, built the first time
// a picker is (not at start-up, which `submit` and the other commands pay
// for without ever showing a picker).
var countryChoices = sync.OnceValue(buildCountryChoices)

func buildCountryChoices() []countryChoice {
	all := apiclient.Countries()
	out := make([]countryChoice, 0, len(all))
	add := func(c apiclient.Country) {
		label := countryLabel(c)
		names := strings.ToLower(c.Name + "\x00" + c.CommonName + "\x00" + c.NameKo)
		out = append(out, countryChoice{
			value:  c.Alpha3,
			label:  label,
			code:   strings.ToLower(c.Alpha3),
			a2:     strings.ToLower(c.Alpha2),
			names:  names,
			search: strings.ToLower(label + "\x00" + c.Alpha2),
		})
	}
	for _, code := range pinnedCountries {
		c, _ := apiclient.LookupCountry(code)
		add(c)
	}
	for _, c := range all {
		if !isPinned(c.Alpha3) {
			add(c)
		}
	}
	return out
}

func isPinned(code string) bool {
	for _, p := range pinnedCountries {
		if p == code {
			return true
		}
	}
	return false
}

// rank says how well a choice matches the lower-case query q: 0 is the exact
// code, 1 a code prefix, 2 a name that starts with q (or a word in it), 3 q
// anywhere; -1 no match.
func (c *countryChoice) rank(q string) int {
	switch {
	case q == "":
		return 3
	case c.value == "":
		return -1
	case c.code == q:
		return 0
	case strings.HasPrefix(c.code, q), c.a2 == q:
		return 1
	case wordPrefix(c.names, q):
		return 2
	case strings.Contains(c.search, q):
		return 3
	}
	return -1
}

// wordPrefix reports whether a word of s (split at spaces, commas, brackets
// and NULs) starts with q.
func wordPrefix(s, q string) bool {
	for i := 0; i+len(q) <= len(s); {
		j := strings.Index(s[i:], q)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || strings.ContainsRune(" ,(\x00-", rune(s[at-1])) {
			return true
		}
		i = at + 1
	}
	return false
}
