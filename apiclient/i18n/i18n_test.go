package i18n

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// Messages in each language, numbers grouped as the language groups them,
// and plural forms chosen by the count.
func TestMessagesAndNumbers(t *testing.T) {
	cases := []struct {
		l    Lang
		id   string
		args []any
		want string
	}{
		{EN, "failure.key_refused.title", nil, "The API key was refused"},
		{KO, "failure.key_refused.title", nil, "API 키가 거부되었습니다"},
		{EN, "failure.wait.seconds", []any{1}, "1 second"},
		{EN, "failure.wait.seconds", []any{2}, "2 seconds"},
		{EN, "failure.wait.seconds", []any{9988}, "9,988 seconds"},
		{EN, "failure.wait.hours", []any{1234567}, "1,234,567 hours"},
		{KO, "failure.wait.seconds", []any{1}, "1초"},
		{KO, "failure.wait.seconds", []any{9988}, "9,988초"},
		{EN, "failure.invalid_parameter.explain_named", []any{"nick", 23}, `The server does not know the field "nick": it is not one of the 23 the API takes.`},
		{KO, "failure.invalid_parameter.explain_named", []any{"nick", 23}, `서버가 "nick" 항목을 알지 못합니다. API가 받는 23개 항목에 없는 이름입니다.`},
		{KO, "failure.invalid_format.explain_field", []any{"생년월일", "birthDate", "YYYY-MM-DD 형식의 날짜"},
			"서버가 생년월일(birthDate)의 형식을 거부했습니다. 올바른 형식: YYYY-MM-DD 형식의 날짜."},
	}
	for _, c := range cases {
		if got := In(c.l, c.id, c.args...); got != c.want {
			t.Errorf("In(%s, %s, %v) = %q, want %q", c.l, c.id, c.args, got, c.want)
		}
	}
}

// T follows SetLanguage; English ignores it.
func TestTAndEnglishFollowTheLanguage(t *testing.T) {
	prev := SetLanguage(KO)
	defer SetLanguage(prev)
	if got := T("fields.admin.label"); got != "관리자 계정" {
		t.Errorf("T in Korean = %q", got)
	}
	if got := English("fields.admin.label"); got != "Admin account" {
		t.Errorf("English in a Korean run = %q", got)
	}
	if Language() != KO {
		t.Errorf("Language() = %s", Language())
	}
	SetLanguage("fr")
	if Language() != EN {
		t.Errorf("SetLanguage(fr) left %s, want English", Language())
	}
}

// A message Korean lacks is said in English; one no language has is the
// id with its arguments, recorded, never an empty string.
func TestMissingMessages(t *testing.T) {
	saved := books
	defer func() { books = saved }()
	books = newBook(mapFS(map[string]string{
		"catalog/demo.en.toml": "[x]\nonly_en = \"Only %s\"\nboth = \"Both\"\n",
		"catalog/demo.ko.toml": "[x]\nboth = \"둘 다\"\n",
	}))
	if got := In(KO, "demo.x.both"); got != "둘 다" {
		t.Errorf("both = %q", got)
	}
	if got := In(KO, "demo.x.only_en", "English"); got != "Only English" {
		t.Errorf("a message Korean lacks = %q, want the English one", got)
	}
	before := len(Missing())
	if got := In(KO, "demo.x.nowhere", 3, "b"); got != "demo.x.nowhere (3, b)" {
		t.Errorf("a message no language has = %q", got)
	}
	if got := Missing(); len(got) != before+1 || got[len(got)-1] != "demo.x.nowhere" {
		t.Errorf("Missing() = %v, want demo.x.nowhere last", got)
	}
	if hasMessage("demo.x.nowhere") || !hasMessage("demo.x.only_en") || hasMessage("nodot") {
		t.Error("Has is wrong")
	}
}

// An area's file is read on the first lookup of one of its ids, in the
// language asked for only.
func TestAreasAreReadOnFirstUse(t *testing.T) {
	k := newBook(files)
	if len(k.read) != 0 {
		t.Fatalf("a new book has read %v", k.read)
	}
	k.has(KO, "failure.key_refused.title")
	if len(k.read) != 1 || !k.read["failure.ko"] {
		t.Errorf("after one Korean failure message, read %v; want failure.ko only", k.read)
	}
	k.has(KO, "failure.no_answer.title")
	k.has(EN, "fields.admin.label")
	if len(k.read) != 2 || !k.read["fields.en"] {
		t.Errorf("read %v; want failure.ko and fields.en", k.read)
	}
}

// Lookups from many goroutines at once, as the batch import's workers make
// them, while areas are still being read (run with -race).
func TestConcurrentLookups(t *testing.T) {
	saved := books
	defer func() { books = saved }()
	books = newBook(files)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := Langs[i%2]
			for range 50 {
				if s := In(l, "failure.wait.minutes", i); strings.HasPrefix(s, "failure.") {
					t.Errorf("got the id: %q", s)
				}
				_ = In(l, "fields.email.label")
			}
		}()
	}
	wg.Wait()
}

func TestParseLang(t *testing.T) {
	cases := map[string]Lang{
		"ko": KO, "KO": KO, "ko-KR": KO, "ko_KR.UTF-8": KO, "ko_KR.eucKR": KO, "korean": KO, "한국어": KO, " ko ": KO, "kr": KO,
		"en": EN, "en_US.UTF-8": EN, "en-GB": EN, "English": EN,
		"fr": "", "C": "", "POSIX": "", "": "", "kor": "", "k": "",
	}
	for in, want := range cases {
		got, ok := ParseLang(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// Loading an area costs a TOML parse and a catalog build per message;
// the benchmark is the first lookup of a 1,000-message area.
func BenchmarkFirstLookupOf1000Messages(b *testing.B) {
	var sb strings.Builder
	for i := range 100 {
		fmt.Fprintf(&sb, "[group_%d]\n", i)
		for j := range 10 {
			fmt.Fprintf(&sb, "m%d = \"서버가 요청 본문을 읽지 못했습니다. 보안 데이터 전송 설정을 확인해 주십시오: %%s (%d)\"\n", j, j)
		}
	}
	fsys := mapFS(map[string]string{"catalog/big.ko.toml": sb.String()})
	b.ResetTimer()
	for range b.N {
		k := newBook(fsys)
		if !k.has(KO, "big.group_7.m3") {
			b.Fatal("not found")
		}
	}
}

// The first message of the failure area in a run: its file read in one
// language.
func BenchmarkFirstLookupOfTheFailureArea(b *testing.B) {
	for _, l := range Langs {
		b.Run(string(l), func(b *testing.B) {
			for range b.N {
				k := newBook(files)
				if !k.has(l, "failure.key_refused.title") {
					b.Fatal("not found")
				}
			}
		})
	}
}

// A message once its area is read: what every later lookup costs.
func BenchmarkIn(b *testing.B) {
	for _, l := range Langs {
		b.Run(string(l), func(b *testing.B) {
			In(l, "failure.invalid_format.explain_field", "a", "b", "c")
			b.ResetTimer()
			for range b.N {
				In(l, "failure.invalid_format.explain_field", "Birth date", "birthDate", "date as YYYY-MM-DD")
			}
		})
	}
}
