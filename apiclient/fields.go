package apiclient

import "strings"

// Kind says what sort of value a field holds, so that forms, the review
// screen and the accessible prompts can pick a widget and a format hint.
type Kind int

// The kinds of field the migration API has.
const (
	KindText Kind = iota
	KindEmail
	KindDate
	KindEnum
	KindCountry
	KindIP
)

// FieldSpec describes one documented field of the migration body.
type FieldSpec struct {
	Key       string // wire key, e.g. "address_city"
	Label     string // what an operator calls it
	Required  bool
	Kind      Kind
	Format    string // the expected format, in words
	Sensitive bool   // masked on screen until revealed
	// Joiners: free text in which a zero-width joiner or non-joiner
	// (U+200D, U+200C) is part of the spelling, as in Indic scripts and
	// Persian; accepted there between two letters (see checkInvisible).
	Joiners bool
}

// Fields lists the 23 documented fields (the vendor's sample uses all but ipAddress) in the vendor's order.
var Fields = []FieldSpec{
	{Key: FieldAdmin, Label: "Admin account", Required: true, Kind: KindEmail, Format: "email of an admin registered on the project's dashboard"},
	{Key: FieldEmail, Label: "Email", Required: true, Kind: KindEmail, Format: "email address, e.g. name@example.com"},
	{Key: FieldFullName, Label: "Full name", Required: true, Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldBirthDate, Label: "Birth date", Required: true, Kind: KindDate, Format: "date as YYYY-MM-DD"},
	{Key: FieldKYCStatus, Label: "KYC status", Required: true, Kind: KindEnum, Format: "approved or rejected"},
	{Key: FieldIDType, Label: "ID type", Required: true, Kind: KindEnum, Format: "one of drivers_license, government_id, passport, residence_permit, vehicle_registration_certificate, visa, aadhaar, pancard"},
	{Key: FieldIssuingCountry, Label: "Issuing country", Required: true, Kind: KindCountry, Format: "ISO 3166-1 alpha-3 code, e.g. KOR"},
	{Key: FieldNationality, Label: "Nationality", Kind: KindCountry, Format: "ISO 3166-1 alpha-3 code, e.g. USA"},
	{Key: FieldGender, Label: "Gender", Kind: KindEnum, Format: "female or male"},
	{Key: FieldIssueDate, Label: "Issue date", Kind: KindDate, Format: "date as YYYY-MM-DD"},
	{Key: FieldExpireDate, Label: "Expiry date", Kind: KindDate, Format: "date as YYYY-MM-DD, after the issue date"},
	{Key: FieldIPAddress, Label: "IP address", Kind: KindIP, Format: "IPv4 or IPv6 address"},
	{Key: FieldIdentityNumber, Label: "Identity number", Kind: KindText, Format: "national identity number", Sensitive: true},
	{Key: FieldDocumentNumber, Label: "Document number", Kind: KindText, Format: "any text"},
	{Key: FieldAddressCity, Label: "City", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldAddressCountry, Label: "Country (address)", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldAddressState, Label: "State", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldAddressStreet, Label: "Street", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldAddressFull, Label: "Full address", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldCF1, Label: "Custom field 1", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldCF2, Label: "Custom field 2", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldCF3, Label: "Custom field 3", Kind: KindText, Format: "any text", Joiners: true},
	{Key: FieldUserID, Label: "User ID", Kind: KindText, Format: "the customer's own user id"},
}

// Label is what an operator calls the field with the given wire key, or the
// key itself when it is not one of the API's fields.
func Label(key string) string {
	if s, ok := Spec(key); ok {
		return s.Label
	}
	return key
}

// Spec returns the description of the field with the given wire key.
func Spec(key string) (FieldSpec, bool) {
	if i, ok := specIndex[key]; ok && Fields[i].Key == key {
		return Fields[i], true
	}
	for _, f := range Fields { // Fields changed since the index was made
		if f.Key == key {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// specIndex finds a field in Fields in one step: the rulebook looks every
// field up for every record it checks, a million times in a large import.
var specIndex = func() map[string]int {
	m := make(map[string]int, len(Fields))
	for i, f := range Fields {
		m[f.Key] = i
	}
	return m
}()

// Option is one allowed value of an enumerated field with words for people.
type Option struct {
	Value string
	Label string
}

// IDTypes lists the documented idType values.
var IDTypes = []Option{
	{"drivers_license", "Driver's license"},
	{"government_id", "Government ID card"},
	{"passport", "Passport"},
	{"residence_permit", "Residence permit"},
	{"vehicle_registration_certificate", "Vehicle registration certificate"},
	{"visa", "Visa"},
	{"aadhaar", "Aadhaar (India)"},
	{"pancard", "PAN card (India)"},
}

// KYCStatuses lists the documented kycStatus values.
var KYCStatuses = []Option{
	{"approved", "Approved"},
	{"rejected", "Rejected"},
}

// Genders lists the documented gender values; the field is optional.
var Genders = []Option{
	{"female", "Female"},
	{"male", "Male"},
}

// EnumOptions returns the allowed values of an enumerated field.
func EnumOptions(key string) []Option {
	switch key {
	case FieldIDType:
		return IDTypes
	case FieldKYCStatus:
		return KYCStatuses
	case FieldGender:
		return Genders
	}
	return nil
}

// ValueWords is a value as people read it beside its wire form, on the
// review and in the prompts: an enumeration's words with the value where
// they differ ("Driver's license (drivers_license)", just "Male" for male),
// a country's code with its everyday name ("KOR (South Korea)"), any other
// value cleaned of control characters. Sensitive values are for the caller
// to mask.
func ValueWords(key, v string) string {
	for _, o := range EnumOptions(key) {
		if o.Value != v {
			continue
		}
		if strings.EqualFold(o.Label, o.Value) {
			return o.Label
		}
		return o.Label + " (" + o.Value + ")"
	}
	if s, ok := Spec(key); ok && s.Kind == KindCountry {
		if c, ok := LookupCountry(v); ok {
			name := c.CommonName
			if name == "" {
				name = c.Name
			}
			return c.Alpha3 + " (" + name + ")"
		}
	}
	return Sanitize(v)
}
