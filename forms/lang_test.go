package forms

import (
	"strings"
	"testing"
	"unicode"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func hasHangul(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
}

// Every page of the form, in each language: its title, every field's
// label (required ones marked), the format of every field that has one as
// its hint, none for free-text fields, and the page's note and the keys'
// help, all in that language and nothing of the other.
func TestEveryPageSpeaksTheRunsLanguage(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.NoMissing(t)
			i18ntest.Use(t, lang)
			var sub apiclient.Submission
			h := newTestForm(t, &sub, Options{Width: 100, Height: 40})
			for i, p := range apiclient.Pages {
				Focus(h.f, p.Keys[0])
				sc := screen(h.f.View())
				if !strings.Contains(sc, p.Title()+"  ") {
					t.Errorf("page %d lacks its title %q:\n%s", i+1, p.Title(), sc)
				}
				for _, k := range p.Keys {
					spec, _ := apiclient.Spec(k)
					if !strings.Contains(sc, fieldTitle(spec)) {
						t.Errorf("page %d lacks the field %q:\n%s", i+1, fieldTitle(spec), sc)
					}
					if spec.Kind == apiclient.KindText || spec.Kind == apiclient.KindEmail || spec.Kind == apiclient.KindIP {
						hint := strings.Contains(sc, "> "+spec.Format)
						if hint == spec.FreeText() {
							t.Errorf("%s: hint shown %v, free text %v (format %q):\n%s", k, hint, spec.FreeText(), spec.Format, sc)
						}
					}
				}
				var help []string
				for _, b := range h.f.KeyBinds() {
					help = append(help, b.Help().Desc)
				}
				if lang == i18n.KO {
					i18ntest.Korean(t, "the page "+p.ID, sc)
					for _, d := range help {
						i18ntest.Korean(t, "the help of "+p.ID, d)
					}
				} else if hasHangul(sc) || hasHangul(strings.Join(help, " ")) {
					t.Errorf("page %d in English shows Korean:\n%s\n%v", i+1, sc, help)
				}
			}
		})
	}
}

// The options of the selects are in the run's language, and the empty
// row says what it means.
func TestSelectOptionsInBothLanguages(t *testing.T) {
	cases := map[i18n.Lang][]string{
		i18n.EN: {"choose one…", "Driver's license", "Government ID card", "PAN card (India)"},
		i18n.KO: {"선택해 주십시오…", "운전면허증", "정부 발급 신분증", "여권", "PAN 카드 (인도)"},
	}
	for lang, want := range cases {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.NoMissing(t)
			i18ntest.Use(t, lang)
			var sub apiclient.Submission
			h := newTestForm(t, &sub, Options{Height: 40})
			Focus(h.f, apiclient.FieldIDType)
			sc := screen(h.f.View())
			for _, w := range want {
				if !strings.Contains(sc, w) {
					t.Errorf("the ID type select lacks %q:\n%s", w, sc)
				}
			}
			typeKeys(t, h, "down", "enter")
			if sub.IDType != "drivers_license" {
				t.Errorf("the first option chose %q", sub.IDType)
			}
			Focus(h.f, apiclient.FieldGender)
			sc = screen(h.f.View())
			for _, o := range apiclient.EnumOptions(apiclient.FieldGender) {
				if !strings.Contains(sc, o.Label) {
					t.Errorf("the gender select lacks %q:\n%s", o.Label, sc)
				}
			}
			notGiven := map[i18n.Lang]string{i18n.EN: "not given", i18n.KO: "입력 안 함"}[lang]
			if !strings.Contains(sc, notGiven) {
				t.Errorf("the optional select lacks %q:\n%s", notGiven, sc)
			}
		})
	}
}

// The date field helps in Korean: what to type, the date spelled out, and
// the rulebook's reason for a date that is not one.
func TestDateFieldInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	tests := []struct {
		typed string
		want  string
	}{
		{"", "날짜를 입력하거나 ↑/↓ 키로 골라 주십시오"},
		{"20021108", "2002년 11월 8일 금요일"},
		{"20240229", "2024년 2월 29일 목요일"},
		{"20230229", "없는 날짜입니다: 2023년 2월에는 28일까지만 있습니다"},
		{"20021308", "없는 날짜입니다: 13월은 없습니다"},
		{"20300101", "✗ 생년월일: 미래의 날짜입니다"},
	}
	for _, tt := range tests {
		var sub apiclient.Submission
		d := newTestDate(t, &sub, apiclient.FieldBirthDate)
		d.WithWidth(100)
		typeText(t, d, tt.typed)
		sc := screen(d.View())
		if !strings.Contains(sc, tt.want) {
			t.Errorf("typed %q: no %q:\n%s", tt.typed, tt.want, sc)
		}
		i18ntest.Korean(t, "the date field", strings.SplitN(sc, "\n", 2)[1])
	}
	sub := apiclient.Submission{BirthDate: "2002-11-08"}
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	if sc := screen(d.View()); !strings.Contains(sc, "2002년 11월 8일 금요일 · 새 날짜를 입력하면 바뀝니다") {
		t.Errorf("a whole date does not say that typing replaces it:\n%s", sc)
	}
	for _, b := range d.KeyBinds() {
		if b.Help().Desc != "" {
			i18ntest.Korean(t, "the date field's help", b.Help().Desc)
		}
	}
}

// The country picker speaks the run's language and its search finds a
// country by its Korean or English names whatever the language; in Korean
// the rows lead with the Korean name.
func TestCountryPickerInBothLanguages(t *testing.T) {
	finds := map[string]string{
		"대한민국": "KOR", "한국": "KOR", "미국": "USA", "영국": "GBR",
		"south korea": "KOR", "united states": "USA", "united kingdom": "GBR", "Korea": "KOR",
	}
	words := map[i18n.Lang]struct{ placeholder, choose, notGiven, noMatch, kor string }{
		i18n.EN: {"type a code or a name", "—  choose one…", "not given", "no match", "KOR  Korea, Republic of (South Korea)"},
		i18n.KO: {"코드나 국가 이름을 입력해 주십시오", "—  선택해 주십시오…", "입력 안 함", "일치하는 국가가 없습니다",
			"KOR  대한민국 · Korea, Republic of (South Korea)"},
	}
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.NoMissing(t)
			i18ntest.Use(t, lang)
			w := words[lang]
			for typed, code := range finds {
				var v string
				c := newTestCountry(t, &v, false)
				typeText(t, c, typed)
				if got, _ := c.Hovered(); got != code {
					t.Errorf("%q: cursor on %q, want %s", typed, got, code)
				}
				if sc := screen(c.View()); !strings.Contains(sc, "> "+CountryLabel(code)) {
					t.Errorf("%q: the cursor row is not %q:\n%s", typed, CountryLabel(code), sc)
				}
				// Korean names are shown only in a Korean run: in English
				// a Korean name still finds its country, in English words.
				if sc := screen(c.View()); lang == i18n.EN && hasHangul(strings.ReplaceAll(sc, typed, "")) {
					t.Errorf("%q: an English picker shows Hangul beyond what was typed:\n%s", typed, sc)
				}
				typeKeys(t, c, "enter")
				if v != code {
					t.Errorf("%q: enter chose %q", typed, v)
				}
			}
			var v string
			c := newTestCountry(t, &v, false)
			sc := screen(c.View())
			if lang == i18n.EN && hasHangul(sc) {
				t.Errorf("an English picker shows Hangul:\n%s", sc)
			}
			for _, s := range []string{w.placeholder, w.choose, w.kor} {
				if !strings.Contains(sc, s) {
					t.Errorf("the picker lacks %q:\n%s", s, sc)
				}
			}
			typeText(t, c, "zzz")
			if sc := screen(c.View()); !strings.Contains(sc, w.noMatch) {
				t.Errorf("no %q:\n%s", w.noMatch, sc)
			}
			kor := "KOR"
			c = newTestCountry(t, &kor, true)
			c.Blur()
			if sc := screen(c.View()); !strings.Contains(sc, w.kor) {
				t.Errorf("the blurred picker does not show %q:\n%s", w.kor, sc)
			}
			none := ""
			c = newTestCountry(t, &none, true)
			c.Blur()
			if sc := screen(c.View()); !strings.Contains(sc, w.notGiven) || strings.Contains(sc, "—") {
				t.Errorf("the blurred optional picker does not show %q alone:\n%s", w.notGiven, sc)
			}
			if lang == i18n.KO {
				for _, b := range c.KeyBinds() {
					if b.Help().Desc != "" {
						i18ntest.Korean(t, "the picker's help", b.Help().Desc)
					}
				}
			}
		})
	}
}

// With the ASCII glyphs (--ascii, or a terminal that draws ambiguous-width
// marks wide), the form's own marks measure one cell everywhere.
func TestFormMarksFollowTheGlyphSet(t *testing.T) {
	prev := glyphs.Current()
	glyphs.Use(glyphs.ASCII)
	t.Cleanup(func() { glyphs.Use(prev) })
	i18ntest.Use(t, i18n.KO)

	var sub apiclient.Submission
	h := newTestForm(t, &sub, Options{Width: 78, Height: 20})
	Focus(h.f, apiclient.FieldIDType)
	typeKeys(t, h, "enter")
	sc := screen(h.f.View())
	if !strings.Contains(sc, "x 신분증 종류: 필수 항목입니다") || !strings.Contains(sc, "선택해 주십시오...") {
		t.Errorf("the refusal or the empty row is not drawn in ASCII:\n%s", sc)
	}
	var v string
	c := newTestCountry(t, &v, false)
	sc = screen(c.View())
	if !strings.Contains(sc, "-  선택해 주십시오...") || !strings.Contains(sc, "KOR  대한민국 - Korea, Republic of") {
		t.Errorf("the picker is not drawn in ASCII:\n%s", sc)
	}
}
