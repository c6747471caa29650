package forms

import (
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"

	"charm.land/huh/v2"
)

// New builds the whole form over sub. Each field's huh key is its wire key
// and its value is bound by pointer to sub, so a rebuilt form shows what was
// typed before.
func New(sub *apiclient.Submission, o Options) *huh.Form {
	theme := Theme(o.Dark)
	n := &nav{}
	groups := make([]*huh.Group, len(apiclient.Pages))
	for i, p := range apiclient.Pages {
		fields := make([]huh.Field, len(p.Keys))
		for j, k := range p.Keys {
			fields[j] = newGuard(newField(sub, k, n, theme, o), n, sub, k, o.Notes[k], o.Dark)
		}
		g := huh.NewGroup(fields...).Title(pageTitle(i, p))
		if p.Optional {
			g = g.Description(i18n.T("form.page.optional"))
		}
		groups[i] = g
	}
	// Errors are shown by each field's guard, right under the field; huh's
	// own place for them is under the whole page, where a tall page (or the
	// wizard's frame) cut them off and Enter seemed to do nothing.
	f := huh.NewForm(groups...).WithTheme(theme).WithKeyMap(newKeyMap()).WithShowHelp(true).WithShowErrors(false)
	if o.Width > 0 {
		f = f.WithWidth(o.Width)
	}
	if o.Height > 0 {
		f = f.WithHeight(o.Height)
	}
	return f
}

func pageTitle(i int, p apiclient.Page) string {
	return p.Title() + "  " + string(rune('1'+i)) + "/" + string(rune('0'+len(apiclient.Pages)))
}

// fieldTitle is the field's label, marked with " *" when it is required.
func fieldTitle(spec apiclient.FieldSpec) string {
	if spec.Required {
		return spec.Label + " *"
	}
	return spec.Label
}

func newField(sub *apiclient.Submission, key string, n *nav, theme huh.Theme, o Options) huh.Field {
	spec, _ := apiclient.Spec(key)
	title := fieldTitle(spec)
	ptr := sub.Ptr(key)
	validate := validator(sub, key, n, o)
	switch spec.Kind {
	case apiclient.KindEnum:
		return newEnumField(spec, ptr, validate, theme, o)
	case apiclient.KindCountry:
		return newCountryField(key, title, ptr, !spec.Required, validate, o.Dark)
	case apiclient.KindDate:
		check := func(v string) *apiclient.FieldError {
			if n.lenient {
				return nil
			}
			c := *sub
			c.Set(key, v)
			return apiclient.CheckField(&c, key, o.now())
		}
		return newDateField(key, title, ptr, dateStart(key, o.now), check, o.Dark)
	}
	in := huh.NewInput().Key(key).Title(title).Value(ptr).Validate(validate)
	if p := placeholderOf(spec); p != "" {
		in = in.Placeholder(p)
	}
	return in
}

// placeholderOf is what an empty text field shows: its format in words,
// for the fields whose value has one ("" for free text).
func placeholderOf(spec apiclient.FieldSpec) string {
	if spec.Format != "" && !spec.FreeText() {
		return spec.Format
	}
	return ""
}

// dateStart is where stepping an empty date field begins: a birth date 30
// years back (today is never one, and one step up from it is in the
// future), other dates today.
func dateStart(key string, now func() time.Time) func() time.Time {
	if key == apiclient.FieldBirthDate {
		return func() time.Time { return now().AddDate(-30, 0, 0) }
	}
	return now
}

// newEnumField is a select over the field's documented values. Its first
// row is the empty value ("choose one" when the field is required, "not
// given" otherwise), so building the form never puts a value the operator
// did not pick into the record; the rulebook refuses the empty value of a
// required field.
func newEnumField(spec apiclient.FieldSpec, ptr *string, validate func(string) error, theme huh.Theme, o Options) huh.Field {
	empty := emptyChoice(!spec.Required)
	opts := make([]huh.Option[string], 0, len(apiclient.EnumOptions(spec.Key))+1)
	opts = append(opts, huh.NewOption(empty, ""))
	for _, e := range apiclient.EnumOptions(spec.Key) {
		opts = append(opts, huh.NewOption(e.Label, e.Value))
	}
	s := huh.NewSelect[string]().Key(spec.Key).Title(fieldTitle(spec)).Value(ptr).Validate(validate)
	// Theme and width before Options: each of them re-renders every option.
	s.WithTheme(theme)
	if o.Width > 0 {
		s.WithWidth(o.Width)
	}
	return s.Options(opts...)
}

// emptyChoice is the words of a select's first row, the empty value: "not
// given" when the field is optional, "choose one…" when it is required.
func emptyChoice(optional bool) string {
	if optional {
		return i18n.T("form.choice.not_given")
	}
	return i18n.T("form.choice.choose", glyphs.Current().Ellipsis)
}

// validator checks a candidate value v for key with the rulebook. The field
// calls it before it stores v, so the check runs on a copy holding v.
func validator(sub *apiclient.Submission, key string, n *nav, o Options) func(string) error {
	return func(v string) error {
		if n.lenient {
			return nil
		}
		c := *sub
		c.Set(key, v)
		if p := apiclient.CheckField(&c, key, o.now()); p != nil {
			return refusal{p}
		}
		return nil
	}
}
