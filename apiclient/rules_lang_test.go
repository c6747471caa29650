package apiclient

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func hasHangulText(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
}

// ids collects the message ids of t and of the texts among its arguments.
func (t text) ids(into map[string]bool) {
	if t.id != "" {
		into[t.id] = true
	}
	for _, a := range t.args {
		if n, ok := a.(text); ok {
			n.ids(into)
		}
	}
}

// ruleCases is a record with each kind of problem the rulebook knows: the
// field, its value, and words each language's message must hold (the
// place, for a problem at a place in the value).
var ruleCases = []struct {
	key, value string
	en, ko     string
}{
	{FieldFullName, "", "Full name is required", "성명: 필수 항목입니다"},
	{FieldCF1, "   ", "Custom field 1 holds only spaces", "추가 항목 1: 공백만 들어 있습니다"},
	{FieldFullName, " 홍길동", `has spaces at the start or end (did you mean "홍길동"?)`, `성명: 앞이나 뒤에 공백이 있습니다 (혹시 "홍길동"입니까?)`},
	{FieldFullName, "홍\x1b[31m길동", "contains a control character (U+001B)", "제어 문자(U+001B)가 들어 있습니다"},
	{FieldAddressFull, "서울\u202e시", "text-direction control (U+202E)", "텍스트 방향 제어 문자(U+202E)가 들어 있습니다"},
	{FieldFullName, "홍길\xff동", "byte 0xFF at character 3", "올바른 UTF-8 텍스트가 아닙니다 (3번째 글자, 바이트 0xFF)"},
	{FieldFullName, "홍길\ufffd", "U+FFFD, the replacement character, at character 3", "3번째 글자에 대체 문자 U+FFFD가 있습니다"},
	{FieldFullName, "\u200d홍", "zero-width joiner (U+200D) at character 1 that joins no two letters",
		"1번째 글자에 두 글자를 잇지 않는 폭 없는 접합자 문자(U+200D)가 있습니다"},
	{FieldEmail, "kim\u200b@example.com", "invisible zero-width space (U+200B) at character 4",
		"4번째 글자에 보이지 않는 폭 없는 공백 문자(U+200B)가 있습니다"},
	{FieldEmail, "kim\u200c@example.com", "zero-width non-joiner (U+200C)", "폭 없는 비접합자 문자(U+200C)"},
	{FieldDocumentNumber, "M12\u2060345", "word joiner (U+2060) at character 4", "4번째 글자에 보이지 않는 단어 결합자 문자(U+2060)"},
	{FieldUserID, "\ufeffuser-1", "byte-order mark (U+FEFF) at character 1", "바이트 순서 표시 문자(U+FEFF)"},
	{FieldAddressCity, "Seo\u00adul", "soft hyphen (U+00AD) at character 4", "소프트 하이픈 문자(U+00AD)"},
	{FieldCF2, "a\u2062b", "invisible format character (U+2062) at character 2", "2번째 글자에 보이지 않는 서식 문자(U+2062)"},
	{FieldEmail, "Kim <kim@example.com>", `must be a bare email address, without a name or brackets (did you mean "kim@example.com"?)`,
		`이메일: 이름이나 괄호 없이 이메일 주소만 입력해 주십시오 (혹시 "kim@example.com"입니까?)`},
	{FieldEmail, "kim", "Email is not an email address", "이메일: 이메일 주소가 아닙니다"},
	{FieldAdmin, "ops@example", "Admin account has no valid domain after the @", "관리자 계정: @ 뒤에 올바른 도메인이 없습니다"},
	{FieldBirthDate, "2002/11/08", `Birth date must be a date as YYYY-MM-DD (did you mean "2002-11-08"?)`,
		`생년월일: YYYY-MM-DD 형식의 날짜여야 합니다 (혹시 "2002-11-08"입니까?)`},
	{FieldBirthDate, "2002-1a-08", "must be a date as YYYY-MM-DD, digits only", "숫자로 쓴 YYYY-MM-DD 형식의 날짜여야 합니다"},
	{FieldBirthDate, "2002-13-08", "there is no month 13", "없는 날짜입니다: 13월은 없습니다"},
	{FieldIssueDate, "2023-02-29", "February 2023 has 28 days", "발급일: 없는 날짜입니다: 2023년 2월에는 28일까지만 있습니다"},
	{FieldBirthDate, "2030-01-01", "Birth date is in the future", "생년월일: 미래의 날짜입니다"},
	{FieldBirthDate, "1899-12-31", "is before 1900: check the year", "1900년 이전입니다. 연도를 확인해 주십시오"},
	{FieldIssueDate, "1980-01-01", "Issue date is before the birth date", "발급일: 생년월일보다 이전입니다"},
	{FieldExpireDate, "2011-08-07", "must be after the issue date (2011-08-07)", "만료일: 발급일(2011-08-07)보다 이후여야 합니다"},
	{FieldGender, "m", `Gender must be one of: female, male (did you mean "male"?)`,
		`성별: 다음 값 중 하나여야 합니다: female, male (혹시 "male"입니까?)`},
	{FieldIssuingCountry, "대한민국", `is not an ISO 3166-1 alpha-3 country code (three capital letters, e.g. KOR, USA) (did you mean "KOR"?)`,
		`발급 국가: ISO 3166-1 alpha-3 국가 코드가 아닙니다 (대문자 세 글자, 예: KOR, USA) (혹시 "KOR"입니까?)`},
	{FieldIPAddress, "999.1.1.1", "IP address is not an IPv4 or IPv6 address", "IP 주소: IPv4 또는 IPv6 주소가 아닙니다"},
	{"fullname", "홍길동", `fullname is not a field of the migration API (did you mean "fullName"?)`,
		`fullname: 마이그레이션 API의 항목이 아닙니다 (혹시 "fullName"입니까?)`},
}

// A record with each kind of problem: in Korean the message is Korean,
// names the field by its Korean label and says where in the value; in
// English it reads as before; the same problem carries both languages
// (MessageIn) and writes English JSON in a Korean run. Every message of
// the rulebook is one of the cases, so a new rule cannot skip this test.
func TestRuleProblemsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	today := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	produced := map[string]bool{}
	for _, c := range ruleCases {
		rec := Submission{BirthDate: "1990-05-05", IssueDate: "2011-08-07"}
		rec.Set(c.key, c.value)

		i18ntest.Use(t, i18n.EN)
		en := CheckField(&rec, c.key, today)
		i18ntest.Use(t, i18n.KO)
		ko := CheckField(&rec, c.key, today)
		if en == nil || ko == nil {
			t.Errorf("%s=%q: no problem found", c.key, c.value)
			continue
		}
		ko.msg.ids(produced)

		name := c.key + "=" + c.value
		if s := ko.Sentence(); !strings.Contains(s, c.ko) || !strings.HasPrefix(s, LabelIn(i18n.KO, c.key)+": ") {
			t.Errorf("%s: Korean sentence %q, want it to start with the Korean label and hold %q", name, s, c.ko)
		} else {
			i18ntest.Korean(t, name, s)
		}
		i18ntest.Korean(t, name+" (Error)", ko.Error())
		i18ntest.Korean(t, name+" (Hint)", ko.Hint())
		if !strings.HasPrefix(ko.Error(), c.key+": ") {
			t.Errorf("%s: Error %q does not start with the key", name, ko.Error())
		}

		i18ntest.Use(t, i18n.EN)
		if s := en.Sentence(); !strings.Contains(s, c.en) || hasHangulText(strings.ReplaceAll(s, strings.TrimSpace(c.value), "")) {
			t.Errorf("%s: English sentence %q, want %q and no Korean", name, s, c.en)
		}
		if ko.MessageIn(i18n.EN) != en.Message || en.MessageIn(i18n.KO) != ko.Message || ko.Suggestion != en.Suggestion {
			t.Errorf("%s: the two runs disagree: %q / %q, %q / %q", name, ko.MessageIn(i18n.EN), en.Message, en.MessageIn(i18n.KO), ko.Message)
		}

		i18ntest.Use(t, i18n.KO)
		data, err := json.Marshal(&ValidationError{Problems: []*FieldError{ko}})
		if err != nil {
			t.Fatal(err)
		}
		var back struct{ Problems []FieldError }
		if err := json.Unmarshal(data, &back); err != nil || back.Problems[0].Message != en.Message ||
			back.Problems[0].Field != c.key || back.Problems[0].Suggestion != ko.Suggestion {
			t.Errorf("%s: JSON in a Korean run %s, want the English message %q", name, data, en.Message)
		}
	}
	entries, err := i18n.ReadCatalog("rules", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for _, part := range []string{"rules.value.", "rules.email.", "rules.date.", "rules.text.", "rules.char."} {
			if strings.HasPrefix(e.ID, part) && !produced[e.ID] {
				t.Errorf("no case of ruleCases produces %s", e.ID)
			}
		}
	}
}

// Korean and English labels and a unique prefix of either are understood
// as the value they name, whatever the run's language.
func TestSuggestionsTakeEitherLanguage(t *testing.T) {
	i18ntest.NoMissing(t)
	cases := []struct{ key, typed, want string }{
		{FieldIDType, "운전면허증", "drivers_license"},
		{FieldIDType, "Driver's License", "drivers_license"},
		{FieldIDType, "여권", "passport"},
		{FieldIDType, "PAN 카드 (인도)", "pancard"},
		{FieldKYCStatus, "승인", "approved"},
		{FieldKYCStatus, "거부", "rejected"},
		{FieldKYCStatus, "Approved", "approved"},
		{FieldGender, "남", "male"},
		{FieldGender, "여성", "female"},
		{FieldGender, "M", "male"},
		{FieldIDType, "P", ""}, // passport or pancard
		{FieldNationality, "대한민국", "KOR"},
		{FieldNationality, "한국", "KOR"},
		{FieldNationality, "미국", "USA"},
		{FieldNationality, "영국", "GBR"},
		{FieldNationality, "United Kingdom", "GBR"},
	}
	for _, lang := range i18n.Langs {
		i18ntest.Use(t, lang)
		for _, c := range cases {
			rec := Submission{}
			rec.Set(c.key, c.typed)
			p := CheckField(&rec, c.key, time.Now())
			if p == nil || p.Suggestion != c.want {
				t.Errorf("%s: %s=%q suggests %+v, want %q", lang, c.key, c.typed, p, c.want)
				continue
			}
			if c.want != "" && lang == i18n.KO && !strings.Contains(p.Detail(), `(혹시 "`+c.want+`"입니까?)`) {
				t.Errorf("%s=%q: the Korean detail %q does not offer %q", c.key, c.typed, p.Detail(), c.want)
			}
		}
	}
}

// The options' labels and the countries' names in both languages, beside
// the wire value.
func TestValueWordsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	cases := []struct{ key, value, en, ko string }{
		{FieldIDType, "drivers_license", "Driver's license (drivers_license)", "운전면허증 (drivers_license)"},
		{FieldIDType, "pancard", "PAN card (India) (pancard)", "PAN 카드 (인도) (pancard)"},
		{FieldKYCStatus, "approved", "Approved", "승인 (approved)"},
		{FieldGender, "male", "Male", "남성 (male)"},
		{FieldNationality, "KOR", "KOR (South Korea)", "KOR (대한민국)"},
		{FieldIssuingCountry, "USA", "USA (United States)", "USA (미국)"},
		{FieldIssuingCountry, "GBR", "GBR (United Kingdom)", "GBR (영국)"},
		{FieldFullName, "홍길동", "홍길동", "홍길동"},
	}
	for _, c := range cases {
		i18ntest.Use(t, i18n.EN)
		en := ValueWords(c.key, c.value)
		i18ntest.Use(t, i18n.KO)
		ko := ValueWords(c.key, c.value)
		if en != c.en || ko != c.ko {
			t.Errorf("ValueWords(%s, %s) = %q, %q; want %q, %q", c.key, c.value, en, ko, c.en, c.ko)
		}
	}
	for _, key := range []string{FieldIDType, FieldKYCStatus, FieldGender} {
		for i, o := range enumTable(key) {
			en, ko := enumOptionsIn(i18n.EN, key)[i], enumOptionsIn(i18n.KO, key)[i]
			if en.Value != o.Value || ko.Value != o.Value || en.Label == "" || hasHangulText(en.Label) {
				t.Errorf("%s: English option %+v", key, en)
			}
			i18ntest.Korean(t, key+" "+o.Value, ko.Label)
		}
	}
}

// The one country search finds 대한민국, 한국, 미국, 영국 and the English
// names, whatever the run's language.
func TestCountrySearchInBothLanguages(t *testing.T) {
	finds := map[string]string{
		"대한민국": "KOR", "한국": "KOR", "미국": "USA", "영국": "GBR", "남한": "KOR",
		"South Korea": "KOR", "Korea, Republic of": "KOR", "United States": "USA", "United Kingdom": "GBR", "UK": "GBR",
	}
	for _, lang := range i18n.Langs {
		i18ntest.Use(t, lang)
		for _, q := range slices.Sorted(maps.Keys(finds)) {
			got := SearchCountries(q)
			if len(got) == 0 || got[0].Alpha3 != finds[q] || got[0].Rank != RankExact {
				t.Errorf("%s: SearchCountries(%q) = %v, want %s first", lang, q, got, finds[q])
			}
			if g := GuessCountry(q); g != finds[q] {
				t.Errorf("%s: GuessCountry(%q) = %q", lang, q, g)
			}
		}
		if got := SearchCountries("한"); len(got) == 0 || got[0].Alpha3 != "KOR" {
			t.Errorf("%s: the first Hangul syllable does not find Korea first: %v", lang, got)
		}
	}
}

// A record file with each kind of problem says, in Korean, what is wrong,
// which key (with its Korean label) and where: line and column; in
// English the same.
func TestRecordFileProblemsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	cases := []struct {
		name, file string
		is         error
		ko, en     string
	}{
		{"duplicate key", "{\"email\":\"a@b.co\",\n  \"email\":\"c@d.co\"}", ErrInvalidPayload,
			`"email"(이메일) 키가 두 번 나옵니다 (1행 2열, 2행 3열)`, `the key "email" (Email) appears twice, at line 1, column 2 and at line 2, column 3`},
		{"unknown duplicate key", `{"nick":"a","nick":"b"}`, ErrInvalidPayload,
			`"nick" 키가 두 번 나옵니다 (1행 2열, 1행 13열)`, `the key "nick" appears twice`},
		{"value not UTF-8", "{\"email\":\"a@b.co\",\n\"fullName\":\"Jos\xe9\"}", ErrInvalidPayload,
			`"fullName"(성명) 항목의 값이 올바른 UTF-8 텍스트가 아닙니다 (2행 16열, 바이트 0xE9)`,
			`the value of "fullName" (Full name) is not valid UTF-8 text (byte 0xE9 at line 2, column 16)`},
		{"key not UTF-8", "{\"full\xffName\":\"x\"}", ErrInvalidPayload,
			"키가 올바른 UTF-8 텍스트가 아닙니다 (1행 7열, 바이트 0xFF)", "a key is not valid UTF-8 text (byte 0xFF at line 1, column 7)"},
		{"not JSON", "{\n  \"email\": x}", ErrInvalidPayload,
			`올바른 JSON이 아닙니다 (2행 12열): "x" 문자가 올 자리가 아닙니다`, `not valid JSON at line 2, column 12: unexpected "x"`},
		{"not JSON after Hangul", "{\"fullName\": \"홍길동\" 。}", ErrInvalidPayload,
			`(1행 20열): "。" 문자가 올 자리가 아닙니다`, `at line 1, column 20: unexpected "。"`},
		{"cut short", "{\n  \"email\": \"a@b.co\",\n", ErrInvalidPayload,
			"레코드가 끝나기 전에 파일이 끝납니다 (3행 1열)", "the file ends before the record does (line 3, column 1)"},
		{"empty", "", ErrInvalidPayload, "레코드가 비어 있습니다", "the record is empty"},
		{"two records", `{"email":"a@b.co"} {"email":"c@d.co"}`, ErrInvalidPayload, "JSON 값이 둘 이상입니다", "more than one JSON value"},
		{"an array", `[{"email":"a@b.co"}]`, ErrInvalidPayload, "JSON 객체 하나여야 합니다", "expected a JSON object"},
		{"null", `null`, ErrInvalidPayload, "JSON 객체 하나여야 합니다", "expected a JSON object"},
		{"too large", `{"cf1":"` + strings.Repeat("x", maxRecordBytes) + `"}`, ErrInvalidPayload,
			"레코드가 1,048,576바이트보다 큽니다", "record is larger than 1,048,576 bytes"},
		{"a number", `{"fullName":3}`, ErrInvalidRecord, "fullName: 따옴표로 감싼 JSON 문자열이어야 합니다", "fullName: must be a JSON string (in quotes)"},
		{"a key with another case", `{"birthdate":"2002-11-08"}`, ErrInvalidRecord,
			`birthdate: 마이그레이션 API의 항목이 아닙니다 (혹시 "birthDate"입니까?)`,
			`birthdate: is not a field of the migration API (did you mean "birthDate"?)`},
	}
	for _, lang := range i18n.Langs {
		i18ntest.Use(t, lang)
		for _, c := range cases {
			want := map[i18n.Lang]string{i18n.EN: c.en, i18n.KO: c.ko}[lang]
			_, err := DecodeSubmission(strings.NewReader(c.file))
			if !errors.Is(err, c.is) {
				t.Errorf("%s: %s: %v, want %v", lang, c.name, err, c.is)
				continue
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %s: %q does not say %q", lang, c.name, err.Error(), want)
			}
			if lang == i18n.KO {
				i18ntest.Korean(t, c.name, err.Error())
			}
		}
	}
}

// CheckKeyText says in Korean why text is no API key, and where, never
// quoting it.
func TestKeyTextProblemsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	cases := map[string]string{
		"":                          "API 키가 비어 있습니다",
		strings.Repeat("k", 1025):   "API 키가 1,024자보다 깁니다",
		"secret-key\n":              "API 키의 11번째 글자에 줄바꿈이 있습니다",
		"secret key":                "API 키의 7번째 글자에 공백, 제어 문자 또는 보이지 않는 문자가 있습니다",
		"secret\u200bkey":           "API 키의 7번째 글자에",
		"키\u00a0secretsecretsecret": "API 키의 2번째 글자에",
	}
	for key, want := range cases {
		err := CheckKeyText(key)
		if !errors.Is(err, ErrInvalidKey) || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckKeyText(%q) = %v, want %q", key, err, want)
			continue
		}
		i18ntest.Korean(t, "the key's problem", err.Error())
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("the key is quoted: %q", err.Error())
		}
	}
}

// Dates spelled out and page titles in both languages.
func TestDatesAndPagesInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	d := time.Date(2002, 11, 8, 0, 0, 0, 0, time.UTC)
	i18ntest.Use(t, i18n.EN)
	if got := SpellDate(d); got != "Friday, 8 November 2002" {
		t.Errorf("SpellDate = %q", got)
	}
	var en []string
	for _, p := range AllPages() {
		en = append(en, p.Title())
	}
	i18ntest.Use(t, i18n.KO)
	if got := SpellDate(d); got != "2002년 11월 8일 금요일" {
		t.Errorf("SpellDate in Korean = %q", got)
	}
	for m := time.January; m <= time.December; m++ {
		if got := SpellDate(time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC)); !strings.HasPrefix(got, "2024년 "+strconv.Itoa(int(m))+"월 1일 ") {
			t.Errorf("SpellDate(%v) = %q", m, got)
		}
	}
	for i, p := range append(slices.Clone(AllPages()), Page{ID: "more"}) {
		i18ntest.Korean(t, "page "+p.ID, p.Title())
		if i < len(en) && (hasHangulText(en[i]) || en[i] == p.Title()) {
			t.Errorf("page %s: English %q, Korean %q", p.ID, en[i], p.Title())
		}
	}
}
