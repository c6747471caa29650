package forms

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"

	"charm.land/huh/v2"
)

func newTestCountry(tb testing.TB, value *string, optional bool) *CountryField {
	tb.Helper()
	key := apiclient.FieldIssuingCountry
	if optional {
		key = apiclient.FieldNationality
	}
	c := newCountryField(key, "Country", value, optional, func(v string) error {
		var s apiclient.Submission
		s.Set(key, v)
		if p := apiclient.CheckField(&s, key, fixedNow()); p != nil {
			return p
		}
		return nil
	}, true)
	c.WithWidth(70)
	c.Focus()
	return c
}

func TestCountryFilter(t *testing.T) {
	tests := []struct {
		name   string
		before []string // keys before typing (scrolling)
		typed  string
		first  string // code of the first match, under the cursor
		also   []string
	}{
		{"by code", nil, "kor", "KOR", []string{"PRK"}},
		{"by code, upper case", nil, "USA", "USA", nil},
		{"by alpha-2", nil, "de", "DEU", nil},
		{"by English name", nil, "germ", "DEU", nil},
		{"by a word of the name", nil, "republic of", "KOR", []string{"CHN", "MDA"}},
		{"by an everyday name", nil, "uk", "GBR", []string{"UKR"}},
		{"by a former name", nil, "holland", "NLD", nil},
		{"without accents", nil, "cote", "CIV", nil},
		{"with accents", nil, "türkiye", "TUR", nil},
		{"by a Korean everyday name", nil, "북한", "PRK", nil},
		{"a typo", nil, "Untied States", "USA", nil},
		{"by common name", nil, "south korea", "KOR", nil},
		{"by Korean name", nil, "대한", "KOR", nil},
		{"by Korean name of Japan", nil, "일본", "JPN", nil},
		{"after scrolling far down (huh#669)", []string{"end"}, "a", "ABW", []string{"AFG", "AGO"}},
		{"after scrolling a page down (huh#669)", []string{"pgdown", "pgdown", "down"}, "an", "AND", []string{"AGO", "AIA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v string
			c := newTestCountry(t, &v, false)
			typeKeys(t, c, tt.before...)
			typeText(t, c, tt.typed)
			got, ok := c.Hovered()
			if !ok || got != tt.first {
				t.Fatalf("cursor on %q, want %q", got, tt.first)
			}
			sc := screen(c.View())
			for _, code := range append([]string{tt.first}, tt.also...) {
				if !strings.Contains(sc, "  "+CountryLabel(code)[:5]) && !strings.Contains(sc, "> "+CountryLabel(code)[:5]) {
					t.Fatalf("match %s not visible:\n%s", code, sc)
				}
			}
			if !strings.Contains(sc, "> "+tt.first) {
				t.Fatalf("cursor row is not %s:\n%s", tt.first, sc)
			}
			if v != "" {
				t.Fatalf("filtering changed the value to %q", v)
			}
			typeKeys(t, c, "enter")
			if v != tt.first {
				t.Fatalf("enter chose %q, want %q", v, tt.first)
			}
		})
	}
}

// A required picker starts on "choose one…": one Enter picks nothing
// unseen. The pinned countries come right after it.
func TestCountryPinnedAndOptional(t *testing.T) {
	var v string
	c := newTestCountry(t, &v, false)
	sc := screen(c.View())
	lines := strings.Split(sc, "\n")
	if !strings.Contains(lines[2], "> —  choose one…") || !strings.Contains(lines[3], "KOR  Korea, Republic of") ||
		!strings.Contains(lines[4], "USA  United States") {
		t.Fatalf("a required picker does not start on \"choose one…\" with KOR and USA pinned next:\n%s", sc)
	}
	if got, ok := c.Hovered(); !ok || got != "" {
		t.Fatalf("the cursor starts on %q, want the empty row", got)
	}
	if strings.Count(sc, "KOR  ") != 1 {
		t.Fatalf("KOR listed twice:\n%s", sc)
	}
	typeKeys(t, c, "enter")
	if v != "" || c.Error() == nil {
		t.Fatalf("enter on \"choose one…\" chose %q (err %v)", v, c.Error())
	}
	typeKeys(t, c, "down", "down", "enter")
	if v != "USA" {
		t.Fatalf("third row chose %q", v)
	}

	n := "KOR"
	opt := newTestCountry(t, &n, true)
	if got, _ := opt.Hovered(); got != "KOR" {
		t.Fatalf("focus did not land on the current value: %q", got)
	}
	if sc := screen(opt.View()); !strings.Contains(sc, "not given") {
		t.Fatalf("an optional picker has no \"not given\" row:\n%s", sc)
	}
	typeKeys(t, opt, "home", "enter")
	if n != "" {
		t.Fatalf(`"not given" chose %q`, n)
	}
	if len(opt.choices) != 250 || len(c.choices) != 250 || len(countryRows().choices) != 249 {
		t.Fatalf("choices: %d optional, %d required, %d countries; want 250, 250, 249", len(opt.choices), len(c.choices), len(countryRows().choices))
	}
}

func TestCountryNoMatch(t *testing.T) {
	v := "USA"
	c := newTestCountry(t, &v, false)
	typeText(t, c, "zzz")
	typeKeys(t, c, "enter")
	if c.Error() == nil || v != "USA" {
		t.Fatalf("enter with no match: err %v, value %q", c.Error(), v)
	}
	if sc := screen(c.View()); !strings.Contains(sc, "no match") {
		t.Fatalf("no 'no match' line:\n%s", sc)
	}
	typeKeys(t, c, "esc")
	if got, _ := c.Hovered(); got != "USA" {
		t.Fatalf("esc did not clear the filter back to the value: %q", got)
	}
	typeText(t, c, "fra")
	typeKeys(t, c, "backspace", "backspace", "backspace")
	if len(c.matches) != 250 {
		t.Fatalf("backspacing the whole filter left %d matches", len(c.matches))
	}
}

// TestHuhSelectFilterBug pins down the huh v2.0.3 behaviour the country
// picker works around (#669): after scrolling, a filter change keeps the
// cursor index from before (clamped to the matches) and the viewport's
// offset, so the cursor is not on the best match and, with longer lists of
// matches, matches above it are scrolled away. Here "korea" after scrolling
// leaves the cursor on North Korea: enter would pick PRK. If this starts
// skipping, huh has fixed it and CountryField could go back to huh.Select.
func TestHuhSelectFilterBug(t *testing.T) {
	var v string
	opts := make([]huh.Option[string], 0, 249)
	for _, ch := range countryRows().choices {
		opts = append(opts, huh.NewOption(ch.label, ch.value))
	}
	s := huh.NewSelect[string]().Value(&v).Height(8)
	s.WithTheme(Theme(true))
	s.WithWidth(70)
	s.WithKeyMap(huh.NewDefaultKeyMap())
	s.Options(opts...)
	s.Focus()
	for range 40 {
		drive(t, s, press("down"))
	}
	typeKeys(t, s, "/")
	typeText(t, s, "korea")
	if got, _ := s.Hovered(); got == "KOR" {
		t.Fatalf("huh puts the cursor on the first match after scrolling now: #669 looks fixed; " +
			"consider dropping CountryField's workaround and this test")
	}
	typeKeys(t, s, "enter")
	if v != "PRK" {
		t.Fatalf("huh.Select picked %q; expected the #669 behaviour (PRK) or a fix (KOR)", v)
	}
}
