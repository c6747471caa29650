package accessible

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient"
)

// maxSuggestions bounds a "did you mean" list: it is read aloud.
const maxSuggestions = 5

// pickCountry takes an alpha-3 code, or whatever apiclient.GuessCountry
// resolves to one code (a code in another case, an alpha-2 code, an exact
// English or Korean name), and says which country that became. Anything
// else is refused with the nearest countries, never guessed.
func (s *session) pickCountry(spec apiclient.FieldSpec, a string) (v, problem string) {
	if _, ok := apiclient.LookupCountry(a); ok {
		return a, ""
	}
	if code := apiclient.GuessCountry(a); code != "" {
		c, _ := apiclient.LookupCountry(code)
		s.println(fmt.Sprintf("Taken as %s (%s).", c.Alpha3, c.Name))
		return code, ""
	}
	near := nearCountries(a)
	if len(near) == 0 {
		return "", fmt.Sprintf("%s: no country is called %q; type the three-letter code (e.g. KOR, USA) or the country's name",
			spec.Label, apiclient.Sanitize(a))
	}
	names := make([]string, len(near))
	for i, c := range near {
		names[i] = c.Alpha3 + " " + c.Name
	}
	return "", fmt.Sprintf("%s: no country is called %q. Did you mean: %s? Type the code",
		spec.Label, apiclient.Sanitize(a), strings.Join(names, "; "))
}

// nearCountries lists the countries an answer may have meant: those whose
// name contains it, then those within a small edit distance of a code or a
// name, closest first.
func nearCountries(a string) []apiclient.Country {
	q := strings.ToLower(strings.TrimSpace(a))
	if q == "" {
		return nil
	}
	type scored struct {
		c    apiclient.Country
		dist int
	}
	var hits []scored
	for _, c := range apiclient.Countries() {
		best := -1
		for _, name := range []string{c.Alpha3, c.Alpha2, c.Name, c.CommonName, c.NameKo} {
			if name == "" {
				continue
			}
			name = strings.ToLower(name)
			d := nameDistance(q, name)
			if lead := leadingWords(name, strings.Count(q, " ")+1); lead != name {
				// A match on the first words ranks after one on the whole name.
				if dl := nameDistance(q, lead); dl >= 0 && (d < 0 || dl+1 < d) {
					d = dl + 1
				}
			}
			if d >= 0 && (best < 0 || d < best) {
				best = d
			}
		}
		if best >= 0 {
			hits = append(hits, scored{c, best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].dist < hits[j].dist })
	out := make([]apiclient.Country, 0, maxSuggestions)
	for _, h := range hits {
		if len(out) == maxSuggestions {
			break
		}
		out = append(out, h.c)
	}
	return out
}

// nameDistance scores how near q is to name: 0 when name contains q (three
// characters or more), else the edit distance when it is small for the
// length (one edit for short words, two for longer ones), else -1.
func nameDistance(q, name string) int {
	n := utf8.RuneCountInString(q)
	if n >= 3 && strings.Contains(name, q) {
		return 0
	}
	limit := 1
	if n >= 6 {
		limit = 2
	}
	if n < 2 || abs(n-utf8.RuneCountInString(name)) > limit {
		return -1
	}
	if d := editDistance(q, name); d <= limit {
		return d + 1 // a containing name ranks first
	}
	return -1
}

// leadingWords is the first n words of name without their punctuation, so
// that "kroea" can be compared with "korea" in "korea, republic of".
func leadingWords(name string, n int) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' })
	return strings.Join(words[:min(n, len(words))], " ")
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// two neighbours (the usual typos) that turn a into b, in runes: the optimal
// string alignment distance.
func editDistance(a, b string) int {
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
