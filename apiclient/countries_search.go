package apiclient

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CountryRank says how well a country matched a search; lower is better.
type CountryRank int

// The ranks of a country search, best first.
const (
	// RankExact: the whole query is the country's alpha-3 or alpha-2 code,
	// one of its names, or one of its aliases ("uk", "Holland").
	RankExact CountryRank = iota
	// RankCodePrefix: the query starts the alpha-3 code ("ko" for KOR).
	RankCodePrefix
	// RankWordPrefix: the query starts a word of a name or alias ("kor").
	RankWordPrefix
	// RankInside: the query is inside a name or alias.
	RankInside
	// RankNear: a name, alias or code is a typo or two away ("Untied
	// States"). Near matches are only given when nothing matched better.
	RankNear
)

// CountryMatch is one country a search found.
type CountryMatch struct {
	Country
	Rank CountryRank
}

// SearchCountries is the one country search: the wizard's picker, the
// accessible prompts and the rulebook's suggestions all use it. It finds
// the countries q may mean by code, ISO name, common or Korean name, or an
// everyday or former name (UK, Holland, Turkey, Burma, 북한), ignoring case,
// accents and punctuation ("cote d ivoire", "curacao", "aland"), best
// first and in code order within a rank. An empty query finds nothing.
func SearchCountries(q string) []CountryMatch {
	fq := foldName(q)
	if fq == "" {
		return nil
	}
	idx := countryIndex()
	var out []CountryMatch
	for i := range idx {
		if r, ok := idx[i].rank(fq); ok {
			out = append(out, CountryMatch{Country: idx[i].c, Rank: r})
		}
	}
	if len(out) == 0 {
		out = nearCountries(fq, idx)
	}
	slices.SortStableFunc(out, func(a, b CountryMatch) int { return int(a.Rank) - int(b.Rank) })
	return out
}

// GuessCountry returns the alpha-3 code an operator most likely meant by s:
// the one country whose code (alpha-3 in any case, or alpha-2), name or
// alias s is, whole ("kor", "KR", "South Korea", "대한민국", "UK",
// "türkiye"). It returns "" when no country or more than one is.
func GuessCountry(s string) string {
	found := ""
	for _, m := range SearchCountries(s) {
		if m.Rank != RankExact {
			break
		}
		if found != "" && found != m.Alpha3 {
			return ""
		}
		found = m.Alpha3
	}
	return found
}

// countryEntry is a country with its codes and names folded for the search.
type countryEntry struct {
	c      Country
	codes  [2]string // alpha-3 and alpha-2, folded
	names  []string  // names and aliases, folded
	inside []string  // the same with no spaces, for "southkorea"
}

var countryIndex = sync.OnceValue(func() []countryEntry {
	idx := make([]countryEntry, len(countryTable))
	for i, c := range countryTable {
		e := countryEntry{c: c, codes: [2]string{foldName(c.Alpha3), foldName(c.Alpha2)}}
		for _, n := range append([]string{c.Name, c.CommonName, c.NameKo}, countryAliases[c.Alpha3]...) {
			if f := foldName(n); f != "" && !slices.Contains(e.names, f) {
				e.names = append(e.names, f)
				e.inside = append(e.inside, strings.ReplaceAll(f, " ", ""))
			}
		}
		idx[i] = e
	}
	return idx
})

// rank says how well the folded query q matches the entry.
func (e *countryEntry) rank(q string) (CountryRank, bool) {
	if q == e.codes[0] || q == e.codes[1] || slices.Contains(e.names, q) {
		return RankExact, true
	}
	if strings.HasPrefix(e.codes[0], q) {
		return RankCodePrefix, true
	}
	for _, n := range e.names {
		if strings.HasPrefix(n, q) || strings.Contains(n, " "+q) {
			return RankWordPrefix, true
		}
	}
	if utf8.RuneCountInString(q) >= 2 {
		for i, n := range e.names {
			if strings.Contains(n, q) || strings.Contains(e.inside[i], q) {
				return RankInside, true
			}
		}
	}
	return 0, false
}

// nearCountries finds the countries a name, alias or code of which is a
// typo or two from q: one edit for short queries, two from six runes on.
func nearCountries(q string, idx []countryEntry) []CountryMatch {
	n := utf8.RuneCountInString(q)
	if n < 3 {
		return nil
	}
	limit := 1
	if n >= 6 {
		limit = 2
	}
	words := strings.Count(q, " ") + 1
	type scored struct {
		m    CountryMatch
		dist int
	}
	var hits []scored
	for i := range idx {
		best := -1
		for _, name := range append(idx[i].names, idx[i].codes[0]) {
			// Compare with the whole name, and with as many of its first
			// words as the query has ("kroea" with "korea" in "korea
			// republic of"), the latter a step behind.
			for j, cand := range []string{name, leadingWords(name, words)} {
				if abs(n-utf8.RuneCountInString(cand)) > limit {
					continue
				}
				if d := EditDistance(q, cand) + j; d <= limit+j && (best < 0 || d < best) {
					best = d
				}
			}
		}
		if best >= 0 {
			hits = append(hits, scored{CountryMatch{Country: idx[i].c, Rank: RankNear}, best})
		}
	}
	slices.SortStableFunc(hits, func(a, b scored) int { return a.dist - b.dist })
	out := make([]CountryMatch, len(hits))
	for i, h := range hits {
		out[i] = h.m
	}
	return out
}

// foldName is s as the country search compares it: lower case, without
// accents (NFD, marks dropped, NFC again so Hangul stays whole), apostrophes
// dropped and any other punctuation a single space.
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '`':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return norm.NFC.String(b.String())
}

// leadingWords is the first n words of a folded name.
func leadingWords(name string, n int) string {
	words := strings.Fields(name)
	return strings.Join(words[:min(n, len(words))], " ")
}

// EditDistance counts the insertions, deletions, substitutions and swaps of
// two neighbours (the usual typos) that turn a into b, in runes: the optimal
// string alignment distance. The country search and the import's "did you
// mean" for a column both measure typos with it.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
