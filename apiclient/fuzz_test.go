package apiclient

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeResponse: whatever a server sends, decoding gives an id or a
// typed error, never a panic, and never lets an escape character through.
func FuzzDecodeResponse(f *testing.F) {
	for _, seed := range []string{
		`{"message":"success","submissionId":"submissionId2_mg"}`,
		`{"errorCode":"invalid_format","message":"invalid format: birthDate"}`,
		`{"errorCode":"invalid_parameter","message":"invalid parameter:"}`,
		`{"message":"Forbidden"}`, `{"message":"x","statusCode":400}`, `{"errorCode":7}`,
		`{"data":"AAAA","isEncrypted":true}`, `{"data":12,"isEncrypted":true}`,
		`<html><body>502</body></html>`, ``, `null`, `[]`, "\x1b[2J", `{"submissionId":"\u001b]0;x\u0007"}`,
	} {
		f.Add(200, []byte(seed))
		f.Add(400, []byte(seed))
		f.Add(502, []byte(seed))
	}
	c := &Client{key: "fuzz-key"}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		id, err := c.decodeResponse(status, body)
		if (id == "") == (err == nil) {
			t.Fatalf("id %q with err %v", id, err)
		}
		if strings.ContainsRune(id, 0x1b) || (err != nil && strings.ContainsRune(err.Error(), 0x1b)) {
			t.Fatalf("escape character reached the caller: %q %v", id, err)
		}
		var apiErr *APIError
		if err != nil && !errors.As(err, &apiErr) {
			t.Fatalf("untyped error %T", err)
		}
	})
}

// FuzzValidate: the rulebook never panics, reports each problem once with a
// known code, and accepts no control character.
func FuzzValidate(f *testing.F) {
	f.Add("admin@sample.com", "2002-11-08", "KOR", "drivers_license", "192.0.2.1", "홍길동")
	f.Add("a@b", "2023-02-29", "kor", "Passport", "::1", "x\x1by")
	f.Add("", "0000-00-00", "", "", "", "")
	f.Fuzz(func(t *testing.T, email, date, country, idType, ip, name string) {
		s := Submission{Admin: email, Email: email, FullName: name, BirthDate: date, IssueDate: date,
			ExpireDate: date, IssuingCountry: country, Nationality: country, IDType: idType,
			KYCStatus: idType, Gender: idType, IPAddress: ip}
		err := Validate(s, today)
		if err == nil {
			for _, v := range []string{email, date, country, idType, ip, name} {
				if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					t.Fatalf("control character accepted in %q", v)
				}
			}
			return
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("untyped error %T", err)
		}
		seen := map[string]bool{}
		for _, p := range ve.Problems {
			if seen[p.Field] || (p.Code != CodeMissingData && p.Code != CodeInvalidFormat) || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
			seen[p.Field] = true
			if utf8.ValidString(p.Suggestion) && p.Suggestion != "" {
				s2 := s
				s2.Set(p.Field, p.Suggestion)
				if q := CheckField(&s2, p.Field, today); q != nil && q.Suggestion == p.Suggestion {
					t.Fatalf("suggestion %q for %s is refused the same way: %v", p.Suggestion, p.Field, q)
				}
			}
		}
	})
}

// FuzzDecodeSubmission: a record file decodes or gives a typed error.
func FuzzDecodeSubmission(f *testing.F) {
	f.Add([]byte(`{"admin":"a@b.co","fullName":"홍길동"}`))
	f.Add([]byte(`{"nickname":1}`))
	f.Add([]byte(`{"cf1":null}{}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"email":"a@b.co","\u0065mail":"c@d.co"}`))
	f.Add([]byte("\ufeff{\"fullName\":\"Jos\xe9\"}"))
	f.Add([]byte("{\"full\xffName\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSubmission(bytes.NewReader(data))
		if err != nil && !errors.Is(err, ErrInvalidRecord) && !errors.Is(err, ErrInvalidPayload) {
			t.Fatalf("untyped error %v", err)
		}
		if err == nil {
			if _, err := s.Body(); err != nil {
				t.Fatal(err)
			}
			// What a plain decode would have hidden is refused: text
			// that is not UTF-8 never reaches a field as U+FFFD.
			if !utf8.Valid(bytes.TrimPrefix(data, utf8BOM)) {
				t.Fatalf("a file that is not UTF-8 was taken: %q", data)
			}
		}
	})
}
