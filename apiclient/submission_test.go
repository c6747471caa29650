package apiclient

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestBodyLeavesOutEmptyFields(t *testing.T) {
	s := Submission{Admin: "a@b.co", FullName: "홍길동 <&>"}
	body, err := s.Body()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(body), `{"admin":"a@b.co","fullName":"홍길동 <&>"}`; got != want {
		t.Fatalf("body %s, want %s", got, want)
	}
}

func TestSampleFileRoundTrip(t *testing.T) {
	f, err := os.Open("../testdata/sample-record.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := DecodeSubmission(f)
	if err != nil {
		t.Fatal(err)
	}
	if s != sample() {
		t.Fatalf("decoded %+v, want the vendor's sample", s)
	}
	body, _ := s.Body()
	var m map[string]string
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != 22 {
		t.Fatalf("body has %d keys, want the sample's 22 (every field but ipAddress)", len(m))
	}
	for _, f := range Fields {
		if _, ok := m[f.Key]; !ok && f.Key != FieldIPAddress {
			t.Errorf("body lacks %s", f.Key)
		}
	}
}

func TestDecodeSubmission(t *testing.T) {
	tests := []struct {
		name, in  string
		wantErr   error
		wantField string
		wantCode  string
		wantMsg   string
	}{
		{name: "unknown key", in: `{"admin":"a@b.co","firstName":"x"}`, wantErr: ErrInvalidRecord, wantField: "firstName", wantCode: CodeInvalidParameter},
		{name: "wrong case key", in: `{"fullname":"x"}`, wantErr: ErrInvalidRecord, wantField: "fullname", wantCode: CodeInvalidParameter, wantMsg: `did you mean "fullName"`},
		{name: "dash key", in: `{"address-city":"x"}`, wantErr: ErrInvalidRecord, wantMsg: `did you mean "address_city"`},
		{name: "number value", in: `{"birthDate":20021108}`, wantErr: ErrInvalidRecord, wantField: "birthDate", wantCode: CodeInvalidFormat},
		{name: "null value", in: `{"cf1":null}`},
		{name: "not json", in: `admin=a@b.co`, wantErr: ErrInvalidPayload, wantMsg: "not valid JSON"},
		{name: "array", in: `[{"admin":"a@b.co"}]`, wantErr: ErrInvalidPayload},
		{name: "two records", in: `{"admin":"a@b.co"}{"admin":"c@d.co"}`, wantErr: ErrInvalidPayload, wantMsg: "one record at a time"},
		{name: "empty", in: ``, wantErr: ErrInvalidPayload, wantMsg: "empty"},
		{name: "null", in: `null`, wantErr: ErrInvalidPayload},
		{name: "too large", in: `{"cf1":"` + strings.Repeat("x", maxRecordBytes) + `"}`, wantErr: ErrInvalidPayload, wantMsg: "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeSubmission(strings.NewReader(tt.in))
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("%q does not say %q", err, tt.wantMsg)
			}
			var ve *ValidationError
			if tt.wantField != "" {
				if !errors.As(err, &ve) || ve.Field(tt.wantField) == nil || ve.Field(tt.wantField).Code != tt.wantCode {
					t.Errorf("got %v, want %s on %s", err, tt.wantCode, tt.wantField)
				}
			}
		})
	}
}

func TestPtrCoversEveryField(t *testing.T) {
	var s Submission
	seen := map[*string]bool{}
	for _, f := range Fields {
		p := s.Ptr(f.Key)
		if p == nil || seen[p] {
			t.Fatalf("Ptr(%s) = %v", f.Key, p)
		}
		seen[p] = true
		s.Set(f.Key, f.Key)
	}
	body, _ := s.Body()
	var m map[string]string
	_ = json.Unmarshal(body, &m)
	for k, v := range m {
		if k != v {
			t.Errorf("Set(%s) landed in %s", v, k)
		}
	}
	if s.Ptr("nope") != nil || s.Set("nope", "x") {
		t.Error("unknown key accepted")
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain 홍길동":            "plain 홍길동",
		"\x1b]0;pwned\a title": "␛]0;pwned␇ title",
		"clear\x1b[2J":         "clear␛[2J",
		"line\nbreak\ttab":     "line break tab",
		"bidi \u202eevil":      "bidi �evil",
		"c1 \u009b31m":         "c1 �31m",
		"del\x7f":              "del␡",
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
