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
	// Korean exports (a column named like a field's Korean label, 이메일 or
	// 생년월일, needs no entry: see autoField).
	"이름":     apiclient.FieldFullName,
	"고객명":    apiclient.FieldFullName,
	"메일":     apiclient.FieldEmail,
	"이메일주소":  apiclient.FieldEmail,
	"생일":     apiclient.FieldBirthDate,
	"인증결과":   apiclient.FieldKYCStatus,
	"kyc상태":  apiclient.FieldKYCStatus,
	"신분증":    apiclient.FieldIDType,
	"신분증유형":  apiclient.FieldIDType,
	"발급국":    apiclient.FieldIssuingCountry,
	"국가":     apiclient.FieldIssuingCountry,
	"발급일자":   apiclient.FieldIssueDate,
	"만료일자":   apiclient.FieldExpireDate,
	"유효기간":   apiclient.FieldExpireDate,
	"주민번호":   apiclient.FieldIdentityNumber,
	"여권번호":   apiclient.FieldDocumentNumber,
	"면허번호":   apiclient.FieldDocumentNumber,
	"신분증번호":  apiclient.FieldDocumentNumber,
	"시":      apiclient.FieldAddressCity,
	"시도":     apiclient.FieldAddressState,
	"도":      apiclient.FieldAddressState,
	"도로명":    apiclient.FieldAddressStreet,
	"주소":     apiclient.FieldAddressFull,
	"회원id":   apiclient.FieldUserID,
	"회원아이디":  apiclient.FieldUserID,
	"아이디":    apiclient.FieldUserID,
	"관리자":    apiclient.FieldAdmin,
	"관리자이메일": apiclient.FieldAdmin,
	"신분증앞면":  string(apiclient.ImageIDFront),
	"신분증뒷면":  string(apiclient.ImageIDBack),
	"셀카":     string(apiclient.ImageSelfie),
	"얼굴사진":   string(apiclient.ImageSelfie),
	"주소증빙":   string(apiclient.ImageAddressProof),
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
	// A field's label, in English or Korean ("Birth date", "생년월일"):
	// what a sheet exported from a form or a dashboard is headed with.
	for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
		for _, f := range apiclient.Fields {
			if normName(apiclient.LabelIn(l, f.Key)) == n {
				return f.Key, HowAlias
			}
		}
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
