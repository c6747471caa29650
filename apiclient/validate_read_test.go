package apiclient

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A record file's problems come all at once: the keys the API does not
// know and the values that are not text (the decode's) together with every
// field rule the rest breaks, a refused value never again as "required".
func TestValidateReadReportsEveryProblemOnce(t *testing.T) {
	tests := []struct {
		name   string
		change map[string]string // key → raw JSON value; "" removes the key
		want   []string          // field:code, in order
	}{
		{"unknown key and four broken rules",
			map[string]string{"email": `"bad@@x"`, "birthDate": `"2002-13-08"`, "gender": `"M"`, "issuingCountry": `"KR"`, "nick": `"x"`},
			[]string{"email:invalid_format", "birthDate:invalid_format", "issuingCountry:invalid_format", "gender:invalid_format", "nick:invalid_parameter"}},
		{"a number where text belongs and a missing field",
			map[string]string{"birthDate": `20021108`, "fullName": ""},
			[]string{"fullName:missing_data", "birthDate:invalid_format"}},
		{"only unknown keys", map[string]string{"zeta": `"1"`, "alpha": `"2"`}, []string{"alpha:invalid_parameter", "zeta:invalid_parameter"}},
		{"only rules", map[string]string{"gender": `"M"`}, []string{"gender:invalid_format"}},
		{"nothing wrong", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := DecodeSubmission(strings.NewReader(recordJSON(tt.change)))
			if err != nil {
				err = fmt.Errorf("reading record.json: %w", err) // as the command wraps it
			}
			err = ValidateRead(s, err, today)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Field+":"+p.Code)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
		})
	}
}

// A file that is not one record is not a list of field problems: it comes
// back as it is.
func TestValidateReadKeepsAFileError(t *testing.T) {
	s, err := DecodeSubmission(strings.NewReader(`{"email": "a@b.co"`))
	if err == nil {
		t.Fatal("a truncated file was read")
	}
	if got := ValidateRead(s, err, today); got != err {
		t.Errorf("got %v, want the decode's own error %v", got, err)
	}
}

// recordJSON is the sample record with change applied, as a JSON object.
func recordJSON(change map[string]string) string {
	s := sample()
	var parts []string
	for _, f := range Fields {
		if _, ok := change[f.Key]; ok {
			continue
		}
		if v := s.Get(f.Key); v != "" {
			parts = append(parts, fmt.Sprintf("%q: %q", f.Key, v))
		}
	}
	for k, v := range change {
		if v != "" {
			parts = append(parts, fmt.Sprintf("%q: %s", k, v))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
