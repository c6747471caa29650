package forms

import (
	"errors"

	"argos-migrate/apiclient"
	"charm.land/huh/v2"
)

// New builds the whole form over sub. Each field's huh key is its wire key
// and its value is bound by pointer to sub, so a rebuilt form shows what was
// typed before.
func New(sub *apiclient.Submission, o Options) *huh.Form {
	theme := Theme(o.Dark)
	n := &nav{}
	groups := make([]*huh.Group, len(Pages))
	for i, p := range Pages {
		fields := make([]huh.Field, len(p.Keys))
		for j, k := range p.Keys {
			fields[j] = newGuard(newField(sub, k, n, o), n, sub, k, o.Notes[k], o.Dark)
		}
		groups[i] = huh.NewGroup(fields...).Title(p.Title)
	}
	f := huh.NewForm(groups...).WithTheme(theme).WithShowHelp(true)
	if o.Width > 0 {
		f = f.WithWidth(o.Width)
	}
	if o.Height > 0 {
		f = f.WithHeight(o.Height)
	}
	return f
}

func newField(sub *apiclient.Submission, key string, n *nav, o Options) huh.Field {
	spec, _ := apiclient.Spec(key)
	title := spec.Label
	if spec.Required {
		title += " *"
	}
	return huh.NewInput().
		Key(key).
		Title(title).
		Value(sub.Ptr(key)).
		Validate(validator(sub, key, n, o))
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
			return errors.New(p.Hint())
		}
		return nil
	}
}
