package apiclient

import (
	"strings"
	"testing"
)

// Invisible and damaged text is refused in every field, with the field and
// the place; a joiner is accepted only where a script spells with one.
func TestCheckFieldRefusesInvisibleText(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // in the message; "" means accepted
	}{
		{FieldEmail, "a\u200b@b.co", "zero-width space (U+200B) at character 2"},
		{FieldAdmin, "admin@sample.com\u2060", "word joiner (U+2060) at character 17"},
		{FieldEmail, "a\u200d@b.co", "zero-width joiner (U+200D) at character 2"},
		{FieldFullName, "홍\u200b길동", "zero-width space (U+200B) at character 2"},
		{FieldFullName, "\ufeffJohn", "byte-order mark (U+FEFF) at character 1"},
		{FieldFullName, "Jo\u00adhn", "soft hyphen (U+00AD) at character 3"},
		{FieldFullName, "Jos\xe9", "byte 0xE9 at character 4"},
		{FieldFullName, "홍길\xff동", "byte 0xFF at character 3"},
		{FieldFullName, "Jos\ufffd", "U+FFFD, the replacement character, at character 4"},
		{FieldFullName, "flag\U000E0041", "(U+E0041) at character 5"},
		{FieldFullName, "\u200dJohn", "joins no two letters"},
		{FieldFullName, "John\u200c", "joins no two letters"},
		{FieldFullName, "John \u200dSmith", "joins no two letters"},
		{FieldAddressFull, "12\u200d34 Main St", "joins no two letters"},
		{FieldIdentityNumber, "900101\u200d1234567", "zero-width joiner (U+200D) at character 7"},
		{FieldDocumentNumber, "M1234\u200b567", "zero-width space"},
		{FieldUserID, "user\u200c2", "zero-width non-joiner (U+200C) at character 5"},
		{FieldCF1, "note\u061ctext", "text-direction control (U+061C)"},
		// Spelled with joiners: Devanagari, Persian, Sinhala, Malayalam's
		// older chillu spelling (a joiner ending the word after a virama),
		// and a name in Bengali.
		{FieldFullName, "क्\u200dष", ""},
		{FieldFullName, "می\u200cخواهم", ""},
		{FieldAddressCity, "ශ්\u200dරී ජයවර්ධනපුර", ""},
		{FieldFullName, "അവന്\u200d", ""},
		{FieldAddressStreet, "র্\u200dযাব", ""},
		{FieldCF2, "홍길동", ""},
	}
	for _, tt := range tests {
		s := sample()
		s.Set(tt.key, tt.value)
		p := CheckField(&s, tt.key, today)
		switch {
		case tt.want == "" && p != nil:
			t.Errorf("%s %q refused: %v", tt.key, tt.value, p)
		case tt.want == "":
		case p == nil:
			t.Errorf("%s %q accepted", tt.key, tt.value)
		case !strings.Contains(p.Message, tt.want) || p.Field != tt.key || p.Code != CodeInvalidFormat:
			t.Errorf("%s %q: %+v, want it to say %q", tt.key, tt.value, p, tt.want)
		}
		if p != nil && tt.key == FieldIdentityNumber && strings.Contains(p.Error(), "1234567") {
			t.Errorf("the identity number is in the message: %q", p.Error())
		}
	}
}
