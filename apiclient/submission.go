package apiclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient/i18n"
)

// Field keys, exactly as the vendor spells them in the request body.
const (
	FieldAdmin          = "admin"
	FieldEmail          = "email"
	FieldFullName       = "fullName"
	FieldBirthDate      = "birthDate"
	FieldKYCStatus      = "kycStatus"
	FieldIDType         = "idType"
	FieldIssuingCountry = "issuingCountry"
	FieldNationality    = "nationality"
	FieldGender         = "gender"
	FieldIssueDate      = "issueDate"
	FieldExpireDate     = "expireDate"
	FieldIPAddress      = "ipAddress"
	FieldIdentityNumber = "identityNumber"
	FieldDocumentNumber = "documentNumber"
	FieldAddressCity    = "address_city"
	FieldAddressCountry = "address_country"
	FieldAddressState   = "address_state"
	FieldAddressStreet  = "address_street"
	FieldAddressFull    = "address_full"
	FieldCF1            = "cf1"
	FieldCF2            = "cf2"
	FieldCF3            = "cf3"
	FieldUserID         = "userid"
)

// Submission is one KYC record in the migration API's body format: 23 string
// fields. Empty fields are left out of the encoded body, because the server
// checks the format of whatever it is given.
type Submission struct {
	Admin          string `json:"admin,omitempty"`
	Email          string `json:"email,omitempty"`
	FullName       string `json:"fullName,omitempty"`
	BirthDate      string `json:"birthDate,omitempty"`
	KYCStatus      string `json:"kycStatus,omitempty"`
	IDType         string `json:"idType,omitempty"`
	IssuingCountry string `json:"issuingCountry,omitempty"`
	Nationality    string `json:"nationality,omitempty"`
	Gender         string `json:"gender,omitempty"`
	IssueDate      string `json:"issueDate,omitempty"`
	ExpireDate     string `json:"expireDate,omitempty"`
	IPAddress      string `json:"ipAddress,omitempty"`
	IdentityNumber string `json:"identityNumber,omitempty"`
	DocumentNumber string `json:"documentNumber,omitempty"`
	AddressCity    string `json:"address_city,omitempty"`
	AddressCountry string `json:"address_country,omitempty"`
	AddressState   string `json:"address_state,omitempty"`
	AddressStreet  string `json:"address_street,omitempty"`
	AddressFull    string `json:"address_full,omitempty"`
	CF1            string `json:"cf1,omitempty"`
	CF2            string `json:"cf2,omitempty"`
	CF3            string `json:"cf3,omitempty"`
	UserID         string `json:"userid,omitempty"`
}

// Ptr returns a pointer to the field named by its wire key, or nil for a key
// the API does not know. Forms bind to these pointers.
func (s *Submission) Ptr(key string) *string {
	switch key {
	case FieldAdmin:
		return &s.Admin
	case FieldEmail:
		return &s.Email
	case FieldFullName:
		return &s.FullName
	case FieldBirthDate:
		return &s.BirthDate
	case FieldKYCStatus:
		return &s.KYCStatus
	case FieldIDType:
		return &s.IDType
	case FieldIssuingCountry:
		return &s.IssuingCountry
	case FieldNationality:
		return &s.Nationality
	case FieldGender:
		return &s.Gender
	case FieldIssueDate:
		return &s.IssueDate
	case FieldExpireDate:
		return &s.ExpireDate
	case FieldIPAddress:
		return &s.IPAddress
	case FieldIdentityNumber:
		return &s.IdentityNumber
	case FieldDocumentNumber:
		return &s.DocumentNumber
	case FieldAddressCity:
		return &s.AddressCity
	case FieldAddressCountry:
		return &s.AddressCountry
	case FieldAddressState:
		return &s.AddressState
	case FieldAddressStreet:
		return &s.AddressStreet
	case FieldAddressFull:
		return &s.AddressFull
	case FieldCF1:
		return &s.CF1
	case FieldCF2:
		return &s.CF2
	case FieldCF3:
		return &s.CF3
	case FieldUserID:
		return &s.UserID
	}
	return nil
}

// Get returns the value of the field named by its wire key ("" for an
// unknown key).
func (s *Submission) Get(key string) string {
	if p := s.Ptr(key); p != nil {
		return *p
	}
	return ""
}

// Set stores v in the field named by its wire key and reports whether the key
// is one the API knows.
func (s *Submission) Set(key, v string) bool {
	p := s.Ptr(key)
	if p == nil {
		return false
	}
	*p = v
	return true
}

// IsZero reports whether no field holds a value.
func (s Submission) IsZero() bool { return s == Submission{} }

// Body encodes the record as the documented JSON request body, without HTML
// escaping so that the bytes sent match what an operator would type in curl.
func (s Submission) Body() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encoding record: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// maxRecordBytes bounds a record file; a real record is well under 4 KiB.
const maxRecordBytes = 1 << 20

// DecodeSubmission reads one record in the documented JSON body format. Keys
// the API does not know and values that are not strings are reported the way
// the server would report them (invalid_parameter, invalid_format), all at
// once, as a *ValidationError. Malformed JSON is an ErrInvalidPayload, and
// so are a key given twice (*DuplicateKeyError) and text that is not UTF-8
// (*EncodingError), which a plain decode would pass over in silence. A
// leading byte-order mark is dropped.
func DecodeSubmission(r io.Reader) (Submission, error) {
	var s Submission
	data, err := io.ReadAll(io.LimitReader(r, maxRecordBytes+1))
	if err != nil {
		return s, fmt.Errorf("%s: %w", i18n.T("record.file.unreadable"), err)
	}
	if len(data) > maxRecordBytes {
		return s, &recordFileError{say("record.file.too_large", maxRecordBytes)}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf16Text(data) {
		return s, &recordFileError{say("record.file.utf16")}
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return s, &recordFileError{plainJSONError(data, err)}
	}
	if raw == nil {
		return s, &recordFileError{say("record.file.not_object")}
	}
	if dec.More() {
		return s, &recordFileError{say("record.file.several")}
	}
	if err := scanRecord(data); err != nil {
		return s, err
	}
	var problems []*FieldError
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		p := s.Ptr(key)
		if p == nil {
			problems = append(problems, unknownField(key))
			continue
		}
		if err := json.Unmarshal(raw[key], p); err != nil {
			problems = append(problems, fieldError(key, CodeInvalidFormat, say("record.file.not_string"), ""))
		}
	}
	if len(problems) > 0 {
		return s, &ValidationError{Problems: problems}
	}
	return s, nil
}

// utf16Text reports whether data looks like UTF-16 text (Notepad's
// "Unicode"): its byte-order mark, or a zero byte in its first two, which
// no JSON text in UTF-8 has.
func utf16Text(data []byte) bool {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return true
	case len(data) >= 2 && (data[0] == 0) != (data[1] == 0):
		return true
	}
	return false
}

// recordFileError is a record file that cannot be read as one record;
// it matches ErrInvalidPayload, and nothing is sent.
type recordFileError struct{ why text }

func (e *recordFileError) Error() string { return i18n.T("record.file.invalid", e.why.String()) }

// Is makes it match ErrInvalidPayload.
func (e *recordFileError) Is(target error) bool { return target == ErrInvalidPayload }

// plainJSONError says why data is not JSON, with the place in the file:
// the character that cannot be there, or the end that came too soon.
func plainJSONError(data []byte, err error) text {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se) && se.Offset > 0 && int(se.Offset) <= len(data):
		// Offset counts the bytes read, the wrong one's first byte included.
		at := int(se.Offset) - 1
		for at > 0 && !utf8.RuneStart(data[at]) {
			at--
		}
		r, _ := utf8.DecodeRune(data[at:])
		return say("record.file.json_at", positionAt(data, at).text(), string(r))
	case errors.As(err, &te) && te.Field == "":
		return say("record.file.not_object") // an array, a string, a number
	case errors.Is(err, io.EOF):
		return say("record.file.empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return say("record.file.truncated", positionAt(data, len(data)).text())
	}
	return say("record.file.json", err.Error())
}

// SuggestKey is the documented key that differs from key only by case or
// punctuation (fullname → fullName, address-city → address_city), or "".
func SuggestKey(key string) string {
	norm := func(k string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(k))
	}
	n := norm(key)
	for _, f := range Fields {
		if norm(f.Key) == n {
			return f.Key
		}
	}
	return ""
}
