// Package forms builds the huh form an operator fills to describe one KYC
// record: pages in the order an agent thinks in, every field bound by pointer
// to an apiclient.Submission and checked by apiclient's one rulebook.
package forms

import (
	"time"
)

// Options configures the form.
type Options struct {
	Now           func() time.Time  // today's date for date rules (no future birth date); time.Now when nil
	Width, Height int               // the space the form may use; 0 lets huh decide
	Dark          bool              // the terminal has a dark background; picks the theme
	Notes         map[string]string // wire key -> server message shown on that field until its value changes
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
