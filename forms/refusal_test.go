package forms

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every kind of field that refuses a value (text, email, IP address,
// select, country, date) says why right under itself, inside the height the
// wizard gives the form, at once: Enter and Tab never do nothing silently.
func TestEveryRefusalShowsItsReasonUnderTheField(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		value string   // the value the field holds (as after --from)
		keys  []string // typed into the focused field before Enter
		want  string
		ko    string // the same in Korean
	}{
		{"admin without domain", apiclient.FieldAdmin, "ops@example", nil, "✗ Admin account has no valid domain after the @",
			"✗ 관리자 계정: @ 뒤에 올바른 도메인이 없습니다"},
		{"email typed", apiclient.FieldEmail, "", []string{"n", "o", "@", "x"}, "✗ Email has no valid domain after the @",
			"✗ 이메일: @ 뒤에 올바른 도메인이 없습니다"},
		{"empty required text", apiclient.FieldFullName, "", nil, "✗ Full name is required", "✗ 성명: 필수 항목입니다"},
		{"ip address", apiclient.FieldIPAddress, "999.1.1.1", nil, "✗ IP address is not an IPv4 or IPv6 address",
			"✗ IP 주소: IPv4 또는 IPv6 주소가 아닙니다"},
		{"required select", apiclient.FieldIDType, "", nil, "✗ ID type is required: choose one",
			"✗ 신분증 종류: 필수 항목입니다. 하나를 선택해 주십시오"},
		{"last page select", apiclient.FieldKYCStatus, "", nil, "✗ KYC status is required: choose one",
			"✗ KYC 결과: 필수 항목입니다. 하나를 선택해 주십시오"},
		{"country filter", apiclient.FieldNationality, "", []string{"z", "z", "q"}, "✗ No country matches \"zzq\"",
			"✗ \"zzq\" 검색어와 일치하는 국가가 없습니다"},
		{"date in the future", apiclient.FieldBirthDate, "2030-01-01", nil, "✗ Birth date is in the future",
			"✗ 생년월일: 미래의 날짜입니다"},
		{"date order", apiclient.FieldExpireDate, "2010-01-01", nil, "✗ Expiry date must be after the issue date",
			"✗ 만료일: 발급일(2011-08-07)보다 이후여야 합니다"},
	}
	for _, lang := range i18n.Langs {
		for _, tt := range tests {
			want := tt.want
			if lang == i18n.KO {
				want = tt.ko
			}
			for _, move := range []string{"enter", "tab"} {
				if move == "tab" && tt.key == apiclient.FieldKYCStatus {
					continue // the last field: tab goes nowhere, enter opens the review
				}
				t.Run(string(lang)+" "+tt.name+" "+move, func(t *testing.T) {
					i18ntest.NoMissing(t)
					i18ntest.Use(t, lang)
					sub := apiclient.Submission{IssueDate: "2011-08-07"}
					sub.Set(tt.key, tt.value)
					// The form's size in the wizard at 80x24.
					h := newTestForm(t, &sub, Options{Width: 78, Height: 20})
					if !Focus(h.f, tt.key) {
						t.Fatalf("could not focus %s", tt.key)
					}
					typeKeys(t, h, tt.keys...)
					typeKeys(t, h, move)
					if got := h.focused(); got != tt.key {
						t.Fatalf("%s left %s (now on %s) with a value it should refuse", move, tt.key, got)
					}
					lines := strings.Split(screen(h.f.View()), "\n")
					at := -1
					for i, l := range lines {
						if strings.Contains(l, want) {
							at = i
							break
						}
					}
					if at < 0 || at >= 20 {
						t.Fatalf("no %q within the form's 20 lines (line %d):\n%s", want, at, strings.Join(lines, "\n"))
					}
					if lang == i18n.KO {
						i18ntest.Korean(t, "the refusal", lines[at])
					}
				})
			}
		}
	}
}

// No required choice (a select or the country picker) starts with a value:
// Enter on a fresh one picks nothing and says to choose.
func TestNoRequiredChoiceStartsWithAValue(t *testing.T) {
	for _, f := range apiclient.Fields {
		if !f.Required || (f.Kind != apiclient.KindEnum && f.Kind != apiclient.KindCountry) {
			continue
		}
		t.Run(f.Key, func(t *testing.T) {
			var sub apiclient.Submission
			h := newTestForm(t, &sub, Options{Width: 78, Height: 20})
			Focus(h.f, f.Key)
			if sc := screen(h.f.View()); !strings.Contains(sc, "choose one…") {
				t.Fatalf("%s does not start on \"choose one…\":\n%s", f.Key, sc)
			}
			typeKeys(t, h, "enter")
			if v := sub.Get(f.Key); v != "" || h.focused() != f.Key {
				t.Fatalf("one Enter on a fresh %s chose %q (focus %s)", f.Key, v, h.focused())
			}
			if sc := screen(h.f.View()); !strings.Contains(sc, "✗ "+apiclient.Label(f.Key)+" is required: choose one") {
				t.Fatalf("%s does not say it is required:\n%s", f.Key, sc)
			}
		})
	}
}
