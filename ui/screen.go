package ui

// screen is one step of the wizard. The model changes it only in setScreen.
type screen int

const (
	screenForm screen = iota
	screenReview
	screenSubmitting
	screenResult
	screenError
	screenKey
	screenResume // a draft was found: resume, start empty or discard
	screenLookup // the record may exist: what the lookup found, send anyway?
)

// String names the screen, for tests and the step line in the header.
func (s screen) String() string {
	switch s {
	case screenForm:
		return "form"
	case screenReview:
		return "review"
	case screenSubmitting:
		return "submitting"
	case screenResult:
		return "result"
	case screenError:
		return "error"
	case screenKey:
		return "key"
	case screenResume:
		return "resume"
	case screenLookup:
		return "lookup"
	}
	return "unknown"
}
