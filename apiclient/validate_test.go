package apiclient

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

// sample is the vendor's sample request, which must pass every rule.
func sample() Submission {
	return Submission{
		Admin: "admin@sample.com", Email: "migration@sample.com", FullName: "홍길동",
		BirthDate: "2002-11-08", IssuingCountry: "KOR", IDType: "drivers_license",
		KYCStatus: "approved", IdentityNumber: "021108-2222555", Nationality: "USA",
		Gender: "male", IssueDate: "2011-08-07", ExpireDate: "2025-08-07",
		DocumentNumber: "504862-11-20", AddressCity: "Springfield", AddressCountry: "United states",
		AddressState: "Ohio", AddressStreet: "street 1-10", AddressFull: "street 1-10, Springfield, Ohio",
		CF1: "migration-comment1", CF2: "migration-comment2", CF3: "migration-comment3", UserID: "migrated-user2",
	}
}

func TestValidateSampleRecord(t *testing.T) {
	if err := Validate(sample(), today); err != nil {
		t.Fatalf("vendor's sample record refused: %v", err)
	}
}

func TestValidateRequiredOnly(t *testing.T) {
	s := Submission{Admin: "a@b.co", Email: "c@d.co", FullName: "X", BirthDate: "1990-01-01",
		KYCStatus: "rejected", IDType: "passport", IssuingCountry: "USA"}
	if err := Validate(s, today); err != nil {
		t.Fatalf("minimal record refused: %v", err)
	}
}

func TestCheckField(t *testing.T) {
	tests := []struct {
		name       string
		key, value string
		edit       func(*Submission)
		wantCode   string // "" means valid
		wantMsg    string
		wantSugg   string
	}{
		{name: "admin missing", key: FieldAdmin, value: "", wantCode: CodeMissingData, wantMsg: "is required"},
		{name: "admin blank", key: FieldAdmin, value: "   ", wantCode: CodeMissingData},
		{name: "admin no at", key: FieldAdmin, value: "admin.sample.com", wantCode: CodeInvalidFormat, wantMsg: "not an email"},
		{name: "admin display name", key: FieldAdmin, value: "Admin <admin@sample.com>", wantCode: CodeInvalidFormat, wantSugg: "admin@sample.com"},
		{name: "email no tld", key: FieldEmail, value: "x@localhost", wantCode: CodeInvalidFormat, wantMsg: "domain"},
		{name: "email trailing space", key: FieldEmail, value: "x@y.com ", wantCode: CodeInvalidFormat, wantSugg: "x@y.com"},
		{name: "email double dot domain", key: FieldEmail, value: "x@y..com", wantCode: CodeInvalidFormat},
		{name: "email plus ok", key: FieldEmail, value: "x+tag@sub.y.com"},
		{name: "fullName korean ok", key: FieldFullName, value: "홍길동"},
		{name: "fullName newline", key: FieldFullName, value: "Hong\nGildong", wantCode: CodeInvalidFormat, wantMsg: "control character"},
		{name: "fullName escape", key: FieldFullName, value: "Hong\x1b[2J", wantCode: CodeInvalidFormat, wantMsg: "control character"},
		{name: "identity number padded: no suggestion in clear", key: FieldIdentityNumber, value: " 990101-1234567", wantCode: CodeInvalidFormat, wantMsg: "spaces at the start or end", wantSugg: ""},
		{name: "fullName C1 CSI", key: FieldFullName, value: "Hong\u009b2J", wantCode: CodeInvalidFormat, wantMsg: "control character (U+009B)"},
		{name: "fullName bidi override", key: FieldFullName, value: "Hong\u202eGildong", wantCode: CodeInvalidFormat, wantMsg: "text-direction control (U+202E)"},
		{name: "birth leap day ok", key: FieldBirthDate, value: "2024-02-29"},
		{name: "birth 2000 leap ok", key: FieldBirthDate, value: "2000-02-29"},
		{name: "birth 1900 not leap", key: FieldBirthDate, value: "1900-02-29", wantCode: CodeInvalidFormat, wantMsg: "February 1900 has 28 days"},
		{name: "birth not leap", key: FieldBirthDate, value: "2023-02-29", wantCode: CodeInvalidFormat, wantMsg: "February 2023 has 28 days"},
		{name: "birth april 31", key: FieldBirthDate, value: "2001-04-31", wantCode: CodeInvalidFormat, wantMsg: "April 2001 has 30 days"},
		{name: "birth month 13", key: FieldBirthDate, value: "2001-13-01", wantCode: CodeInvalidFormat, wantMsg: "no month 13"},
		{name: "birth slashes", key: FieldBirthDate, value: "2002/11/08", wantCode: CodeInvalidFormat, wantSugg: "2002-11-08"},
		{name: "birth compact", key: FieldBirthDate, value: "20021108", wantCode: CodeInvalidFormat, wantSugg: "2002-11-08"},
		{name: "birth dots", key: FieldBirthDate, value: "2002.11.08", wantCode: CodeInvalidFormat, wantSugg: "2002-11-08"},
		{name: "birth european", key: FieldBirthDate, value: "08/11/2002", wantCode: CodeInvalidFormat, wantMsg: "YYYY-MM-DD"},
		{name: "birth future", key: FieldBirthDate, value: "2026-11-26", wantCode: CodeInvalidFormat, wantMsg: "future"},
		{name: "birth today ok", key: FieldBirthDate, value: "2026-11-25"},
		{name: "birth 1899", key: FieldBirthDate, value: "1899-12-31", wantCode: CodeInvalidFormat, wantMsg: "1900"},
		{name: "issue future", key: FieldIssueDate, value: "2027-01-01", wantCode: CodeInvalidFormat, wantMsg: "future"},
		{name: "issue before birth", key: FieldIssueDate, value: "2001-01-01", wantCode: CodeInvalidFormat, wantMsg: "before the birth date"},
		{name: "expiry before issue", key: FieldExpireDate, value: "2010-01-01", wantCode: CodeInvalidFormat, wantMsg: "after the issue date"},
		{name: "expiry equal issue", key: FieldExpireDate, value: "2011-08-07", wantCode: CodeInvalidFormat, wantMsg: "after the issue date"},
		{name: "expiry future ok", key: FieldExpireDate, value: "2035-08-07"},
		{name: "expiry without issue ok", key: FieldExpireDate, value: "2001-01-01", edit: func(s *Submission) { s.IssueDate = "" }},
		{name: "expiry empty ok", key: FieldExpireDate, value: ""},
		{name: "status capital", key: FieldKYCStatus, value: "Approved", wantCode: CodeInvalidFormat, wantSugg: "approved"},
		{name: "status other", key: FieldKYCStatus, value: "pending", wantCode: CodeInvalidFormat, wantMsg: "approved, rejected"},
		{name: "idType label", key: FieldIDType, value: "Driver's License", wantCode: CodeInvalidFormat, wantSugg: "drivers_license"},
		{name: "idType dash", key: FieldIDType, value: "government-id", wantCode: CodeInvalidFormat, wantSugg: "government_id"},
		{name: "idType upper", key: FieldIDType, value: "PASSPORT", wantCode: CodeInvalidFormat, wantSugg: "passport"},
		{name: "gender prefix", key: FieldGender, value: "M", wantCode: CodeInvalidFormat, wantSugg: "male"},
		{name: "gender f", key: FieldGender, value: "f", wantCode: CodeInvalidFormat, wantSugg: "female"},
		{name: "gender other", key: FieldGender, value: "x", wantCode: CodeInvalidFormat},
		{name: "gender empty ok", key: FieldGender, value: ""},
		{name: "country lower", key: FieldIssuingCountry, value: "kor", wantCode: CodeInvalidFormat, wantSugg: "KOR"},
		{name: "country alpha2", key: FieldIssuingCountry, value: "KR", wantCode: CodeInvalidFormat, wantSugg: "KOR"},
		{name: "country name", key: FieldNationality, value: "South Korea", wantCode: CodeInvalidFormat, wantSugg: "KOR"},
		{name: "country korean name", key: FieldNationality, value: "미국", wantCode: CodeInvalidFormat, wantSugg: "USA"},
		{name: "country unassigned", key: FieldIssuingCountry, value: "XKX", wantCode: CodeInvalidFormat, wantMsg: "alpha-3"},
		{name: "country reserved EU", key: FieldNationality, value: "EUE", wantCode: CodeInvalidFormat},
		{name: "ipv4 ok", key: FieldIPAddress, value: "203.0.113.7"},
		{name: "ipv6 ok", key: FieldIPAddress, value: "2001:db8::1"},
		{name: "ip bad octet", key: FieldIPAddress, value: "256.1.1.1", wantCode: CodeInvalidFormat, wantMsg: "IPv4 or IPv6"},
		{name: "ip hostname", key: FieldIPAddress, value: "example.com", wantCode: CodeInvalidFormat},
		{name: "identity number padded: no suggestion that prints it", key: FieldIdentityNumber, value: " 021108-2222555", wantCode: CodeInvalidFormat, wantMsg: "spaces at the start"},
		{name: "optional spaces only", key: FieldCF1, value: "  ", wantCode: CodeInvalidFormat, wantMsg: "only spaces"},
		{name: "unknown key", key: "firstName", value: "x", wantCode: CodeInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sample()
			if tt.edit != nil {
				tt.edit(&s)
			}
			s.Set(tt.key, tt.value)
			got := CheckField(&s, tt.key, today)
			if tt.wantCode == "" {
				if got != nil {
					t.Fatalf("%s=%q refused: %v", tt.key, tt.value, got)
				}
				return
			}
			if got == nil {
				t.Fatalf("%s=%q accepted, want %s", tt.key, tt.value, tt.wantCode)
			}
			if got.Code != tt.wantCode || got.Field != tt.key {
				t.Errorf("got %s on %s, want %s on %s", got.Code, got.Field, tt.wantCode, tt.key)
			}
			if !strings.Contains(got.Message, tt.wantMsg) {
				t.Errorf("message %q does not say %q", got.Message, tt.wantMsg)
			}
			if got.Suggestion != tt.wantSugg {
				t.Errorf("suggestion %q, want %q", got.Suggestion, tt.wantSugg)
			}
		})
	}
}

func TestEveryEnumValueAccepted(t *testing.T) {
	for _, key := range []string{FieldIDType, FieldKYCStatus, FieldGender} {
		for _, o := range EnumOptions(key) {
			s := sample()
			s.Set(key, o.Value)
			if p := CheckField(&s, key, today); p != nil {
				t.Errorf("%s=%s refused: %v", key, o.Value, p)
			}
		}
	}
	if len(IDTypes) != 8 || len(KYCStatuses) != 2 || len(Genders) != 2 {
		t.Fatalf("enum sizes %d/%d/%d, want the documented 8/2/2", len(IDTypes), len(KYCStatuses), len(Genders))
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	s := sample()
	s.Admin, s.BirthDate, s.IssuingCountry = "", "2023-02-29", "kor"
	err := Validate(s, today)
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidRecord) {
		t.Fatalf("got %v, want a *ValidationError matching ErrInvalidRecord", err)
	}
	if len(ve.Problems) != 3 || ve.Field(FieldAdmin) == nil || ve.Field(FieldBirthDate) == nil || ve.Field(FieldIssuingCountry) == nil {
		t.Fatalf("problems %v, want admin, birthDate, issuingCountry", ve.Problems)
	}
	if !strings.Contains(err.Error(), `issuingCountry: is not an ISO 3166-1 alpha-3 country code`) {
		t.Errorf("error text %q does not name the field and the format", err)
	}
}

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 249 {
		t.Fatalf("%d countries, want the 249 officially assigned codes", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		if cs[i-1].Alpha3 >= cs[i].Alpha3 {
			t.Fatalf("table not sorted at %s, %s", cs[i-1].Alpha3, cs[i].Alpha3)
		}
	}
	for code, ko := range map[string]string{"KOR": "대한민국", "USA": "미국"} {
		c, ok := LookupCountry(code)
		if !ok || c.NameKo != ko {
			t.Errorf("LookupCountry(%s) = %+v, %v; want Korean name %s", code, c, ok, ko)
		}
	}
	if _, ok := LookupCountry("kor"); ok {
		t.Error("lower-case code accepted; the API wants exact alpha-3")
	}
}

func TestParseDateMessages(t *testing.T) {
	for in, want := range map[string]string{
		"2023-02-29": "February 2023 has 28 days",
		"2024-02-30": "February 2024 has 29 days",
		"2024-00-10": "no month 00",
		"2024-1-10":  "YYYY-MM-DD",
		"abcd-ef-gh": "digits only",
	} {
		_, err := ParseDate(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDate(%q) = %v, want it to say %q", in, err, want)
		}
	}
}

func TestCheckTextNamesEveryUnsafeField(t *testing.T) {
	s := Submission{Admin: "a@b.co", FullName: "Kim\x1b[2J", BirthDate: "\x1b]0;pwned\a", CF1: "ok \u2067x", CF2: "한국어 ok"}
	err := CheckText(s)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Fatalf("CheckText = %v, want fullName, birthDate and cf1", err)
	}
	for _, k := range []string{FieldFullName, FieldBirthDate, FieldCF1} {
		if ve.Field(k) == nil {
			t.Errorf("%s not named: %v", k, err)
		}
	}
	if strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("the error quotes the escape itself: %q", err)
	}
	if err := CheckText(Submission{FullName: "홍길동", CF1: "street 1-10, Springfield"}); err != nil {
		t.Errorf("plain text refused: %v", err)
	}
}

// Hint capitalises the message's first letter, which may take several bytes,
// and copes with an empty message (the server's notes can be anything).
func TestFieldErrorHintIsRuneSafe(t *testing.T) {
	tests := []struct {
		e    FieldError
		want string
	}{
		{FieldError{Message: "is not a real date"}, "Is not a real date"},
		{FieldError{Message: ""}, ""},
		{FieldError{Message: "", Suggestion: "KOR"}, `(did you mean "KOR"?)`},
		{FieldError{Message: "élan is not a code"}, "Élan is not a code"},
		{FieldError{Message: "ümlaut"}, "Ümlaut"},
		{FieldError{Message: "필수 항목입니다"}, "필수 항목입니다"},
		{FieldError{Message: "\xffbroken"}, "\xffbroken"},
	}
	for _, tt := range tests {
		if got := tt.e.Hint(); got != tt.want {
			t.Errorf("Hint(%q) = %q, want %q", tt.e.Message, got, tt.want)
		}
	}
}
