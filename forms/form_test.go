package forms

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

func TestSelectValues(t *testing.T) {
	type row struct {
		key   string
		downs int
		want  string
	}
	var tests []row
	for i, o := range apiclient.IDTypes {
		tests = append(tests, row{apiclient.FieldIDType, i + 1, o.Value})
	}
	for i, o := range apiclient.KYCStatuses {
		tests = append(tests, row{apiclient.FieldKYCStatus, i + 1, o.Value})
	}
	tests = append(tests, row{apiclient.FieldGender, 0, ""})
	for i, o := range apiclient.Genders {
		tests = append(tests, row{apiclient.FieldGender, i + 1, o.Value})
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.want, func(t *testing.T) {
			sub := apiclient.Submission{Admin: "ops@example.com"}
			h := newTestForm(t, &sub, Options{})
			if !Focus(h.f, tt.key) {
				t.Fatal("focus failed")
			}
			if got := sub.Get(tt.key); got != "" {
				t.Fatalf("building the form set %s to %q", tt.key, got)
			}
			for range tt.downs {
				typeKeys(t, h, "down")
			}
			typeKeys(t, h, "enter")
			if got := sub.Get(tt.key); got != tt.want {
				t.Fatalf("%s = %q, want %q", tt.key, got, tt.want)
			}
			if tt.key != apiclient.FieldKYCStatus && h.focused() == tt.key {
				t.Fatalf("enter on a valid choice did not move on:\n%s", screen(h.f.View()))
			}
		})
	}
}

func TestSelectLabels(t *testing.T) {
	var sub apiclient.Submission
	h := newTestForm(t, &sub, Options{Height: 40})
	Focus(h.f, apiclient.FieldIDType)
	sc := screen(h.f.View())
	for _, want := range []string{"ID type *", "choose one…", "Driver's license", "PAN card (India)", "Issuing country *"} {
		if !strings.Contains(sc, want) {
			t.Fatalf("document page lacks %q:\n%s", want, sc)
		}
	}
	typeKeys(t, h, "enter")
	if h.focused() != apiclient.FieldIDType || !strings.Contains(screen(h.f.View()), "✗ ID type is required: choose one") {
		t.Fatalf("the empty required select was accepted:\n%s", screen(h.f.View()))
	}
	Focus(h.f, apiclient.FieldGender)
	if sc := screen(h.f.View()); !strings.Contains(sc, "not given") || strings.Contains(sc, "Gender *") {
		t.Fatalf("gender is not an optional select with 'not given':\n%s", sc)
	}
}

func TestBackFromInvalidSelect(t *testing.T) {
	sub := apiclient.Submission{Admin: "ops@example.com", FullName: "Kim", Email: "kim@example.com", BirthDate: "1990-01-02"}
	h := newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.FieldIDType)
	typeKeys(t, h, "enter") // refused: "choose one…" on a required field
	if h.focused() != apiclient.FieldIDType {
		t.Fatal("required select accepted the empty row")
	}
	typeKeys(t, h, "shift+tab")
	if got := h.focused(); apiclient.PageOf(got) != 1 {
		t.Fatalf("shift+tab from an invalid select went to %q, want the person page", got)
	}
}

func TestNotes(t *testing.T) {
	sub := apiclient.Submission{Admin: "invalid@sandbox.test"}
	h := newTestForm(t, &sub, Options{Notes: map[string]string{
		apiclient.FieldAdmin: "invalid_admin: \x1b[31madmin not found\x1b[0m",
	}})
	sc := screen(h.f.View())
	if !strings.Contains(sc, "server: invalid_admin: ␛[31madmin not found␛[0m") {
		t.Fatalf("note not shown (or not sanitized):\n%s", sc)
	}
	if strings.Contains(h.f.View(), "\x1b[31madmin") {
		t.Fatal("the server's escape codes reached the screen")
	}
	typeKeys(t, h, "backspace")
	if sc := screen(h.f.View()); strings.Contains(sc, "server:") {
		t.Fatalf("note still shown after the value changed:\n%s", sc)
	}
}

func TestRequiredMarked(t *testing.T) {
	var sub apiclient.Submission
	h := newTestForm(t, &sub, Options{Height: 60})
	for _, p := range apiclient.Pages {
		Focus(h.f, p.Keys[0])
		sc := screen(h.f.View())
		for _, k := range p.Keys {
			spec, _ := apiclient.Spec(k)
			marked := strings.Contains(sc, spec.Label+" *")
			if marked != spec.Required {
				t.Errorf("%s: marked required %v, is required %v:\n%s", k, marked, spec.Required, sc)
			}
		}
	}
}

func TestOptionalPagePassesWithEnter(t *testing.T) {
	var sub apiclient.Submission
	h := newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.Pages[3].Keys[0])
	for range len(apiclient.Pages[3].Keys) + len(apiclient.Pages[4].Keys) {
		typeKeys(t, h, "enter")
	}
	if got := h.focused(); got != apiclient.FieldKYCStatus {
		t.Fatalf("enter through the optional pages stopped at %q", got)
	}
	if !sub.IsZero() {
		t.Fatalf("passing optional pages set values: %+v", sub)
	}
}

// A field in error must not look required: huh's stock error indicator is
// " *", the very mark of a required field.
func TestErrorIndicatorIsNotTheRequiredMark(t *testing.T) {
	sub := apiclient.Submission{Admin: "ops@example.com", FullName: "Kim", Email: "kim@example.com",
		BirthDate: "1990-01-02", IDType: "passport", IssuingCountry: "KOR", DocumentNumber: "M1234"}
	h := newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.FieldIssueDate) // optional
	typeText(t, h, "20231")
	typeKeys(t, h, "enter")
	sc := screen(h.f.View())
	if h.focused() != apiclient.FieldIssueDate {
		t.Fatalf("an unfinished issue date was accepted:\n%s", sc)
	}
	if strings.Contains(sc, "Issue date *") || !strings.Contains(sc, "Issue date ✗") {
		t.Fatalf("the optional issue date in error should read %q, not look required:\n%s", "Issue date ✗", sc)
	}
	sub.IDType = ""
	h = newTestForm(t, &sub, Options{})
	Focus(h.f, apiclient.FieldIDType)
	typeKeys(t, h, "enter")
	if sc := screen(h.f.View()); !strings.Contains(sc, "ID type * ✗") {
		t.Fatalf("the required select in error should read %q:\n%s", "ID type * ✗", sc)
	}
}

// The identity number is masked on the form except while its own field has
// the focus, where the agent needs to see what they type.
func TestIdentityNumberMaskedUnlessFocused(t *testing.T) {
	const id = "021108-2222555"
	sub := apiclient.Submission{IdentityNumber: id}
	h := newTestForm(t, &sub, Options{Height: 60})
	Focus(h.f, apiclient.FieldIDType) // the same page
	if sc := screen(h.f.View()); strings.Contains(sc, id) || !strings.Contains(sc, "Identity number") ||
		!strings.Contains(sc, "> "+apiclient.Mask(id)) || strings.Contains(sc, "*****") {
		t.Fatalf("identity number not masked as everywhere (%s) while another field has the focus:\n%s", apiclient.Mask(id), sc)
	}
	Focus(h.f, apiclient.FieldIdentityNumber)
	typeKeys(t, h, "backspace")
	typeText(t, h, "5")
	if sc := screen(h.f.View()); !strings.Contains(sc, id) {
		t.Fatalf("the focused identity number field does not show what was typed:\n%s", sc)
	}
	typeKeys(t, h, "enter")
	if h.focused() != apiclient.FieldIssueDate || sub.IdentityNumber != id {
		t.Fatalf("focus %q, value %q: enter did not keep the number and move on", h.focused(), sub.IdentityNumber)
	}
	if sc := screen(h.f.View()); strings.Contains(sc, id) || strings.Contains(sc, "2222555") || !strings.Contains(sc, apiclient.Mask(id)) {
		t.Fatalf("identity number in clear (or not masked with •) after leaving its field:\n%s", sc)
	}
}
