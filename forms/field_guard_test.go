package forms

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"argos-migrate/apiclient"
)

// countingField counts how often the field beneath a guard is rendered.
type countingField struct {
	huh.Field
	views int
}

func (c *countingField) View() string { c.views++; return c.Field.View() }

// The With* methods keep the counter in place of the input.

func (c *countingField) WithTheme(t huh.Theme) huh.Field { c.Field = c.Field.WithTheme(t); return c }
func (c *countingField) WithKeyMap(k *huh.KeyMap) huh.Field {
	c.Field = c.Field.WithKeyMap(k)
	return c
}
func (c *countingField) WithWidth(w int) huh.Field  { c.Field = c.Field.WithWidth(w); return c }
func (c *countingField) WithHeight(h int) huh.Field { c.Field = c.Field.WithHeight(h); return c }
func (c *countingField) WithPosition(p huh.FieldPosition) huh.Field {
	c.Field = c.Field.WithPosition(p)
	return c
}
func (c *countingField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	m, cmd := c.Field.Update(msg)
	c.Field = m.(huh.Field)
	return c, cmd
}

// guardedPage is a one-page form of two guarded inputs, with the renders of
// the second counted.
func guardedPage(t *testing.T, sub *apiclient.Submission) (*formHarness, *guard, *countingField) {
	t.Helper()
	n := &nav{}
	first := newGuard(huh.NewInput().Key(apiclient.FieldFullName).Title("Full name").Value(&sub.FullName),
		n, sub, apiclient.FieldFullName, "", true)
	counted := &countingField{Field: huh.NewInput().Key(apiclient.FieldEmail).Title("Email").Value(&sub.Email)}
	second := newGuard(counted, n, sub, apiclient.FieldEmail, "", true)
	f := huh.NewForm(huh.NewGroup(first, second)).WithTheme(Theme(true)).WithWidth(80).WithHeight(20)
	run(t, f.Init())
	_ = f.View()
	if counted.views == 0 {
		t.Fatal("the counter lost its place under the guard")
	}
	return &formHarness{f}, second, counted
}

func TestGuardReusesTheViewOfAnUntouchedField(t *testing.T) {
	var sub apiclient.Submission
	h, _, counted := guardedPage(t, &sub)
	before := counted.views
	typeText(t, h, "Hong")
	_ = h.f.View()
	if counted.views != before {
		t.Fatalf("typing in another field rendered the email field %d more times; huh's refresh message or the position reset the cache",
			counted.views-before)
	}
	if got := screen(h.f.View()); !strings.Contains(got, "Hong") {
		t.Fatalf("the typed name is not on screen:\n%s", got)
	}
}

func TestGuardRendersAgainWhenTheFieldChanges(t *testing.T) {
	var sub apiclient.Submission
	h, g, counted := guardedPage(t, &sub)

	// The bound value changed behind the form's back.
	_ = g.View()
	before := counted.views
	sub.Email = "a@example.com"
	_ = g.View()
	if counted.views == before {
		t.Fatal("a new bound value did not render the field again")
	}

	// The focus moved onto the field, and a key reached it.
	before = counted.views
	typeKeys(t, h, "enter")
	if h.focused() != apiclient.FieldEmail {
		t.Fatalf("focus on %s, want the email field", h.focused())
	}
	_ = h.f.View()
	if counted.views == before {
		t.Fatal("moving the focus onto the field did not render it again")
	}
	before = counted.views
	typeText(t, h, "x")
	_ = h.f.View()
	if counted.views == before {
		t.Fatal("a key typed into the field did not render it again")
	}

	// A new width.
	before = counted.views
	h.f = h.f.WithWidth(60)
	_ = g.View()
	if counted.views == before {
		t.Fatal("a new width did not render the field again")
	}
}
