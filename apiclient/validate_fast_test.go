package apiclient

import (
	"fmt"
	"math/rand/v2"
	"net/mail"
	"testing"
	"time"
)

// The rulebook's fast paths decide exactly as the general code they skip.

func TestParseDateMatchesTimeParse(t *testing.T) {
	check := func(v string) {
		want, werr := time.Parse(dateLayout, v)
		got, gerr := ParseDate(v)
		if (werr == nil) != (gerr == nil) || (werr == nil && !got.Equal(want)) {
			t.Fatalf("ParseDate(%q) = %v, %v; time.Parse %v, %v", v, got, gerr, want, werr)
		}
	}
	for y := 0; y <= 2400; y++ {
		for m := 0; m <= 13; m++ {
			for _, d := range []int{0, 1, 28, 29, 30, 31, 32} {
				check(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	for _, v := range []string{"9999-12-31", "2024-2-29", "2024-02-9", "+024-02-29", "2024-0a-01", "2024/02/29", "20240229", " 2024-02-29", "２０２４-02-29"} {
		check(v)
	}
}

func TestPlainAddress(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	common, rare := "aZ09._%+-", "@!#$&'*/=?^`{|}~\"() <>[]:;,\\é\x00"
	part := func() string {
		b := make([]byte, r.IntN(8))
		for i := range b {
			if r.IntN(12) == 0 {
				b[i] = rare[r.IntN(len(rare))]
			} else {
				b[i] = common[r.IntN(len(common))]
			}
		}
		return string(b)
	}
	accepted := 0
	for range 300000 {
		v := part() + "@" + part()
		if !plainAddress(v) {
			continue
		}
		accepted++
		addr, err := mail.ParseAddress(v)
		if err != nil || addr.Address != v || addr.Name != "" {
			t.Fatalf("plainAddress(%q) but ParseAddress gives %+v, %v", v, addr, err)
		}
	}
	for _, v := range []string{"admin@sample.com", "first.last+tag@sub.example.co.kr", "a%b@c-d.e", "migration@sample.com"} {
		if !plainAddress(v) {
			t.Errorf("plainAddress(%q) = false", v)
		}
	}
	if accepted < 10000 {
		t.Fatalf("only %d random addresses took the fast path: the test proves little", accepted)
	}
}

func TestSpecFindsEveryField(t *testing.T) {
	for _, f := range Fields {
		got, ok := Spec(f.Key)
		words := got
		words.Label, words.Format = "", "" // the table's entry has none: Spec adds them
		if !ok || words != f || got.Label == "" || got.Format == "" {
			t.Errorf("Spec(%q) = %+v, %v", f.Key, got, ok)
		}
	}
	if _, ok := Spec("nick"); ok {
		t.Error("Spec(nick) found a field")
	}
}

func BenchmarkValidateSample(b *testing.B) {
	s := Submission{Admin: "admin@sample.com", Email: "migration@sample.com", FullName: "홍길동", BirthDate: "2002-11-08",
		KYCStatus: "approved", IDType: "drivers_license", IssuingCountry: "KOR", Nationality: "USA", Gender: "male",
		IssueDate: "2011-08-07", ExpireDate: "2025-08-07", IdentityNumber: "021108-2222555", UserID: "migrated-user2"}
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(s, today); err != nil {
			b.Fatal(err)
		}
	}
}
