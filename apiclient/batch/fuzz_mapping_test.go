package batch

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

// FuzzMapping: any mapping file, header and row give a mapper error, an
// input error naming a line, or a record; a record checked by the Checker is
// valid exactly when the rulebook has nothing against it, and each of its
// problems names a known code.
func FuzzMapping(f *testing.F) {
	vendor := "[columns]\n\"Birth\" = \"birthDate\"\n[dates]\nBirth = \"DD.MM.YYYY\"\n[values.gender]\nM = \"male\"\n[set]\nadmin = \"ops@acme.example\"\n"
	f.Add(vendor, "email,Birth,sex,fullName,kycStatus,idType,issuingCountry", "a@b.co,29.02.1992,M,Kim,approved,passport,KOR")
	f.Add(vendor, "email,Birth", "a@b.co,31.02.1992")
	f.Add(`{"columns":{"x":"cf1"},"ignore":["y"],"dates":{"d":"excel"}}`, "x,y,d,email", "1,2,60,a@b.co")
	f.Add("ignore = [\"n\"]", "n,dob,ip", "1,45351,::1")
	f.Add("[columns]\nname = \"\"", "name,full_name", "a,b")
	f.Add("", "email,E-mail", "a@b.co,c@d.ef")
	f.Add("[values.idType]\nDL = \"drivers_license\"", "id_type,,row,field,error,suggestion", "dl,x,1,a,b,c")
	f.Fuzz(func(t *testing.T, mapping, header, row string) {
		m, err := ParseMapping([]byte(mapping), false)
		if err != nil {
			return
		}
		mp, err := NewMapper(m, MapperOptions{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			var me *MappingError
			if !errors.As(err, &me) {
				t.Fatalf("mapper error %v (%T)", err, err)
			}
			return
		}
		in := []byte(header + "\n" + row + "\n" + row + "\n")
		rd, err := Open(bytes.NewReader(in), ReadOptions{Encoding: EncodingUTF8})
		if err != nil {
			checkInputError(t, in, err)
			return
		}
		c := NewChecker(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
		var r Row
		for {
			err := rd.Next(&r)
			if err == io.EOF {
				return
			}
			if err != nil {
				checkInputError(t, in, err)
				return
			}
			rec, err := mp.Map(&r, rd.Columns())
			if err != nil {
				var me *MappingError
				if !errors.As(err, &me) || !errors.Is(err, apiclient.ErrInvalidPayload) {
					t.Fatalf("map error %v (%T)", err, err)
				}
				return
			}
			c.Check(&rec)
			verr := apiclient.Validate(rec.Submission, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			if rec.Valid() && verr != nil {
				t.Fatalf("row %d passed the check but the rulebook says %v", rec.Row, verr)
			}
			if !rec.Valid() && len(rec.Problems) == 0 && rec.RepeatField == "" {
				t.Fatalf("row %d refused without a reason", rec.Row)
			}
			if rec.Row == 2 && (emailKey(rec.Submission.Email) != "" || strings.TrimSpace(rec.Submission.UserID) != "") && rec.RepeatOf != 1 {
				t.Fatalf("row 2, the same as row 1, repeats row %d", rec.RepeatOf)
			}
			for _, p := range rec.Problems {
				switch p.Code {
				case apiclient.CodeMissingData, apiclient.CodeInvalidFormat, apiclient.CodeInvalidParameter:
				default:
					t.Fatalf("problem %v has code %q", p, p.Code)
				}
			}
		}
	})
}
