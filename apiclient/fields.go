package apiclient

import (
	"slices"
	"strings"
	"sync"

	"argos-migrate/apiclient/i18n"
)

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
//
// Label and Format are words for people, in the run's language, from the
// "fields" message catalog (apiclient/i18n/catalog/fields.*.toml): Spec
// fills them in. In the Fields table itself they are empty, so read a
// field's words through Spec or Label, never from Fields.
type FieldSpec struct {
	Key       string // wire key, e.g. "address_city"
	Label     string // what an operator calls it: "Admin account", "관리자 계정"
	Required  bool
	Kind      Kind
	Format    string // the expected format, in words
	Sensitive bool   // masked on screen until revealed
	// Joiners: free text in which a zero-width joiner or non-joiner
	// (U+200D, U+200C) is part of the spelling, as in Indic scripts and
	// Persian; accepted there between two letters (see checkInvisible).
	Joiners bool
}

// Fields lists the 23 documented fields (the vendor's sample uses all but
// ipAddress) in the vendor's order. Their Label and Format are empty here:
// Spec and Label give them in the run's language.
var Fields = []FieldSpec{
	{Key: FieldAdmin, Required: true, Kind: KindEmail},
	{Key: FieldEmail, Required: true, Kind: KindEmail},
	{Key: FieldFullName, Required: true, Kind: KindText, Joiners: true},
	{Key: FieldBirthDate, Required: true, Kind: KindDate},
	{Key: FieldKYCStatus, Required: true, Kind: KindEnum},
	{Key: FieldIDType, Required: true, Kind: KindEnum},
	{Key: FieldIssuingCountry, Required: true, Kind: KindCountry},
	{Key: FieldNationality, Kind: KindCountry},
	{Key: FieldGender, Kind: KindEnum},
	{Key: FieldIssueDate, Kind: KindDate},
	{Key: FieldExpireDate, Kind: KindDate},
	{Key: FieldIPAddress, Kind: KindIP},
	{Key: FieldIdentityNumber, Kind: KindText, Sensitive: true},
	{Key: FieldDocumentNumber, Kind: KindText},
	{Key: FieldAddressCity, Kind: KindText, Joiners: true},
	{Key: FieldAddressCountry, Kind: KindText, Joiners: true},
	{Key: FieldAddressState, Kind: KindText, Joiners: true},
	{Key: FieldAddressStreet, Kind: KindText, Joiners: true},
	{Key: FieldAddressFull, Kind: KindText, Joiners: true},
	{Key: FieldCF1, Kind: KindText, Joiners: true},
	{Key: FieldCF2, Kind: KindText, Joiners: true},
	{Key: FieldCF3, Kind: KindText, Joiners: true},
	{Key: FieldUserID, Kind: KindText},
}

// Label is what an operator calls the field with the given wire key, in
// the run's language, or the key itself when it is not one of the API's
// fields.
func Label(key string) string { return LabelIn(i18n.Language(), key) }

// LabelIn is the field's label in language l, or the key itself when it is
// not one of the API's fields.
func LabelIn(l i18n.Lang, key string) string {
	if _, ok := specOf(key); !ok {
		return key
	}
	return i18n.In(l, "fields."+key+".label")
}

// formatIn is the field's expected format in words, in language l.
func formatIn(l i18n.Lang, key string) string {
	return i18n.In(l, "fields."+key+".format")
}

// Spec returns the description of the field with the given wire key, its
// Label and Format in the run's language.
func Spec(key string) (FieldSpec, bool) {
	s, ok := specOf(key)
	if ok {
		l := i18n.Language()
		s.Label, s.Format = LabelIn(l, key), formatIn(l, key)
	}
	return s, ok
}

// specOf is the field's entry of Fields, without words: for the rulebook and
// the failure policy, which look fields up for every record and need no
// words (and so read no catalog).
func specOf(key string) (FieldSpec, bool) {
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

// FreeText reports whether the field takes any text, so that its format
// says nothing worth showing as a hint. It reads the English catalog,
// whatever the run's language.
func (s FieldSpec) FreeText() bool {
	return s.Kind == KindText && formatIn(i18n.EN, s.Key) == "any text"
}

// Option is one allowed value of an enumerated field with words for people.
type Option struct {
	Value string
	// Label is the value in words, in the run's language, in the options
	// EnumOptions gives; empty in the tables (IDTypes, KYCStatuses,
	// Genders), whose words LabelIn gives in any language.
	Label string
	id    string // the label's message id, in the "options" catalog
}

// LabelIn is the option's words in language l.
func (o Option) LabelIn(l i18n.Lang) string {
	if o.id == "" {
		return o.Label
	}
	return i18n.In(l, o.id)
}

// IDTypes lists the documented idType values (words: EnumOptions).
var IDTypes = []Option{
	{Value: "drivers_license", id: "options.id_type.drivers_license"},
	{Value: "government_id", id: "options.id_type.government_id"},
	{Value: "passport", id: "options.id_type.passport"},
	{Value: "residence_permit", id: "options.id_type.residence_permit"},
	{Value: "vehicle_registration_certificate", id: "options.id_type.vehicle_registration_certificate"},
	{Value: "visa", id: "options.id_type.visa"},
	{Value: "aadhaar", id: "options.id_type.aadhaar"},
	{Value: "pancard", id: "options.id_type.pancard"},
}

// KYCStatuses lists the documented kycStatus values (words: EnumOptions).
var KYCStatuses = []Option{
	{Value: "approved", id: "options.kyc_status.approved"},
	{Value: "rejected", id: "options.kyc_status.rejected"},
}

// Genders lists the documented gender values; the field is optional
// (words: EnumOptions).
var Genders = []Option{
	{Value: "female", id: "options.gender.female"},
	{Value: "male", id: "options.gender.male"},
}

// enumTable is the table of an enumerated field's values, without words:
// for the rulebook, which checks every record and needs none.
func enumTable(key string) []Option {
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

// EnumOptions returns the allowed values of an enumerated field, each with
// its Label in the run's language ("Driver's license", "운전면허증"). The
// slice is shared: read it, do not modify it.
func EnumOptions(key string) []Option { return enumOptionsIn(i18n.Language(), key) }

// labelledOptions are the tables with their words, by language and field,
// made on first use.
var labelledOptions sync.Map // optionsKey → []Option

type optionsKey struct {
	lang i18n.Lang
	key  string
}

func enumOptionsIn(l i18n.Lang, key string) []Option {
	if v, ok := labelledOptions.Load(optionsKey{l, key}); ok {
		return v.([]Option)
	}
	table := enumTable(key)
	if table == nil {
		return nil
	}
	opts := slices.Clone(table)
	for i := range opts {
		opts[i].Label = opts[i].LabelIn(l)
	}
	v, _ := labelledOptions.LoadOrStore(optionsKey{l, key}, slices.Clip(opts))
	return v.([]Option)
}

// ValueWords is a value as people read it beside its wire form, on the
// review and in the prompts, in the run's language: an enumeration's words
// with the value where they differ ("Driver's license (drivers_license)",
// "운전면허증 (drivers_license)", just "Male" for male), a country's code
// with its everyday name ("KOR (South Korea)", "KOR (대한민국)"), any
// other value cleaned of control characters. Sensitive values are for the
// caller to mask.
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
	if s, ok := specOf(key); ok && s.Kind == KindCountry {
		if c, ok := LookupCountry(v); ok {
			return c.Alpha3 + " (" + c.DisplayName() + ")"
		}
	}
	return Sanitize(v)
}
