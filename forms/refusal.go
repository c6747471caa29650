package forms

import (
	"errors"

	"argos-migrate/apiclient"
)

// refusal is a field refusing a value by the rulebook. Its Error is the
// rulebook's hint; the line under the field (refusalLine) names the field.
type refusal struct{ p *apiclient.FieldError }

func (r refusal) Error() string { return r.p.Hint() }

// refusalLine is what every field of the form shows under itself when it
// refuses a value: "✗ Email has no valid domain after the @". A required
// choice left empty says to choose.
func refusalLine(key string, err error) string {
	var r refusal
	if !errors.As(err, &r) {
		return "✗ " + apiclient.Sanitize(apiclient.UpperFirst(err.Error()))
	}
	text := apiclient.Label(key) + " " + r.p.Detail()
	if spec, ok := apiclient.Spec(key); ok && r.p.Code == apiclient.CodeMissingData &&
		(spec.Kind == apiclient.KindEnum || spec.Kind == apiclient.KindCountry) {
		text += ": choose one"
	}
	return "✗ " + apiclient.Sanitize(text)
}
