package forms

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
)

// newTestDate returns a focused birth-date field bound to sub.BirthDate.
func newTestDate(tb testing.TB, sub *apiclient.Submission, key string) *DateField {
	tb.Helper()
	check := func(v string) *apiclient.FieldError {
		c := *sub
		c.Set(key, v)
		return apiclient.CheckField(&c, key, fixedNow())
	}
	d := newDateField(key, "Date", sub.Ptr(key), fixedNow, check, true)
	d.WithWidth(60)
	d.Focus()
	return d
}

func TestDateFieldTyping(t *testing.T) {
	tests := []struct {
		name   string
		typed  string
		keys   []string
		want   string // bound value
		hint   string // expected on screen
		accept bool   // enter moves on
	}{
		{"digits get dashes", "20021108", nil, "2002-11-08", "Friday, 8 November 2002", true},
		{"typed dashes are fine", "2002-11-08", nil, "2002-11-08", "Friday, 8 November 2002", true},
		{"leap day in a leap year", "20240229", nil, "2024-02-29", "Thursday, 29 February 2024", true},
		{"leap day in a common year", "20230229", nil, "2023-02-29", "February 2023 has 28 days", false},
		{"no month 13", "20021308", nil, "2002-13-08", "there is no month 13", false},
		{"31 April", "20020431", nil, "2002-04-31", "April 2002 has 30 days", false},
		{"future birth date", "20300101", nil, "2030-01-01", "✗ Birth date is in the future", false},
		{"unfinished", "2002-1", nil, "2002-1", "", false},
		{"letters are ignored", "2oo2", nil, "22", "", false},
		// No digit follows a whole date: one typed there starts a new one.
		{"a digit past a whole date starts a new one", "2002110819", nil, "19", "", false},
		{"backspace removes a digit and its dash", "200211", []string{"backspace", "backspace"}, "2002", "", false},
		{"ctrl+u clears", "20021108", []string{"ctrl+u"}, "", "type the date", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sub apiclient.Submission
			d := newTestDate(t, &sub, apiclient.FieldBirthDate)
			typeText(t, d, tt.typed)
			for _, k := range tt.keys {
				if k == "ctrl+u" {
					drive(t, d, ctrlU)
					continue
				}
				typeKeys(t, d, k)
			}
			if sub.BirthDate != tt.want {
				t.Fatalf("value %q, want %q", sub.BirthDate, tt.want)
			}
			if v := screen(d.View()); !strings.Contains(v, tt.hint) {
				t.Fatalf("screen lacks %q:\n%s", tt.hint, v)
			}
			_, cmd := d.Update(press("enter"))
			msgs := run(t, cmd)
			if tt.accept && len(msgs) == 0 {
				t.Fatalf("enter brought no message, want the move to the next field (err %v)", d.Error())
			}
			moved := len(msgs) > 0 && msgs[0] == nextFieldMsg
			if moved != tt.accept {
				t.Fatalf("enter moved on: %v, want %v (err %v)", moved, tt.accept, d.Error())
			}
			if !tt.accept && d.Error() == nil {
				t.Fatal("a refused date left no error")
			}
		})
	}
}

func TestDateFieldPaste(t *testing.T) {
	var sub apiclient.Submission
	sub.BirthDate = "1999-0"
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	drive(t, d, pasteMsg("2002/11/08"))
	if sub.BirthDate != "2002-11-08" {
		t.Fatalf("paste of a whole date gave %q", sub.BirthDate)
	}
}

func TestDateFieldStepping(t *testing.T) {
	tests := []struct {
		name  string
		start string
		keys  []string
		want  string
	}{
		{"first press shows today (an issue date)", "", []string{"up"}, "2025-06-15"},
		{"day up", "2002-11-08", []string{"up"}, "2002-11-09"},
		{"day wraps in its month", "2002-11-30", []string{"up"}, "2002-11-01"},
		{"day down wraps", "2002-11-01", []string{"down"}, "2002-11-30"},
		{"first left selects the day", "2002-11-08", []string{"left", "up"}, "2002-11-09"},
		{"first right selects the year", "2002-11-08", []string{"right", "up"}, "2003-11-08"},
		{"month up", "2002-11-08", []string{"left", "left", "up"}, "2002-12-08"},
		{"month from the year", "2002-11-08", []string{"right", "right", "up"}, "2002-12-08"},
		{"month wraps", "2002-12-08", []string{"left", "left", "up"}, "2002-01-08"},
		{"31 January + 1 month is 28 February", "2023-01-31", []string{"left", "left", "up"}, "2023-02-28"},
		{"31 January + 1 month is 29 February in 2024", "2024-01-31", []string{"left", "left", "up"}, "2024-02-29"},
		{"year down from a leap day", "2024-02-29", []string{"right", "down"}, "2023-02-28"},
		{"year by ten", "2002-11-08", []string{"right", "pgdown"}, "1992-11-08"},
		{"left stops at the year", "2002-11-08", []string{"left", "left", "left", "left", "up"}, "2003-11-08"},
		{"right stops at the day", "2002-11-08", []string{"right", "right", "right", "right", "up"}, "2002-11-09"},
		{"29 February steps to 1 March? no: wraps in February", "2024-02-29", []string{"up"}, "2024-02-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := apiclient.Submission{IssueDate: tt.start}
			d := newTestDate(t, &sub, apiclient.FieldIssueDate)
			typeKeys(t, d, tt.keys...)
			if sub.IssueDate != tt.want {
				t.Fatalf("value %q, want %q", sub.IssueDate, tt.want)
			}
			if _, err := time.Parse("2006-01-02", sub.IssueDate); err != nil {
				t.Fatalf("stepping made a date that is not real: %v", err)
			}
		})
	}
}

func TestDateFieldShowsSteppedSegment(t *testing.T) {
	sub := apiclient.Submission{BirthDate: "2002-11-08"}
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	for _, step := range []struct{ key, want string }{{"left", "08"}, {"left", "11"}, {"left", "2002"}, {"right", "11"}} {
		typeKeys(t, d, step.key)
		if got := reversed(d.View()); got != step.want {
			t.Fatalf("after %s: highlighted segment %q, want %q", step.key, got, step.want)
		}
	}
	// Focus again: nothing selected; the first right picks the year.
	d.Blur()
	d.Focus()
	if got := reversed(d.View()); strings.TrimSpace(got) != "" {
		t.Fatalf("a segment is still selected after focusing again: %q", got)
	}
	typeKeys(t, d, "right")
	if got := reversed(d.View()); got != "2002" {
		t.Fatalf("first right highlighted %q, want the year", got)
	}
}

// Typing over a whole date replaces it; Backspace edits it.
func TestDateFieldTypingOverAWholeDate(t *testing.T) {
	sub := apiclient.Submission{BirthDate: "2002-11-08"}
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	if v := screen(d.View()); !strings.Contains(v, "type a date to replace it") {
		t.Fatalf("no hint that typing replaces the date:\n%s", v)
	}
	typeText(t, d, "1990")
	if sub.BirthDate != "1990" {
		t.Fatalf("typing over 2002-11-08 gave %q, want a new date 1990", sub.BirthDate)
	}
	typeText(t, d, "0102")
	if sub.BirthDate != "1990-01-02" {
		t.Fatalf("value %q, want 1990-01-02", sub.BirthDate)
	}
	d.Blur()
	d.Focus()
	typeKeys(t, d, "backspace")
	typeText(t, d, "5")
	if sub.BirthDate != "1990-01-05" {
		t.Fatalf("backspace then a digit gave %q, want an edit: 1990-01-05", sub.BirthDate)
	}
	// After stepping, typing starts a new date too.
	typeKeys(t, d, "up")
	typeText(t, d, "2")
	if sub.BirthDate != "2" {
		t.Fatalf("typing after a step gave %q, want a new date", sub.BirthDate)
	}
}

// Typing over a whole date replaces it in every state the field can hold
// one: typed, refused by Enter, stepped, pasted, loaded, written another
// way by a record file, focused again. Nothing typed is ever dropped
// silently.
func TestDateFieldTypingOverAWholeDateInEveryState(t *testing.T) {
	paste := func(s string) func(*testing.T, *DateField) {
		return func(t *testing.T, d *DateField) { drive(t, d, tea.PasteMsg{Content: s}) }
	}
	keys := func(k ...string) func(*testing.T, *DateField) {
		return func(t *testing.T, d *DateField) { typeKeys(t, d, k...) }
	}
	text := func(s string) func(*testing.T, *DateField) {
		return func(t *testing.T, d *DateField) { typeText(t, d, s) }
	}
	for _, tc := range []struct {
		name, start string
		do          []func(*testing.T, *DateField)
	}{
		{"loaded", "2002-11-08", nil},
		{"typed", "", []func(*testing.T, *DateField){text("20021108")}},
		{"refused by enter", "", []func(*testing.T, *DateField){text("20230229"), keys("enter")}},
		{"refused twice", "", []func(*testing.T, *DateField){text("20230229"), keys("enter"), keys("enter")}},
		{"a date in the future, refused", "", []func(*testing.T, *DateField){text("20300101"), keys("enter")}},
		{"stepped", "2002-11-08", []func(*testing.T, *DateField){keys("up")}},
		{"segment chosen", "2002-11-08", []func(*testing.T, *DateField){keys("left", "left")}},
		{"pasted", "", []func(*testing.T, *DateField){paste("2002-11-08")}},
		{"pasted and refused", "", []func(*testing.T, *DateField){paste("2023/02/29"), keys("enter")}},
		{"written another way", "2002/11/08", nil},
		{"a wrong form from a file", "08.11.02", nil},
		{"edited back to whole", "2002-11-08", []func(*testing.T, *DateField){keys("backspace"), text("9")}},
	} {
		for _, key := range []string{apiclient.FieldBirthDate, apiclient.FieldExpireDate} {
			t.Run(tc.name+"/"+key, func(t *testing.T) {
				var sub apiclient.Submission
				sub.Set(key, tc.start)
				d := newTestDate(t, &sub, key)
				for _, do := range tc.do {
					do(t, d)
				}
				want := "1999-01-01"
				if key == apiclient.FieldExpireDate {
					want = "2031-01-01"
				}
				typeText(t, d, digitsOf(want))
				if got := sub.Get(key); got != want {
					t.Fatalf("typing %s over %q gave %q\n%s", want, tc.start, got, screen(d.View()))
				}
			})
		}
	}
}

// Stepping an empty birth date starts 30 years back, not today (one step
// up from today is in the future).
func TestDateFieldBirthDateStartsInThePast(t *testing.T) {
	var sub apiclient.Submission
	start := dateStart(apiclient.FieldBirthDate, fixedNow)
	d := newDateField(apiclient.FieldBirthDate, "Birth date", sub.Ptr(apiclient.FieldBirthDate), start, func(v string) *apiclient.FieldError {
		c := sub
		c.BirthDate = v
		return apiclient.CheckField(&c, apiclient.FieldBirthDate, fixedNow())
	}, true)
	d.Focus()
	typeKeys(t, d, "up", "up")
	if sub.BirthDate != "1995-06-16" {
		t.Fatalf("two steps up on an empty birth date gave %q, want 1995-06-16", sub.BirthDate)
	}
	if got := dateStart(apiclient.FieldIssueDate, fixedNow)(); !got.Equal(fixedNow()) {
		t.Fatalf("an issue date starts at %v, want today", got)
	}
}

// The help names the segments in the field's order.
func TestDateFieldHelpOrder(t *testing.T) {
	var sub apiclient.Submission
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	for _, b := range d.KeyBinds() {
		if b.Help().Key == "←/→" && b.Help().Desc != "year·month·day" {
			t.Fatalf("help for ←/→ = %q, want the order of YYYY-MM-DD", b.Help().Desc)
		}
	}
}

// reversed returns the text drawn in reverse video (SGR 7) in v.
func reversed(v string) string {
	i := strings.Index(v, "\x1b[7")
	if i < 0 {
		return ""
	}
	rest := v[i:]
	rest = rest[strings.IndexByte(rest, 'm')+1:]
	if j := strings.Index(rest, "\x1b["); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func TestDateFieldExpiryAfterIssue(t *testing.T) {
	sub := apiclient.Submission{IssueDate: "2020-05-01"}
	d := newTestDate(t, &sub, apiclient.FieldExpireDate)
	typeText(t, d, "20200401")
	if v := screen(d.View()); !strings.Contains(v, "✗ Expiry date must be after the issue date (2020-05-01)") {
		t.Fatalf("no cross-field hint:\n%s", v)
	}
	typeKeys(t, d, "enter")
	if d.Error() == nil {
		t.Fatal("expiry before issue accepted")
	}
}

func TestDateFieldBackIsNotValidated(t *testing.T) {
	var sub apiclient.Submission
	d := newTestDate(t, &sub, apiclient.FieldBirthDate)
	d.WithPosition(huhMiddle)
	typeText(t, d, "2023022")
	_, cmd := d.Update(press("shift+tab"))
	if firstMsg(t, cmd) != prevFieldMsg {
		t.Fatal("shift+tab did not ask for the previous field")
	}
}
