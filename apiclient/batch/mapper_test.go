package batch

import (
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

var today = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newMapper(tb testing.TB, m Mapping) *Mapper {
	tb.Helper()
	mp, err := NewMapper(m, MapperOptions{Today: today})
	if err != nil {
		tb.Fatalf("NewMapper: %v", err)
	}
	return mp
}

// mapCSV maps the rows of a small CSV.
func mapCSV(tb testing.TB, mp *Mapper, in string) ([]Record, error) {
	tb.Helper()
	rd, rows, err := readAll(tb, []byte(in), ReadOptions{})
	if err != nil {
		tb.Fatalf("reading: %v", err)
	}
	var out []Record
	for i := range rows {
		rec, err := mp.Map(&rows[i], rd.Columns())
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}

func TestColumnsMapByName(t *testing.T) {
	tests := []struct{ column, field, how string }{
		{"fullName", "fullName", HowName}, {"Full Name", "fullName", HowName}, {"full_name", "fullName", HowName}, {"FULL-NAME", "fullName", HowName},
		{"name", "fullName", HowAlias}, {" E-Mail ", "email", HowName}, {"date_of_birth", "birthDate", HowAlias}, {"DOB", "birthDate", HowAlias},
		{"Birthday", "birthDate", HowAlias}, {"birth date", "birthDate", HowName}, {"id_type", "idType", HowName}, {"Document Type", "idType", HowAlias},
		{"country", "issuingCountry", HowAlias}, {"Nationality", "nationality", HowName}, {"sex", "gender", HowAlias},
		{"status", "kycStatus", HowAlias}, {"kyc_status", "kycStatus", HowName}, {"user_id", "userid", HowName}, {"UserID", "userid", HowName},
		{"ip", "ipAddress", HowAlias}, {"IP Address", "ipAddress", HowName}, {"id_number", "identityNumber", HowAlias},
		{"document_number", "documentNumber", HowName}, {"address_city", "address_city", HowName}, {"City", "address_city", HowAlias},
		{"state", "address_state", HowAlias}, {"street", "address_street", HowAlias}, {"address", "address_full", HowAlias},
		{"Address Country", "address_country", HowName}, {"expiry_date", "expireDate", HowAlias}, {"issue_date", "issueDate", HowName},
		// Korean exports: a field's Korean label, or a name such sheets use.
		{"이름", "fullName", HowAlias}, {"성명", "fullName", HowAlias}, {"이메일", "email", HowAlias}, {"생년월일", "birthDate", HowAlias},
		{"성별", "gender", HowAlias}, {"국적", "nationality", HowAlias}, {"발급 국가", "issuingCountry", HowAlias},
		{"신분증 종류", "idType", HowAlias}, {"주민등록번호", "identityNumber", HowAlias}, {"여권번호", "documentNumber", HowAlias},
		{"만료일", "expireDate", HowAlias}, {"주소", "address_full", HowAlias}, {"국가 (주소)", "address_country", HowAlias},
		{"회원 ID", "userid", HowAlias}, {"관리자 계정", "admin", HowAlias}, {"KYC 결과", "kycStatus", HowAlias},
		// A field's English label.
		{"Custom field 2", "cf2", HowAlias}, {"Expiry date", "expireDate", HowAlias}, {"Admin account", "admin", HowAlias},
	}
	for _, tt := range tests {
		mp := newMapper(t, Mapping{})
		if err := mp.Bind([]string{tt.column}); err != nil {
			t.Errorf("%q: %v", tt.column, err)
			continue
		}
		if p := mp.Plan()[0]; p.Field != tt.field || p.How != tt.how {
			t.Errorf("%q maps to %q (%s), want %q (%s)", tt.column, p.Field, p.How, tt.field, tt.how)
		}
	}
}

func TestUnmappedColumnsAreListedTogether(t *testing.T) {
	mp := newMapper(t, Mapping{Columns: map[string]string{"Kunde": ""}})
	err := mp.Bind([]string{"email", "Emial", "Risk Score", "Customer E-mail", "Kunde", "Date of Brith"})
	var me *MappingError
	if !errors.As(err, &me) || !errors.Is(err, apiclient.ErrInvalidPayload) {
		t.Fatalf("error %v (%T)", err, err)
	}
	want := []Unmapped{{"Emial", "email"}, {"Risk Score", ""}, {"Customer E-mail", "email"}, {"Kunde", ""}, {"Date of Brith", "birthDate"}}
	if len(me.Unmapped) != len(want) {
		t.Fatalf("unmapped %+v, want %+v", me.Unmapped, want)
	}
	for i, u := range want {
		if me.Unmapped[i] != u {
			t.Errorf("unmapped %d: %+v, want %+v", i, me.Unmapped[i], u)
		}
	}
	msg := err.Error()
	for _, s := range []string{`5 columns are not mapped`, `"Emial" (did you mean email?)`, `"Risk Score",`, `--ignore-column`, `--map "COLUMN=field"`} {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q lacks %q", msg, s)
		}
	}
	// Ignoring them, or mapping them, clears the error.
	m := Mapping{Columns: map[string]string{"Kunde": "userid", "Emial": "cf1", "Date of Brith": "birthDate", "customer e-mail": "cf2"}}
	m.AddIgnore("risk score")
	mp = newMapper(t, m)
	if err := mp.Bind([]string{"email", "Emial", "Risk Score", "Customer E-mail", "Kunde", "Date of Brith"}); err != nil {
		t.Fatalf("after mapping: %v", err)
	}
	if got := mp.Plan()[2].How; got != HowIgnored {
		t.Errorf("Risk Score: %s", got)
	}
}

func TestTwoColumnsForOneField(t *testing.T) {
	tests := []struct {
		name    string
		m       Mapping
		columns []string
		want    Conflict
	}{
		{"both by name", Mapping{}, []string{"name", "Full Name"}, Conflict{"fullName", []string{"name", "Full Name"}}},
		{"mapped and by name", Mapping{Columns: map[string]string{"Kontakt": "email"}}, []string{"email", "Kontakt"}, Conflict{"email", []string{"email", "Kontakt"}}},
		{"three", Mapping{}, []string{"dob", "birthday", "birth_date"}, Conflict{"birthDate", []string{"dob", "birthday", "birth_date"}}},
		{"a column and a constant", Mapping{Set: map[string]string{"admin": "ops@acme.example"}}, []string{"Admin"}, Conflict{"admin", []string{sourceSet, "Admin"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := newMapper(t, tt.m).Bind(tt.columns)
			var me *MappingError
			if !errors.As(err, &me) || len(me.Conflicts) != 1 {
				t.Fatalf("error %v", err)
			}
			c := me.Conflicts[0]
			if c.Field != tt.want.Field || strings.Join(c.Columns, "|") != strings.Join(tt.want.Columns, "|") {
				t.Errorf("conflict %+v, want %+v", c, tt.want)
			}
			if !strings.Contains(err.Error(), "would all fill "+tt.want.Field) {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestMapValuesDatesAndConstants(t *testing.T) {
	m := Mapping{
		Columns: map[string]string{"Geburt": "birth_date", "Doc": "idType", "Result": "kycStatus", "Land": "issuingCountry"},
		Values: map[string]map[string]string{
			"gender":         {"M": "male", "F": "female", "n/a": ""},
			"idType":         {"DL": "drivers_license", "PP": "passport"},
			"kycStatus":      {"PASS": "approved", "FAIL": "rejected"},
			"issuingCountry": {"KR": "KOR"},
		},
		Dates: map[string]string{"Geburt": "DD.MM.YYYY", "issued": "yyyymmdd"},
	}
	if err := m.AddSet("admin=ops@acme.example"); err != nil {
		t.Fatal(err)
	}
	mp := newMapper(t, m)
	recs, err := mapCSV(t, mp, "Geburt,Sex,Doc,Result,Land,issued,email\n"+
		"14.03.1988,M,DL,PASS,KR,20150610,a@example.com\n"+
		"29.02.1992, f ,pp,\" pass \",USA,,b@example.com\n"+
		"1992-02-29,n/a,Passport,approved,kr,2015-06-10,\n"+
		"31.04.1990,X,DL,PASS,KR,2015,c@example.com\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []apiclient.Submission{
		{Admin: "ops@acme.example", Email: "a@example.com", BirthDate: "1988-03-14", Gender: "male", IDType: "drivers_license", KYCStatus: "approved", IssuingCountry: "KOR", IssueDate: "2015-06-10"},
		{Admin: "ops@acme.example", Email: "b@example.com", BirthDate: "1992-02-29", Gender: "female", IDType: "passport", KYCStatus: "approved", IssuingCountry: "USA"},
		{Admin: "ops@acme.example", BirthDate: "1992-02-29", IDType: "Passport", KYCStatus: "approved", IssuingCountry: "KOR", IssueDate: "2015-06-10"},
		{Admin: "ops@acme.example", Email: "c@example.com", BirthDate: "31.04.1990", Gender: "X", IDType: "drivers_license", KYCStatus: "approved", IssuingCountry: "KOR", IssueDate: "2015"},
	}
	for i, w := range want {
		if recs[i].Submission != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", i+1, recs[i].Submission, w)
		}
	}
	if len(recs[0].Problems)+len(recs[1].Problems)+len(recs[2].Problems) != 0 {
		t.Errorf("problems in good rows: %v %v %v", recs[0].Problems, recs[1].Problems, recs[2].Problems)
	}
	p := recs[3].Problems
	if len(p) != 2 || p[0].Field != "birthDate" || !strings.Contains(p[0].Message, "April 1990 has 30 days") || !strings.Contains(p[0].Message, `column "Geburt"`) ||
		p[1].Field != "issueDate" || !strings.Contains(p[1].Message, "not a date written as YYYYMMDD") {
		t.Errorf("row 4 problems: %v", p)
	}
}

func TestDateLayouts(t *testing.T) {
	tests := []struct{ layout, in, want, problem string }{
		{"DD.MM.YYYY", "08.11.2002", "2002-11-08", ""},
		{"DD.MM.YYYY", "29.02.2024", "2024-02-29", ""},
		{"DD.MM.YYYY", "29.02.2023", "", "February 2023 has 28 days"},
		{"DD.MM.YYYY", "29.02.2000", "2000-02-29", ""},
		{"DD.MM.YYYY", "29.02.1900", "", "February 1900 has 28 days"},
		{"DD.MM.YYYY", "8.11.2002", "", "not a date written as DD.MM.YYYY"},
		{"DD.MM.YYYY", "08.13.2002", "", "there is no month 13"},
		{"DD.MM.YYYY", "00.11.2002", "", "no day 00"},
		{"DD.MM.YYYY", "2002-11-08", "2002-11-08", ""}, // already as the API takes it
		{"DD.MM.YYYY", "2023-02-29", "", "February 2023 has 28 days"},
		{"DD.MM.YYYY", " 08.11.2002 ", "2002-11-08", ""},
		{"D.M.YYYY", "8.1.2002", "2002-01-08", ""},
		{"D.M.YYYY", "08.01.2002", "2002-01-08", ""},
		{"YYYY/MM/DD", "2002/11/08", "2002-11-08", ""},
		{"YYYY/MM/DD", "2002.11.08", "", "not a date written as YYYY/MM/DD"},
		{"YYYYMMDD", "20021108", "2002-11-08", ""},
		{"YYYYMMDD", "20240229", "2024-02-29", ""},
		{"YYYYMMDD", "2002118", "", "not a date written as YYYYMMDD"},
		{"MM/DD/YYYY", "11/08/2002", "2002-11-08", ""},
		{"MM/DD/YYYY", "02/29/2024", "2024-02-29", ""},
		{"MM/DD/YYYY", "02/29/2100", "", "February 2100 has 28 days"},
		{"DD/MM/YYYY", "08/11/2002", "2002-11-08", ""},
		{"excel", "1", "1900-01-01", ""},
		{"excel", "59", "1900-02-28", ""},
		{"excel", "60", "", "29 February 1900, a day that never was"},
		{"excel", "61", "1900-03-01", ""},
		{"excel", "37568", "2002-11-08", ""},
		{"excel", "45351", "2024-02-29", ""},
		{"excel", "45351.75", "2024-02-29", ""},
		{"excel", "0", "", "out of the range"},
		{"excel", "-3", "", "out of the range"},
		{"excel", "2958465", "9999-12-31", ""},
		{"excel", "2958466", "", "out of the range"},
		{"excel", "1e400", "", "not a spreadsheet serial date"},
		{"excel", "NaN", "", "not a spreadsheet serial date"},
		{"excel", "08.11.2002", "", "not a spreadsheet serial date"},
		{"excel", "2002-11-08", "2002-11-08", ""},
		{"Excel1904", "0", "1904-01-01", ""},
		{"excel1904", "36106", "2002-11-08", ""},
		{"excel1904", "43889", "2024-02-29", ""},
	}
	for _, tt := range tests {
		l, err := parseDateLayout(tt.layout)
		if err != nil {
			t.Errorf("%s: %v", tt.layout, err)
			continue
		}
		got, p := l.convert(tt.in)
		problem := ""
		if p != nil {
			problem = p.err.Error()
		}
		if got != tt.want || (tt.problem == "") != (problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("%s %q = %q, %q; want %q, %q", tt.layout, tt.in, got, problem, tt.want, tt.problem)
		}
	}
	for _, bad := range []string{"", "DD.MM.YY", "DDD.MM.YYYY", "DD.MM", "DD.DD.YYYY", "YYYY-MM-DDT", "week"} {
		if _, err := parseDateLayout(bad); err == nil {
			t.Errorf("layout %q accepted", bad)
		}
	}
}

func TestMappingMistakesAreFoundBeforeReading(t *testing.T) {
	tests := []struct {
		name string
		m    Mapping
		want string
	}{
		{"unknown field", Mapping{Columns: map[string]string{"X": "birthdat"}}, `"birthdat" is not a field of the migration API (did you mean birthDate?)`},
		{"unknown date layout", Mapping{Dates: map[string]string{"X": "DD-MMM-YYYY"}}, `dates, column "X"`},
		{"value map to a value the field refuses", Mapping{Values: map[string]map[string]string{"gender": {"M": "mal"}}}, `values.gender: "M" → "mal" must be one of: female, male (did you mean "male"?)`},
		{"value map on an unknown field", Mapping{Values: map[string]map[string]string{"sexx": {"M": "male"}}}, `values: "sexx" is not a field`},
		{"value map with keys that read the same", Mapping{Values: map[string]map[string]string{"gender": {"M": "male", " m": "female"}}}, "read the same"},
		{"constant the field refuses", Mapping{Set: map[string]string{"admin": "ops"}}, `set admin: "ops" is not an email address`},
		{"constant on an unknown field", Mapping{Set: map[string]string{"owner": "x"}}, `set: "owner" is not a field`},
		{"constant country", Mapping{Set: map[string]string{"issuingCountry": "Korea"}}, `set issuingCountry: "Korea" is not an ISO 3166-1 alpha-3 country code`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewMapper(tt.m, MapperOptions{Today: today})
			var me *MappingError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	// A date layout on a column that is not a date.
	mp := newMapper(t, Mapping{Dates: map[string]string{"email": "excel"}})
	if err := mp.Bind([]string{"email"}); err == nil || !strings.Contains(err.Error(), "fills email, which is not a date") {
		t.Errorf("date layout on email: %v", err)
	}
}

func TestMapAndSetFlags(t *testing.T) {
	var m Mapping
	for _, f := range []string{"Date of Birth=birthDate", "a=b=cf1", " Notes = cf2 "} {
		if err := m.AddMap(f); err != nil {
			t.Fatalf("%q: %v", f, err)
		}
	}
	if m.Columns["Date of Birth"] != "birthDate" || m.Columns["a=b"] != "cf1" || m.Columns[" Notes "] != "cf2" {
		t.Errorf("columns %q", m.Columns)
	}
	for _, f := range []string{"birthDate", "=birthDate", "Notes=", ""} {
		if err := m.AddMap(f); err == nil {
			t.Errorf("--map %q accepted", f)
		}
	}
	if err := m.AddSet("cf1=a=b"); err != nil || m.Set["cf1"] != "a=b" {
		t.Errorf("--set cf1=a=b: %v %q", err, m.Set)
	}
	if err := m.AddSet("=x"); err == nil {
		t.Error("--set =x accepted")
	}
	// A flag replaces the mapping file's entry for the same column.
	file, err := ParseMapping([]byte("[columns]\n\"Date of Birth\" = \"issueDate\"\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	_ = file.AddMap("Date of Birth=birthDate")
	if file.Columns["Date of Birth"] != "birthDate" {
		t.Errorf("flag did not win: %q", file.Columns)
	}
}

func TestParseMappingFiles(t *testing.T) {
	toml := "ignore = [\"Notes\"]\n[columns]\n\"Full Name\" = \"fullName\"\n[dates]\nDOB = \"DD.MM.YYYY\"\n[set]\nadmin = \"ops@acme.example\"\n[values.gender]\nM = \"male\"\n"
	json := `{"ignore":["Notes"],"columns":{"Full Name":"fullName"},"dates":{"DOB":"DD.MM.YYYY"},"set":{"admin":"ops@acme.example"},"values":{"gender":{"M":"male"}}}`
	for name, in := range map[string]string{"toml": toml, "json": json, "json with BOM": "\ufeff" + json} {
		m, err := ParseMapping([]byte(in), false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.Columns["Full Name"] != "fullName" || m.Ignore[0] != "Notes" || m.Dates["DOB"] != "DD.MM.YYYY" || m.Set["admin"] != "ops@acme.example" || m.Values["gender"]["M"] != "male" {
			t.Errorf("%s: %+v", name, m)
		}
	}
	for name, in := range map[string]string{
		"misspelt toml section": "[colums]\nx = \"cf1\"\n",
		"misspelt json key":     `{"colums":{"x":"cf1"}}`,
		"broken toml":           "[columns\n",
		"value not text":        "[set]\nadmin = 3\n",
	} {
		if _, err := ParseMapping([]byte(in), false); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := ParseMapping([]byte("[colums]\nx = \"cf1\"\n"), false); err == nil || !strings.Contains(err.Error(), `unknown setting "colums`) {
		t.Errorf("misspelt section: %v", err)
	}
}

func TestColumnsWithoutANameMustStayEmpty(t *testing.T) {
	recs, err := mapCSV(t, newMapper(t, Mapping{}), "email,,name\na@example.com,,Kim\nb@example.com,x,Lee\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs[0].Problems) != 0 {
		t.Errorf("row 1: %v", recs[0].Problems)
	}
	if p := recs[1].Problems; len(p) != 1 || !strings.Contains(p[0].Message, "column 2 has no name") {
		t.Errorf("row 2: %v", p)
	}
}

func TestNestedJSONIsNotText(t *testing.T) {
	mp := newMapper(t, Mapping{Ignore: []string{"meta"}})
	rd, rows, err := readAll(t, []byte("{\"email\":\"a@example.com\",\"meta\":{\"x\":1}}\n{\"email\":{\"x\":1}}\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := mp.Map(&rows[0], rd.Columns())
	r2, _ := mp.Map(&rows[1], rd.Columns())
	if len(r1.Problems) != 0 || r1.Submission.Email != "a@example.com" {
		t.Errorf("row 1 (nested value in an ignored key): %+v", r1)
	}
	if len(r2.Problems) != 1 || r2.Problems[0].Field != "email" || !strings.Contains(r2.Problems[0].Message, "JSON object or list") || r2.Submission.Email != "" {
		t.Errorf("row 2: %+v", r2)
	}
}

// A key a JSON input uses for the first time in a later record, and that
// no field takes, stops the mapping at that record's line.
func TestLaterJSONKeyUnmapped(t *testing.T) {
	mp := newMapper(t, Mapping{})
	rd, rows, err := readAll(t, []byte("{\"email\":\"a@example.com\"}\n\n{\"email\":\"b@example.com\",\"nick\":\"b\"}\n"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cols := rd.Columns()
	if _, err := mp.Map(&rows[0], cols[:1]); err != nil {
		t.Fatal(err)
	}
	_, err = mp.Map(&rows[1], cols)
	if err == nil || !strings.HasPrefix(err.Error(), `line 3: 1 column is not mapped to a field: "nick"`) {
		t.Errorf("error %v", err)
	}
}

func TestLenientMapperMapsWhatItCan(t *testing.T) {
	mp, err := NewMapper(Mapping{}, MapperOptions{Today: today, Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := mapCSV(t, mp, "email,nick,name,full_name\na@example.com,x,Kim,Lee\n")
	if err != nil {
		t.Fatal(err)
	}
	if s := recs[0].Submission; s.Email != "a@example.com" || s.FullName != "Kim" || s.CF1 != "" {
		t.Errorf("record %+v", s)
	}
	var me *MappingError
	if !errors.As(mp.Err(), &me) || len(me.Unmapped) != 1 || len(me.Conflicts) != 1 {
		t.Errorf("Err() = %v", mp.Err())
	}
}

func TestRejectsFileColumnsAndGuardAreUndone(t *testing.T) {
	mp := newMapper(t, Mapping{})
	in := "email,cf1,'=name,row,field,error,suggestion\n" +
		"a@example.com,'=1+1,x,3,birthDate,birthDate: is required,\n" +
		"b@example.com,''-2,y,4,,,\n"
	recs, err := mapCSV(t, mp, strings.Replace(in, "'=name", "fullName", 1))
	if err != nil {
		t.Fatal(err)
	}
	if !mp.RejectsInput() {
		t.Fatal("not recognised as a rejects file")
	}
	if recs[0].Submission.CF1 != "=1+1" || recs[1].Submission.CF1 != "'-2" || recs[0].Submission.FullName != "x" {
		t.Errorf("values %q %q %q", recs[0].Submission.CF1, recs[1].Submission.CF1, recs[0].Submission.FullName)
	}
	for _, p := range mp.Plan()[3:] {
		if p.How != HowRejects {
			t.Errorf("column %q: %s", p.Column, p.How)
		}
	}
}

func TestGuardRoundTrip(t *testing.T) {
	for _, v := range []string{"", "'", "''", "=1+1", "'=1+1", "''=x", "+82 10", "-", "@SUM(A1)", "\tx", "\rx", "'hello", "hello", "-'", "홍길동"} {
		g := guard(v)
		if unguard(g) != v {
			t.Errorf("unguard(guard(%q)) = %q (guarded %q)", v, unguard(g), g)
		}
		if t0 := strings.TrimLeft(g, "'"); g != "" && t0 != "" && isFormulaStart(g[0]) {
			t.Errorf("guard(%q) = %q still starts a formula", v, g)
		}
	}
}

func TestUnusedMappingEntries(t *testing.T) {
	mp := newMapper(t, Mapping{Columns: map[string]string{"Date of Brith": "birthDate", "E-Mail": "email"}, Ignore: []string{"notes"}})
	got := mp.Unused([]string{"e-mail", "Notes", "Name"})
	if strings.Join(got, "|") != "Date of Brith" {
		t.Errorf("unused %q", got)
	}
}
