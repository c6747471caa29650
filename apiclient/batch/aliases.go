package batch

import (
	"maps"
	"slices"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// normName folds a column or field name for matching: case, spaces, "-" and
// "_" do not count, so "Full Name", "full_name" and "fullName" are one name.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.ContainsAny(s, " -_") {
		return s
	}
	return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(s)
}

// aliases are the column names other systems use for the API's fields,
// folded by normName. A column named like a field itself needs no entry.
var aliases = map[string]string{
	"name":           apiclient.FieldFullName,
	"customername":   apiclient.FieldFullName,
	"mail":           apiclient.FieldEmail,
	"emailaddress":   apiclient.FieldEmail,
	"dateofbirth":    apiclient.FieldBirthDate,
	"dob":            apiclient.FieldBirthDate,
	"birthday":       apiclient.FieldBirthDate,
	"status":         apiclient.FieldKYCStatus,
	"kyc":            apiclient.FieldKYCStatus,
	"kycresult":      apiclient.FieldKYCStatus,
	"documenttype":   apiclient.FieldIDType,
	"doctype":        apiclient.FieldIDType,
	"country":        apiclient.FieldIssuingCountry,
	"issuercountry":  apiclient.FieldIssuingCountry,
	"sex":            apiclient.FieldGender,
	"dateofissue":    apiclient.FieldIssueDate,
	"issuedon":       apiclient.FieldIssueDate,
	"issued":         apiclient.FieldIssueDate,
	"expires":        apiclient.FieldExpireDate,
	"expiry":         apiclient.FieldExpireDate,
	"expirydate":     apiclient.FieldExpireDate,
	"expirationdate": apiclient.FieldExpireDate,
	"dateofexpiry":   apiclient.FieldExpireDate,
	"ip":             apiclient.FieldIPAddress,
	"idnumber":       apiclient.FieldIdentityNumber,
	"nationalid":     apiclient.FieldIdentityNumber,
	"documentno":     apiclient.FieldDocumentNumber,
	"passportnumber": apiclient.FieldDocumentNumber,
	"city":           apiclient.FieldAddressCity,
	"state":          apiclient.FieldAddressState,
	"province":       apiclient.FieldAddressState,
	"street":         apiclient.FieldAddressStreet,
	"address":        apiclient.FieldAddressFull,
	"fulladdress":    apiclient.FieldAddressFull,
	"user":           apiclient.FieldUserID,
	"customerid":     apiclient.FieldUserID,
	"externalid":     apiclient.FieldUserID,
	// The image columns (images.go): file paths, not fields of the record.
	"idfront":           string(apiclient.ImageIDFront),
	"idfrontimage":      string(apiclient.ImageIDFront),
	"idphoto":           string(apiclient.ImageIDFront),
	"documentfront":     string(apiclient.ImageIDFront),
	"frontimage":        string(apiclient.ImageIDFront),
	"idback":            string(apiclient.ImageIDBack),
	"idbackside":        string(apiclient.ImageIDBack),
	"documentback":      string(apiclient.ImageIDBack),
	"backimage":         string(apiclient.ImageIDBack),
	"selfie":            string(apiclient.ImageSelfie),
	"selfiephoto":       string(apiclient.ImageSelfie),
	"faceimage":         string(apiclient.ImageSelfie),
	"addressproof":      string(apiclient.ImageAddressProof),
	"proofofaddress":    string(apiclient.ImageAddressProof),
	"addressdocument":   string(apiclient.ImageAddressProof),
	"addressproofimage": string(apiclient.ImageAddressProof),
}

// aliasNames are the aliases in a fixed order, so that a "did you mean"
// never depends on a map's order.
var aliasNames = slices.Sorted(maps.Keys(aliases))

// fieldKeys are the keys a column can fill: the API's fields, then the
// image columns' (images.go).
var fieldKeys = func() []string {
	keys := make([]string, 0, len(apiclient.Fields)+len(imageKinds))
	for _, f := range apiclient.Fields {
		keys = append(keys, f.Key)
	}
	for _, k := range imageKinds {
		keys = append(keys, string(k))
	}
	return keys
}()

// autoField is the field a column maps to by its name alone, and how: by
// the field's own name or by an alias.
func autoField(column string) (field, how string) {
	n := normName(column)
	for _, k := range fieldKeys {
		if normName(k) == n {
			return k, HowName
		}
	}
	if f, ok := aliases[n]; ok {
		return f, HowAlias
	}
	return "", ""
}

// FieldKey returns the field key a name means, ignoring case, spaces, "-"
// and "_" (birthdate, birth_date and "Birth Date" all mean birthDate), or
// an error that suggests the nearest. The image columns' fields (idImage,
// idBackImage, selfieImage, addressImage) are keys too.
func FieldKey(name string) (string, error) {
	n := normName(name)
	for _, k := range fieldKeys {
		if normName(k) == n {
			return k, nil
		}
	}
	msg := i18n.Err("batch.mapping.no_field", quoteName(name), fieldList())
	if s := suggestField(name); s != "" {
		msg = i18n.Err("batch.mapping.no_field_suggest", quoteName(name), s, fieldList())
	}
	return "", &MappingError{Msgs: []error{msg}}
}

func fieldList() string { return strings.Join(fieldKeys, ", ") }

// suggestField names the field a column most likely means, for a "did you
// mean": a field name or an alias one or two typing slips away, or one the
// column's name contains ("Customer E-mail" → email).
func suggestField(column string) string {
	n := normName(column)
	if n == "" {
		return ""
	}
	best, bestDist := "", 3
	try := func(name, field string) {
		d := apiclient.EditDistance(n, name)
		if d < bestDist && d <= max(1, len(name)/4) {
			best, bestDist = field, d
		}
	}
	for _, k := range fieldKeys {
		try(normName(k), k)
	}
	for _, a := range aliasNames {
		try(a, aliases[a])
	}
	if best != "" {
		return best
	}
	// The longest field name or alias inside the column's name.
	longest := 0
	consider := func(name, field string) {
		if len(name) >= 4 && len(name) > longest && strings.Contains(n, name) {
			best, longest = field, len(name)
		}
	}
	for _, k := range fieldKeys {
		consider(normName(k), k)
	}
	for _, a := range aliasNames {
		consider(a, aliases[a])
	}
	return best
}

// quoteName quotes a column or field name for a message, with control
// characters shown, never acting.
func quoteName(s string) string {
	return `"` + apiclient.Sanitize(s) + `"`
}
