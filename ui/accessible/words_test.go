package accessible

import (
	"context"
	"errors"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word this package says comes from the accessible catalog.
func TestWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "*.go", map[string]string{
		"accessible: no submit function and no way to set a key": "a caller's bug, never shown to an operator",
	})
}

// askYesNo runs one yes-or-no question on answer, piped.
func askYesNo(t *testing.T, answer string) (yes bool, transcript string, err error) {
	t.Helper()
	var out strings.Builder
	s := &session{ctx: context.Background(), d: Deps{Out: &out}, in: newLineReader(strings.NewReader(answer + "\n"))}
	yes, err = s.yesNo("Go on?", "the test question")
	return yes, out.String(), err
}

// A yes or a no means the same in every language, whatever the run's: an
// answer file runs unchanged in English and Korean. Full-width letters from
// an input method count, and so do y and n typed with a Korean keyboard
// layout (ㅛ, ㅜ).
func TestYesAndNoInEitherLanguage(t *testing.T) {
	yes := []string{"y", "Y", "yes", "YES", " y ", "예", "네", "ㅇ", "ㅛ", "ｙ", "Ｙｅｓ"}
	no := []string{"n", "N", "no", "No", "아니오", "아니요", "아뇨", "ㄴ", "ㅜ", "ｎ", " 아니오 "}
	refused := []string{"", "maybe", "yes please", "예요", "ㅇㅋ", "아니", "1", "-", "sure"}
	for _, l := range i18n.Langs {
		i18ntest.Use(t, l)
		for _, a := range yes {
			if got, out, err := askYesNo(t, a); err != nil || !got {
				t.Errorf("%s: %q = %v, %v, want yes\n%s", l, a, got, err, out)
			}
		}
		for _, a := range no {
			if got, out, err := askYesNo(t, a); err != nil || got {
				t.Errorf("%s: %q = %v, %v, want no\n%s", l, a, got, err, out)
			}
		}
		for _, a := range refused {
			if _, out, err := askYesNo(t, a); !errors.Is(err, ErrRefusedAnswer) {
				t.Errorf("%s: %q = %v, want it refused\n%s", l, a, err, out)
			}
		}
	}
}

// The lists of answer words never share a word, in any language: a word
// that meant yes in one language and no in the other would send a record.
func TestAnswerWordListsAreDisjoint(t *testing.T) {
	lists := []string{wordsYes, wordsNo, wordsQuit, wordsEdit}
	owner := map[string]string{}
	for _, id := range lists {
		if len(answerWords(id)) == 0 {
			t.Errorf("%s has no words", id)
		}
		for _, w := range answerWords(id) {
			k := strings.ToLower(fold(w))
			if other, ok := owner[k]; ok && other != id {
				t.Errorf("%q is in %s and %s", w, other, id)
			}
			owner[k] = id
			if lookupKey, ok := lookupField(w); ok {
				t.Errorf("the answer word %q also names the field %s", w, lookupKey)
			}
		}
	}
}

// A field is found by its number, its wire key, or its label in either
// language, whatever the case and the spaces; no name means two fields.
func TestLookupFieldInEitherLanguage(t *testing.T) {
	for _, l := range i18n.Langs {
		i18ntest.Use(t, l)
		for a, want := range map[string]string{
			"2": apiclient.FieldFullName, " 3 ": apiclient.FieldEmail, "３": apiclient.FieldEmail,
			"email": apiclient.FieldEmail, "EMAIL": apiclient.FieldEmail, "이메일": apiclient.FieldEmail,
			"Full name": apiclient.FieldFullName, "fullname": apiclient.FieldFullName, "성명": apiclient.FieldFullName,
			"IP address": apiclient.FieldIPAddress, "IP주소": apiclient.FieldIPAddress, "ip 주소": apiclient.FieldIPAddress,
			"생년월일": apiclient.FieldBirthDate, "birthDate": apiclient.FieldBirthDate, "추가 항목 1": apiclient.FieldCF1,
			"국가 (주소)": apiclient.FieldAddressCountry,
		} {
			if got, ok := lookupField(a); !ok || got != want {
				t.Errorf("%s: lookupField(%q) = %q, %v; want %s", l, a, got, ok, want)
			}
		}
		for _, a := range []string{"", "0", "24", "국가", "Country", "name", "예"} {
			if got, ok := lookupField(a); ok {
				t.Errorf("%s: lookupField(%q) = %s, want no field", l, a, got)
			}
		}
	}
	seen := map[string]string{}
	for _, k := range apiclient.AllKeys() {
		for _, name := range append(inAnyLanguage(func(l i18n.Lang) string { return apiclient.LabelIn(l, k) }), k) {
			c := compact(name)
			if other, ok := seen[c]; ok && other != k {
				t.Errorf("%q names both %s and %s", name, other, k)
			}
			seen[c] = k
		}
	}
}

// The confirmation's edit takes a field after a space or run into it, in
// either language.
func TestConfirmationCommands(t *testing.T) {
	for a, want := range map[string][2]string{
		"edit 3": {"edit", "3"}, "e 3": {"e", "3"}, "수정 3": {"수정", "3"}, "수정3": {"수정", "3"},
		"edit3": {"edit", "3"}, "편집 이메일": {"편집", "이메일"}, "수정  IP 주소 ": {"수정", "IP 주소"},
		"ｅｄｉｔ　２": {"edit", "2"}, "y": {"y", ""}, "예": {"예", ""}, "y3": {"y3", ""}, "x3": {"x3", ""},
	} {
		word, rest := command(a)
		if word != want[0] || rest != want[1] {
			t.Errorf("command(%q) = %q, %q; want %q, %q", a, word, rest, want[0], want[1])
		}
	}
	for a, want := range map[string]bool{
		"y": true, "예": true, "네": true, "n": true, "아니오": true, "q": true, "중단": true, "수정 2": true,
		"수정2": true, "edit 이메일": true, "수정": true, "y 2": false, "예 예": false, "수정 99": false, "submit": false,
	} {
		if got := isConfirmation(a); got != want {
			t.Errorf("isConfirmation(%q) = %v, want %v", a, got, want)
		}
	}
}

// A choice is taken by its number, its value, or its words in either
// language, whatever the run's language.
func TestChoicesInEitherLanguage(t *testing.T) {
	for _, l := range i18n.Langs {
		i18ntest.Use(t, l)
		for key, answers := range map[string]map[string]string{
			apiclient.FieldGender: {"2": "male", "male": "male", "Male": "male", "남성": "male", "여성": "female", "２": "male"},
			apiclient.FieldIDType: {"운전면허증": "drivers_license", "Driver's license": "drivers_license",
				"PAN card": "pancard", "PAN 카드": "pancard", "pan카드(인도)": "pancard", "여권": "passport", "passport": "passport"},
			apiclient.FieldKYCStatus: {"승인": "approved", "거부": "rejected", "approved": "approved", "1": "approved"},
		} {
			spec, _ := apiclient.Spec(key)
			for a, want := range answers {
				if got, problem := pickOption(spec, apiclient.EnumOptions(key), a); got != want || problem != "" {
					t.Errorf("%s: %s %q = %q (%s), want %q", l, key, a, got, problem, want)
				}
			}
		}
		// Within a field, no words name two options in any language.
		for _, f := range apiclient.Fields {
			seen := map[string]string{}
			for _, o := range apiclient.EnumOptions(f.Key) {
				for _, w := range inAnyLanguage(func(l i18n.Lang) string { return o.LabelIn(l) }) {
					if other, ok := seen[compact(w)]; ok && other != o.Value {
						t.Errorf("%s: %q names %s and %s", f.Key, w, other, o.Value)
					}
					seen[compact(w)] = o.Value
				}
			}
		}
	}
}
