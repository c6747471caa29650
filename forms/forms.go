// Package forms builds the huh form an operator fills to describe one KYC
// record: pages in the order an agent thinks in, every field bound by pointer
// to an apiclient.Submission and checked by apiclient's one rulebook.
package forms

import (
	"slices"
	"sync"
	"time"

	"argos-migrate/apiclient"
)

// Options configures the form.
type Options struct {
	Now           func() time.Time  // today's date for date rules (no future birth date); time.Now when nil
	Width, Height int               // the space the form may use; 0 lets huh decide
	Dark          bool              // the terminal has a dark background; picks the theme
	Notes         map[string]string // wire key -> server message shown on that field until its value changes
}

// Page is one group of the form, in the order an agent thinks in.
type Page struct {
	Title    string
	Keys     []string // wire keys, in display order
	Optional bool     // every field on the page may stay empty
}

// Pages lists the form's pages; New builds one huh group per page, in order.
var Pages = []Page{
	{Title: "Admin", Keys: []string{apiclient.FieldAdmin}},
	{Title: "Person", Keys: []string{apiclient.FieldFullName, apiclient.FieldEmail, apiclient.FieldBirthDate,
		apiclient.FieldGender, apiclient.FieldNationality, apiclient.FieldUserID}},
	{Title: "Document", Keys: []string{apiclient.FieldIDType, apiclient.FieldIssuingCountry, apiclient.FieldDocumentNumber,
		apiclient.FieldIdentityNumber, apiclient.FieldIssueDate, apiclient.FieldExpireDate}},
	{Title: "Address", Optional: true, Keys: []string{apiclient.FieldAddressStreet, apiclient.FieldAddressCity,
		apiclient.FieldAddressState, apiclient.FieldAddressCountry, apiclient.FieldAddressFull}},
	{Title: "Other", Optional: true, Keys: []string{apiclient.FieldIPAddress, apiclient.FieldCF1, apiclient.FieldCF2, apiclient.FieldCF3}},
	{Title: "KYC result", Keys: []string{apiclient.FieldKYCStatus}},
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
	allPages = sync.OnceValue(func() []Page { return completePages(Pages, apiclient.Fields) })
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
func completePages(pages []Page, fields []apiclient.FieldSpec) []Page {
	seen := make(map[string]bool, len(fields))
	for _, p := range pages {
		for _, k := range p.Keys {
			seen[k] = true
		}
	}
	more := Page{Title: "More", Optional: true}
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

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
