// Package batchtest makes large, realistic inputs for measuring the batch
// importer: an export from another vendor, as many rows as asked, with the
// mapping file that reads it.
package batchtest

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Mapping reads what WriteCSV writes: the same mapping as the README's
// worked example (apiclient/batch/testdata/vendor-mapping.toml).
const Mapping = `ignore = ["Risk Score", "Notes"]

[columns]
"Customer No." = "userid"
"Name (Korean)" = "fullName"
"E-Mail Address" = "email"
"Document" = "idType"
"Doc Country" = "issuingCountry"
"Document No." = "documentNumber"
"Resident Reg. No." = "identityNumber"
"Issued" = "issueDate"
"Expires" = "expireDate"
"Verification Result" = "kycStatus"
"Street Address" = "address_street"

[dates]
"Date of Birth" = "DD.MM.YYYY"
"Issued" = "YYYYMMDD"
"Expires" = "excel"

[set]
admin = "ops@acme.example"

[values.gender]
M = "male"
F = "female"

[values.idType]
DL = "drivers_license"
PP = "passport"
ID = "government_id"

[values.kycStatus]
PASS = "approved"
FAIL = "rejected"

[values.issuingCountry]
KR = "KOR"
US = "USA"
`

// Header is the first line WriteCSV writes.
const Header = "Customer No.;Name (Korean);E-Mail Address;Date of Birth;Sex;Document;Doc Country;Nationality;Document No.;Resident Reg. No.;Issued;Expires;Verification Result;Street Address;City;Province;Risk Score;Notes"

// Refusals says which rows WriteCSV makes invalid or repeated: one row in
// InvalidEvery has a date that does not exist, and one in RepeatEvery
// repeats the email of the row before it.
const (
	InvalidEvery = 1000
	RepeatEvery  = 1000
)

var (
	family = []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"}
	given  = []string{"민준", "서연", "지훈", "수아", "도윤", "하은", "예린", "서준", "지우", "시우", "하준", "지아"}
	cities = [][2]string{{"Seoul", "Seoul"}, {"Busan", "Busan"}, {"Incheon", "Incheon"}, {"Suwon", "Gyeonggi"}, {"Daegu", "Daegu"}}
	docs   = []string{"DL", "PP", "ID"}
)

// excelDay is the spreadsheet serial number of t (1900 date system).
func excelDay(t time.Time) int {
	return int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// WriteCSV writes a semicolon-separated UTF-8 export with a byte-order
// mark and CRLF line ends, as a spreadsheet saves it: a header and rows
// rows, the same for the same seed.
func WriteCSV(w io.Writer, rows int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	r := rand.New(rand.NewPCG(seed, 1))
	bw.WriteString("\ufeff" + Header + "\r\n")
	for i := 1; i <= rows; i++ {
		birth := time.Date(1950+r.IntN(40), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		issued := birth.AddDate(18+r.IntN(10), r.IntN(12), r.IntN(28))
		expires := issued.AddDate(10, 0, 0)
		email := i
		if i%RepeatEvery == RepeatEvery/2 {
			email = i - 1
		}
		birthText := birth.Format("02.01.2006")
		if i%InvalidEvery == 0 {
			birthText = fmt.Sprintf("31.04.%d", birth.Year())
		}
		city := cities[r.IntN(len(cities))]
		sex, result := "M", "PASS"
		if r.IntN(2) == 0 {
			sex = "F"
		}
		if r.IntN(10) == 0 {
			result = "FAIL"
		}
		country := "KR"
		if r.IntN(20) == 0 {
			country = "US"
		}
		fmt.Fprintf(bw, "C-%07d;%s%s;user%07d@example.com;%s;%s;%s;%s;KOR;%02d-%02d-%06d-%02d;%s-%d%06d;%s;%d;%s;%d Teheran-ro;%s;%s;%d;%s\r\n",
			i, family[r.IntN(len(family))], given[r.IntN(len(given))], email, birthText, sex, docs[r.IntN(len(docs))], country,
			r.IntN(100), r.IntN(100), r.IntN(1000000), r.IntN(100), birth.Format("060102"), 1+r.IntN(4), r.IntN(1000000),
			issued.Format("20060102"), excelDay(expires), result, 1+r.IntN(999), city[0], city[1], r.IntN(100), notes(r))
	}
	return bw.Flush()
}

func notes(r *rand.Rand) string {
	switch r.IntN(50) {
	case 0:
		return "\"called twice; prefers email\""
	case 1:
		return "\"VIP\r\nsecond line\""
	}
	return ""
}
