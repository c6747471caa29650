package forms

import (
	"errors"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// refusal is a field refusing a value by the rulebook. Its Error is the
// rulebook's hint; the line under the field (refusalLine) names the field.
type refusal struct{ p *apiclient.FieldError }

func (r refusal) Error() string { return r.p.Hint() }

// refusalLine is what every field of the form shows under itself when it
// refuses a value, in the run's language: "✗ Email has no valid domain
// after the @", "✗ 이메일: @ 뒤에 올바른 도메인이 없습니다". A required
// choice left empty says to choose.
func refusalLine(key string, err error) string {
	cross := glyphs.Current().Cross + " "
	var r refusal
	if !errors.As(err, &r) {
		return cross + apiclient.Sanitize(apiclient.UpperFirst(i18n.Text(err)))
	}
	text := r.p.Sentence()
	if spec, ok := apiclient.Spec(key); ok && r.p.Code == apiclient.CodeMissingData &&
		(spec.Kind == apiclient.KindEnum || spec.Kind == apiclient.KindCountry) {
		text = i18n.T("form.refusal.choose", text)
	}
	return cross + apiclient.Sanitize(text)
}
