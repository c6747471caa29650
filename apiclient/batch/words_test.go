package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word the engine shows a person comes from the "batch" catalog.
func TestWordsComeFromTheCatalog(t *testing.T) {
	allow := map[string]string{
		"JSON Lines": "the format's name in --json, the same in every language",
		"JSON array": "the format's name in --json, the same in every language",
	}
	for name := range aliases {
		if strings.IndexFunc(name, func(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }) >= 0 {
			allow[name] = "a Korean column name an export may have: compared, never shown"
		}
	}
	i18ntest.CheckNoProse(t, "*.go", allow)
}

// inBoth runs say in English, then in Korean, and returns both.
func inBoth(t *testing.T, say func() string) (en, ko string) {
	t.Helper()
	prev := i18n.SetLanguage(i18n.EN)
	en = say()
	i18n.SetLanguage(i18n.KO)
	ko = say()
	i18n.SetLanguage(prev)
	return en, ko
}

// Malformed input names its line in Korean, and says the same in English
// for --json whatever the run's language.
func TestInputErrorsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	cases := []struct {
		name, in string
		enc      string
		line     int
		en       string
	}{
		{"too few values", "email,fullName\na@example.com,A\nb@example.com\n", "", 3, "line 3: this row has 1 value but the header has 2 columns"},
		{"too many values", "email\na@example.com,A\n", "", 2, "line 2: this row has 2 values but the header has 1 column:"},
		{"a quote that never closes", "email,fullName\n\"a@example.com,A\n", "", 2, "line 2: the quoted value that starts on this line never closes"},
		{"a header only", "email,fullName\n", "", 1, "line 1: this is the header row"},
		{"not UTF-8", "email,fullName\na@example.com,\xff\xfe\n", EncodingUTF8, 2, "line 2: holds bytes that are not UTF-8 text"},
		{"JSON Lines cut", "{\"email\": \"a@example.com\",\n\"fullName\": \"A\"}\n", "", 1, "line 1: this line is not a whole record"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			read := func() string {
				_, _, e := readAll(t, []byte(c.in), ReadOptions{Encoding: c.enc})
				err = e
				if e == nil {
					return ""
				}
				return e.Error()
			}
			en, ko := inBoth(t, read)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line != c.line {
				t.Fatalf("error %v, want an InputError at line %d", err, c.line)
			}
			if !strings.HasPrefix(en, c.en) {
				t.Errorf("English %q, want it to start %q", en, c.en)
			}
			i18ntest.Korean(t, "the Korean error", ko)
			if want := itoa(c.line) + "번째 줄: "; !strings.HasPrefix(ko, want) {
				t.Errorf("Korean %q does not name line %d first", ko, c.line)
			}
			i18ntest.Use(t, i18n.KO)
			if ie.English() != en {
				t.Errorf("English() in a Korean run = %q, want %q", ie.English(), en)
			}
		})
	}
}

// A mapping that cannot work says so in Korean, with its "did you mean",
// and in English for --json.
func TestMappingErrorsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	var err error
	bind := func() string {
		mp := newMapper(t, Mapping{})
		err = mp.Bind([]string{"email", "Emial", "Risk Score", "Birthday", "DOB"})
		return err.Error()
	}
	en, ko := inBoth(t, bind)
	if !strings.Contains(en, `2 columns are not mapped to a field: "Emial" (did you mean email?), "Risk Score"`) {
		t.Errorf("English %q", en)
	}
	for _, s := range []string{`열 2개가 항목에 매핑되지 않았습니다: "Emial"(혹시 email 항목인가요?), "Risk Score"`, `"Birthday", "DOB" 열이 모두 birthDate 항목을`} {
		if !strings.Contains(ko, s) {
			t.Errorf("Korean %q lacks %q", ko, s)
		}
	}
	i18ntest.Korean(t, "the mapping error", ko)
	i18ntest.Use(t, i18n.KO)
	var me *MappingError
	if !errors.As(err, &me) || me.English() != en {
		t.Errorf("English() in a Korean run = %q, want %q", me.English(), en)
	}
	// Before reading: a field that does not exist, a layout that does not read.
	_, err = NewMapper(Mapping{Columns: map[string]string{"X": "birthdat"}, Dates: map[string]string{"Y": "DD.MM.YY"}}, MapperOptions{Today: today})
	ko = err.Error()
	for _, s := range []string{`"X" 열: "birthdat": 마이그레이션 API에 없는 항목입니다(혹시 birthDate 항목인가요?)`, `dates, "Y" 열: 연도는 네 자리(YYYY)로`} {
		if !strings.Contains(ko, s) {
			t.Errorf("Korean %q lacks %q", ko, s)
		}
	}
	if en := i18n.EnglishOf(err); !strings.Contains(en, `column "X": "birthdat" is not a field of the migration API (did you mean birthDate?)`) || !strings.Contains(en, "the year needs four digits") {
		t.Errorf("English of the mapping error: %q", en)
	}
}

// The rejects file speaks Korean in its error cells and keeps its column
// names; a Korean rejects file read again in an English run (and an
// English one in a Korean run) still knows its repeats.
func TestRejectsFileInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	in, err := os.ReadFile("testdata/vendor-export.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, path, err := preflight(t, in, vendorMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	recs := readRejects(t, path, ';')
	if strings.Join(recs[0][18:], ",") != "row,field,error,suggestion" {
		t.Fatalf("header %q", recs[0])
	}
	cells := map[string]string{}
	for _, r := range recs[1:] {
		cells[r[18]] = r[20]
	}
	if got, want := cells["6"], "email: email 값 중복: 1행의 값과 같습니다. 첫 행만 가져옵니다."; !strings.HasPrefix(got, want) {
		t.Errorf("row 6's error %q, want it to start %q", got, want)
	}
	i18ntest.Korean(t, "row 6's error", cells["6"])
	if got := cells["3"]; !strings.HasPrefix(got, "birthDate: ") || !strings.HasSuffix(got, `("Date of Birth" 열)`) {
		t.Errorf("row 3's error %q: want the field first and the column named in Korean", got)
	}

	for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, l)
		rejects, _ := os.ReadFile(path)
		var repeats int
		rd, err := Open(bytes.NewReader(rejects), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p := &Preflight{Reader: rd, Mapper: newMapper(t, vendorMapping(t)), Checker: NewChecker(today),
			OnRecord: func(r *Record) error {
				if r.RepeatEarlier {
					repeats++
				}
				return nil
			}}
		if _, err := p.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		if repeats != 1 {
			t.Errorf("the Korean rejects file read in %s: %d repeats kept, want 1", l, repeats)
		}
		path = filepath.Join(t.TempDir(), "again.rejects.csv")
		os.WriteFile(path, rejects, 0o600)
	}
}

// Each repeat's message starts with the marker's words, in each language:
// the marker is how a rejects file read again knows them.
func TestRepeatMessagesStartWithTheMarker(t *testing.T) {
	for _, l := range i18n.Langs {
		for _, rec := range []Record{
			{RepeatField: "email", RepeatOf: 12},
			{RepeatField: "userid", RepeatOf: -1},
			{RepeatField: "email", RepeatEarlier: true},
		} {
			msg := rec.repeatIn(l)
			if !strings.HasPrefix(msg, i18n.In(l, "batch.repeat.marker", rec.RepeatField)) {
				t.Errorf("%s: %q does not start with the marker", l, msg)
			}
			if !repeatMarked("x; "+rec.RepeatField+": "+msg, rec.RepeatField) {
				t.Errorf("%s: %q is not recognised", l, msg)
			}
		}
	}
}

// A row's error reads in the run's language in the results file and the
// same in English for --json, whatever the run's language.
func TestRowResultsSayBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	mp := newMapper(t, Mapping{Dates: map[string]string{"birthDate": "DD.MM.YYYY"}})
	const head = "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n"
	recs, err := mapCSV(t, mp, head+"a@example.com,A,31.02.1990,approved,passport,KOR,ops@example.com\n"+
		"a@example.com,B,01.02.1990,approved,passport,KOR,ops@example.com\n")
	if err != nil {
		t.Fatal(err)
	}
	c := NewChecker(today)
	for i := range recs {
		c.Check(&recs[i])
	}
	rows := []func() *RowResult{
		func() *RowResult { r := &RowResult{Status: StatusInvalid}; r.sayRefusal(&recs[1]); return r },
		func() *RowResult {
			r := &RowResult{Status: StatusRejected, Failure: apiclient.FailureRecord{Reason: apiclient.ReasonInvalidAdmin,
				Outcome: apiclient.OutcomeRejected, Status: 400, Code: "invalid_admin", Field: "admin"}}
			r.sayFailure()
			return r
		},
		func() *RowResult {
			r := &RowResult{Status: StatusUnknown, Failure: apiclient.FailureRecord{Reason: apiclient.ReasonServerFailed,
				Outcome: apiclient.OutcomeUnknown, Status: 502}, Lookup: LookupSeveral, Matches: 2}
			r.sayFailure()
			return r
		},
		func() *RowResult { r := &RowResult{Status: StatusUnknown}; r.sayFailure(); return r },
		func() *RowResult { r := &RowResult{Status: StatusCreated, Changed: true}; r.sayChanged(); return r },
	}
	for i, make := range rows {
		var koRow *RowResult
		en, ko := inBoth(t, func() string {
			r := make()
			if i18n.Language() == i18n.KO {
				koRow = r
			}
			return r.Error
		})
		if koRow.English() != en {
			t.Errorf("row %d: English() in a Korean run %q, want %q", i, koRow.English(), en)
		}
		i18ntest.Korean(t, "the row's error", ko)
	}
	// The mapping's own problem is said in each language too.
	en, ko := inBoth(t, func() string { return RefusalText(&recs[0]) })
	if !strings.Contains(en, `(column "birthDate")`) || !strings.Contains(ko, `("birthDate" 열)`) {
		t.Errorf("a date the layout cannot read: %q / %q", en, ko)
	}
}

// The mapping skeleton's comments are in the run's language, wrapped to
// 78 columns, and the file reads back as the same mapping.
func TestSkeletonInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	in, _ := os.ReadFile("testdata/vendor-export.csv")
	rd, rows, err := readAll(t, in, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mp, _ := NewMapper(Mapping{}, MapperOptions{Today: today, Lenient: true})
	_ = mp.Bind(rd.Columns())
	var s Samples
	for i := range rows {
		s.Add(&rows[i])
	}
	var b bytes.Buffer
	if err := WriteSkeleton(&b, "vendor-export.csv", mp, &s, false); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"# vendor-export.csv 파일의 열을 ARGOS 레코드로", `"Name (Korean)" = ""  # 혹시 fullName 항목인가요?`, "[columns]\n", "[values.kycStatus]"} {
		if !strings.Contains(text, want) {
			t.Errorf("skeleton lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "# API의 항목") && textCells(line) > 78 {
			t.Errorf("line of %d columns: %q", textCells(line), line)
		}
	}
	m, err := ParseMapping(b.Bytes(), false)
	if err != nil || m.Columns["Date of Birth"] != "birthDate" || len(m.Columns) != 18 {
		t.Errorf("the Korean skeleton reads back as %+v, %v", m.Columns, err)
	}
}

// Times read the same way everywhere the import says them, in each
// language.
func TestDurations(t *testing.T) {
	cases := []struct {
		d      time.Duration
		en, ko string
	}{
		{2 * time.Millisecond, "2ms", "2ms"},
		{-time.Second, "0ms", "0ms"},
		{400 * time.Millisecond, "0.4s", "0.4초"},
		{45 * time.Second, "45s", "45초"},
		{200 * time.Second, "3m 20s", "3분 20초"},
		{65 * time.Minute, "1h 05m", "1시간 05분"},
		{1500 * time.Hour, "1,500h 00m", "1,500시간 00분"},
	}
	for _, c := range cases {
		en, ko := inBoth(t, func() string { return Duration(c.d) })
		if en != c.en || ko != c.ko {
			t.Errorf("Duration(%v) = %q, %q; want %q, %q", c.d, en, ko, c.en, c.ko)
		}
	}
}

// particleAfterVerb is a Korean particle that changes with the last sound
// of the word before it, right after a placeholder: the argument may end
// either way (catalog/README.md).
var particleAfterVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?(\[\d+\])?[a-zA-Z](을|를|이|가|은|는|와|과|으로|로)`)

// The import's Korean words put no variable particle right after a
// placeholder.
func TestKoreanParticlesAfterPlaceholders(t *testing.T) {
	for _, area := range []string{"batch", "import", "importhelp"} {
		entries, err := i18n.ReadCatalog(area, i18n.KO)
		if err != nil || len(entries) == 0 {
			t.Fatalf("%s: %d entries, %v", area, len(entries), err)
		}
		for _, e := range entries {
			for _, f := range e.Formats() {
				if m := particleAfterVerb.FindString(f); m != "" {
					t.Errorf("%s: %q: a particle that depends on the argument's last sound (%s)", e.ID, f, m)
				}
			}
		}
	}
}
