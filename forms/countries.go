package forms

import (
	"slices"
	"strings"
	"sync"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// pinnedCountries come first in every country list: most records are Korean
// or American.
var pinnedCountries = []string{"KOR", "USA"}

// countryChoice is one row of a country picker.
type countryChoice struct {
	value  string // alpha-3 code; "" for the empty row ("not given", "choose one…")
	label  string // "KOR  Korea, Republic of (South Korea)"; in Korean "KOR  대한민국 · Korea, …"
	pinned bool
}

// countryLabel is how a country reads in the picker and the form: in
// English its English names only, "KOR  Korea, Republic of (South Korea)";
// in Korean its Korean name first, the English after it, "KOR  대한민국 ·
// Korea, Republic of (South Korea)". The search (apiclient.SearchCountries)
// does not read the label: a Korean name finds its country in either
// language.
func countryLabel(c apiclient.Country) string {
	english := c.Name
	if c.CommonName != "" {
		english += " (" + c.CommonName + ")"
	}
	l := c.Alpha3 + "  " + english
	if i18n.Language() == i18n.KO && c.NameKo != "" {
		l = c.Alpha3 + "  " + c.NameKo + " " + glyphs.Current().Dot + " " + english
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

// countryRows are the rows of every country picker and where each code is
// among them, built the first time a picker is (not at start-up, which
// `submit` and the other commands pay for without ever showing a picker),
// once for each language and set of glyphs the labels are drawn in.
func countryRows() countryList {
	k := rowsKey{i18n.Language(), glyphs.Current().Dot}
	if l, ok := countryLists.Load(k); ok {
		return l.(countryList)
	}
	l, _ := countryLists.LoadOrStore(k, buildCountryRows())
	return l.(countryList)
}

var countryLists sync.Map // rowsKey → countryList

type rowsKey struct {
	lang i18n.Lang
	dot  string
}

type countryList struct {
	choices []countryChoice
	at      map[string]int // alpha-3 -> index in choices
}

func buildCountryRows() countryList {
	all := apiclient.Countries()
	l := countryList{choices: make([]countryChoice, 0, len(all)), at: make(map[string]int, len(all))}
	add := func(c apiclient.Country, pinned bool) {
		l.at[c.Alpha3] = len(l.choices)
		l.choices = append(l.choices, countryChoice{value: c.Alpha3, label: countryLabel(c), pinned: pinned})
	}
	for _, code := range pinnedCountries {
		c, _ := apiclient.LookupCountry(code)
		add(c, true)
	}
	for _, c := range all {
		if !slices.Contains(pinnedCountries, c.Alpha3) {
			add(c, false)
		}
	}
	return l
}

// search lists the rows matching the filter q, best first: apiclient's
// country search decides, and within a rank the pinned countries lead. An
// empty filter lists every row, the empty row first.
func (l countryList) search(q string, offset int) []int {
	var out []int
	if strings.TrimSpace(q) == "" {
		for i := range l.choices {
			out = append(out, i+offset)
		}
		return out
	}
	found := apiclient.SearchCountries(q)
	slices.SortStableFunc(found, func(a, b apiclient.CountryMatch) int {
		if a.Rank != b.Rank {
			return int(a.Rank) - int(b.Rank)
		}
		pa, pb := l.choices[l.at[a.Alpha3]].pinned, l.choices[l.at[b.Alpha3]].pinned
		switch {
		case pa && !pb:
			return -1
		case pb && !pa:
			return 1
		}
		return 0
	})
	for _, m := range found {
		if i, ok := l.at[m.Alpha3]; ok {
			out = append(out, i+offset)
		}
	}
	return out
}
