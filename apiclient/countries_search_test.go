package apiclient

import (
	"testing"
	"time"
)

// The names people type find the country they mean first: codes, ISO and
// common names, Korean names, everyday and former names, with or without
// accents and punctuation, in any case.
func TestSearchCountriesFirstMatch(t *testing.T) {
	for q, want := range map[string]string{
		// the walkthrough's misses
		"uk": "GBR", "UK": "GBR", "gb": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
		"holland": "NLD", "turkey": "TUR", "türkiye": "TUR", "turkiye": "TUR", "TÜRKIYE": "TUR",
		"cote": "CIV", "côte d'ivoire": "CIV", "cote d ivoire": "CIV", "Cote d’Ivoire": "CIV", "ivory coast": "CIV",
		"curacao": "CUW", "curaçao": "CUW", "reunion": "REU", "réunion": "REU", "aland": "ALA", "åland": "ALA",
		"republic of korea": "KOR", "korea south": "KOR", "korea, south": "KOR", "south korea": "KOR", "korea": "KOR",
		"북한": "PRK", "north korea": "PRK", "dprk": "PRK",
		// codes and the names that worked before
		"KOR": "KOR", "kor": "KOR", "kr": "KOR", "ko": "KOR", "대한민국": "KOR", "한국": "KOR", "대한": "KOR",
		"usa": "USA", "us": "USA", "america": "USA", "united states": "USA", "united states of america": "USA", "미국": "USA",
		"u.s.a.": "USA", "de": "DEU", "germany": "DEU", "deutschland": "DEU", "jpn": "JPN", "japan": "JPN", "일본": "JPN",
		// former and short names
		"burma": "MMR", "swaziland": "SWZ", "czech republic": "CZE", "macedonia": "MKD", "persia": "IRN",
		"vietnam": "VNM", "viet nam": "VNM", "russia": "RUS", "uae": "ARE", "cape verde": "CPV", "east timor": "TLS",
		"zaire": "COD", "dr congo": "COD", "congo": "COG", "laos": "LAO", "vatican": "VAT", "taiwan": "TWN",
		"saint barthelemy": "BLM", "sao tome": "STP",
		// typos get the nearest
		"Untied States": "USA", "Germny": "DEU", "kroea": "KOR", "japn": "JPN", "FRA ": "FRA",
	} {
		got := SearchCountries(q)
		if len(got) == 0 || got[0].Alpha3 != want {
			first := ""
			if len(got) > 0 {
				first = got[0].Alpha3
			}
			t.Errorf("SearchCountries(%q) starts with %q, want %s", q, first, want)
		}
	}
	for _, q := range []string{"", "  ", "qqqqqqqq", "xyzzy"} {
		if got := SearchCountries(q); len(got) != 0 {
			t.Errorf("SearchCountries(%q) = %v, want nothing", q, got)
		}
	}
}

// Exact matches rank before partial ones: "uk" is the United Kingdom, and
// Ukraine follows it; "korea" finds both Koreas, the Republic first.
func TestSearchCountriesRanks(t *testing.T) {
	got := SearchCountries("uk")
	if len(got) < 2 || got[0].Alpha3 != "GBR" || got[0].Rank != RankExact || got[1].Alpha3 != "UKR" {
		t.Fatalf("uk: %v", got)
	}
	got = SearchCountries("korea")
	var codes []string
	for _, m := range got {
		codes = append(codes, m.Alpha3)
	}
	if len(codes) < 2 || codes[0] != "KOR" || codes[1] != "PRK" {
		t.Fatalf("korea: %v", codes)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Rank < got[i-1].Rank {
			t.Fatalf("not best first: %v", got)
		}
	}
	// Near matches only when nothing better matched.
	for _, m := range SearchCountries("ind") {
		if m.Rank == RankNear {
			t.Fatalf("ind: near match %v among better ones", m)
		}
	}
}

// GuessCountry takes only a whole, single answer: the rulebook suggests it
// and accessible mode takes it.
func TestGuessCountry(t *testing.T) {
	for in, want := range map[string]string{
		"kor": "KOR", "KR": "KOR", "South Korea": "KOR", "대한민국": "KOR", "UK": "GBR", "england": "GBR",
		"holland": "NLD", "türkiye": "TUR", "turkey": "TUR", "curacao": "CUW", "북한": "PRK", "usa": "USA",
		"united": "", "kore": "", "Untied States": "", "": "",
	} {
		if got := GuessCountry(in); got != want {
			t.Errorf("GuessCountry(%q) = %q, want %q", in, got, want)
		}
	}
	// Every alias names a real country, and finds it alone.
	for code, aliases := range countryAliases {
		if _, ok := LookupCountry(code); !ok {
			t.Errorf("aliases for %s, which is not a country", code)
		}
		for _, a := range aliases {
			if got := GuessCountry(a); got != code {
				t.Errorf("GuessCountry(%q) = %q, want %s", a, got, code)
			}
		}
	}
}

// The rulebook suggests the code for a name a record file holds.
func TestCountrySuggestion(t *testing.T) {
	s := Submission{IssuingCountry: "UK"}
	p := CheckField(&s, FieldIssuingCountry, time.Now())
	if p == nil || p.Suggestion != "GBR" {
		t.Fatalf("CheckField(issuingCountry=UK) = %v, want the suggestion GBR", p)
	}
}

func BenchmarkSearchCountries(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(SearchCountries("Untied States")) == 0 || len(SearchCountries("kor")) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkSearchCountriesKeystroke(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(SearchCountries("kor")) == 0 {
			b.Fatal("no match")
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"kroea", "korea", 1}, {"germny", "germany", 1}, {"", "abc", 3}, {"abc", "abc", 0}, {"대한민구", "대한민국", 1}, {"ca", "abc", 3}} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
