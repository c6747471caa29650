package apiclient

import (
	"slices"
	"sync"

	"argos-migrate/apiclient/i18n"
)

// Page is one group of fields, in the order an agent thinks in: the wizard's
// form pages, the review's sections and the line prompts all follow it.
type Page struct {
	ID       string   // names the page in the "pages" catalog: "person"
	Keys     []string // wire keys, in display order
	Optional bool     // every field on the page may stay empty
}

// Title is the page's title in the run's language: "Person", "개인 정보".
func (p Page) Title() string { return i18n.T("pages." + p.ID + ".title") }

// Pages lists the pages; the form builds one huh group per page, in order.
var Pages = []Page{
	{ID: "admin", Keys: []string{FieldAdmin}},
	{ID: "person", Keys: []string{FieldFullName, FieldEmail, FieldBirthDate,
		FieldGender, FieldNationality, FieldUserID}},
	{ID: "document", Keys: []string{FieldIDType, FieldIssuingCountry, FieldDocumentNumber,
		FieldIdentityNumber, FieldIssueDate, FieldExpireDate}},
	{ID: "address", Optional: true, Keys: []string{FieldAddressStreet, FieldAddressCity,
		FieldAddressState, FieldAddressCountry, FieldAddressFull}},
	{ID: "other", Optional: true, Keys: []string{FieldIPAddress, FieldCF1, FieldCF2, FieldCF3}},
	{ID: "kyc", Keys: []string{FieldKYCStatus}},
}

// AllPages is Pages plus, on a last page titled "More", every field of the
// API that no page lists (none today), so that what is built from it (the
// review, the line prompts) shows and asks every field that would be sent.
// The slice is shared: read it, do not modify it.
func AllPages() []Page { return allPages() }

// AllKeys is every field's wire key in the order of AllPages. The slice is
// shared: read it, do not modify it.
func AllKeys() []string { return allKeys() }

var (
	allPages = sync.OnceValue(func() []Page { return completePages(Pages, Fields) })
	allKeys  = sync.OnceValue(func() []string {
		var keys []string
		for _, p := range allPages() {
			keys = append(keys, p.Keys...)
		}
		return slices.Clip(keys)
	})
)

// completePages is pages plus a "More" page with the fields none of them
// lists, optional when none of those is required.
func completePages(pages []Page, fields []FieldSpec) []Page {
	seen := make(map[string]bool, len(fields))
	for _, p := range pages {
		for _, k := range p.Keys {
			seen[k] = true
		}
	}
	more := Page{ID: "more", Optional: true}
	for _, f := range fields {
		if !seen[f.Key] {
			more.Keys = append(more.Keys, f.Key)
			more.Optional = more.Optional && !f.Required
		}
	}
	out := slices.Clip(slices.Clone(pages))
	if len(more.Keys) > 0 {
		out = append(out, more)
	}
	return slices.Clip(out)
}

// PageOf returns the index in Pages of the page holding key, or -1.
func PageOf(key string) int {
	for i, p := range Pages {
		for _, k := range p.Keys {
			if k == key {
				return i
			}
		}
	}
	return -1
}
