package apiclient

import (
	"errors"
	"slices"
	"time"
)

// ValidateRead checks a record read by DecodeSubmission against the whole
// rulebook (Validate) and reports, in one *ValidationError, every problem
// the file has: the keys the API does not know and the values that are not
// strings, which the decode found, and every field rule the fields it could
// read break. One unknown key must not hide four broken rules: an operator
// fixes the file once, not once per run.
//
// readErr is DecodeSubmission's error (perhaps wrapped): nil, a
// *ValidationError, or a file that could not be read as a record at all,
// which is returned as it is. A field the decode already refused (a number
// where text belongs) is not reported again as empty. The problems come in
// the field table's order, the unknown keys last.
func ValidateRead(s Submission, readErr error, today time.Time) error {
	var decoded *ValidationError
	if readErr != nil && !errors.As(readErr, &decoded) {
		return readErr
	}
	var problems []*FieldError
	if decoded != nil {
		problems = append(problems, decoded.Problems...)
	}
	var rules *ValidationError
	if errors.As(Validate(s, today), &rules) {
		for _, p := range rules.Problems {
			if decoded == nil || decoded.Field(p.Field) == nil {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	order := func(p *FieldError) int {
		if i := slices.IndexFunc(Fields, func(f FieldSpec) bool { return f.Key == p.Field }); i >= 0 {
			return i
		}
		return len(Fields) // a key the API does not know
	}
	slices.SortStableFunc(problems, func(a, b *FieldError) int { return order(a) - order(b) })
	return &ValidationError{Problems: problems}
}
