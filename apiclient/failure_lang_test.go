package apiclient

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
	"unicode"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// The failure policy's words come from the catalog, not from literals in
// its files.
func TestFailureWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "failure*.go", nil)
}

// Every reason, for a record and for images, with every outcome, hint and
// named field that changes its words: in Korean it reads as Korean, in
// English as before, and English() is English whatever the run's language.
func TestFailureWordsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	reasons := []Reason{ReasonInvalidPayload, ReasonMissingData, ReasonInvalidProject, ReasonInvalidAdmin,
		ReasonInvalidParameter, ReasonInvalidFormat, ReasonProcessingError, ReasonKeyRefused, ReasonWrongURL,
		ReasonEncryption, ReasonDecrypt, ReasonTooLarge, ReasonRateLimited, ReasonServerFailed, ReasonUnreadable,
		ReasonRefused, ReasonUnreachable, ReasonNoAnswer, ReasonCancelled, ReasonRedirect, ReasonUnexpected,
		ReasonInvalidSubmission, ReasonInvalidData, ReasonInvalidIDType}
	var failures []Failure
	for _, r := range reasons {
		for _, o := range []Outcome{OutcomeNotSent, OutcomeRejected, OutcomeUnknown} {
			for _, images := range []bool{false, true} {
				base := Failure{Reason: r, Outcome: o, Images: images, Named: "127.0.0.1:9"}
				failures = append(failures, base)
				switch r {
				case ReasonInvalidParameter, ReasonInvalidFormat:
					for _, named := range []string{"", FieldBirthDate, "nick"} {
						f := base
						f.Named = named
						failures = append(failures, f)
					}
				case ReasonRateLimited:
					for _, wait := range []time.Duration{time.Second, 90 * time.Second, 10 * time.Minute, 5 * time.Hour} {
						f := base
						f.RetryAfter = wait
						failures = append(failures, f)
					}
				case ReasonEncryption, ReasonInvalidAdmin:
					for _, h := range []EncryptionHint{EncryptionTurnOn, EncryptionTurnOff} {
						f := base
						f.Encryption = h
						failures = append(failures, f)
					}
				case ReasonInvalidPayload, ReasonUnreachable:
					f := base
					f.imageEncrypted, f.imageTimedOut = true, true
					failures = append(failures, f)
				}
			}
		}
	}
	for _, f := range failures {
		name := fmt.Sprintf("%s/%s/images=%v/%q/%v/%v", f.Reason, f.Outcome, f.Images, f.Named, f.RetryAfter, f.Encryption)
		enTitle, enExplain := f.words(i18n.EN)
		koTitle, koExplain := f.words(i18n.KO)
		for what, s := range map[string]string{"title": enTitle, "explanation": enExplain} {
			if s == "" || hasHangul(s) {
				t.Errorf("%s: English %s %q", name, what, s)
			}
		}
		i18ntest.Korean(t, name+": title", koTitle)
		i18ntest.Korean(t, name+": explanation", koExplain)

		i18ntest.Use(t, i18n.KO)
		if title, explain := f.English(); title != enTitle || explain != enExplain {
			t.Errorf("%s: English() in a Korean run = %q, %q", name, title, explain)
		}
		i18ntest.Korean(t, name+": consequence", f.Consequence())
		i18ntest.Use(t, i18n.EN)
	}
}

// Classify speaks the run's language, details included; English() does
// not follow it.
func TestClassifyInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	cases := []struct {
		err        error
		title      string
		detailPart string
	}{
		{&APIError{Status: 400, Code: CodeInvalidAdmin, Message: "Invalid admin."}, "관리자 계정이 거부되었습니다", "HTTP 400 invalid_admin: Invalid admin."},
		{&TransportError{Op: "sending to h:1", Err: errors.New("dial tcp: connection refused")}, "서버에 연결할 수 없습니다", "h:1: 연결이 거부됨"},
		{&TransportError{Op: "sending to h:1", Sent: true, Err: fmt.Errorf("cancelled: %w", context.Canceled)}, "서버 응답 대기를 중단했습니다", "h:1: 사용자가 중단함"},
		{context.Canceled, "보내기 전에 중단했습니다", "사용자가 중단함"},
		{&APIError{Status: 502, Message: "unreadable answer: <html><title>Bad Gateway</title></html>"}, "서버에서 오류가 발생했습니다", "HTTP 502: API 응답이 아닌 웹 페이지 (Bad Gateway)"},
		{&APIError{Status: 429, RetryAfter: 30 * time.Second}, "서버가 요청 속도를 줄여 달라고 합니다", "HTTP 429"},
	}
	for _, c := range cases {
		f := Classify(c.err, Submission{})
		if f.Title != c.title || f.Detail != c.detailPart {
			t.Errorf("Classify(%v) = %q (%q); want %q (%q)", c.err, f.Title, f.Detail, c.title, c.detailPart)
		}
		i18ntest.Korean(t, "explanation", f.Explain)
		if title, _ := f.English(); hasHangul(title) || title == "" {
			t.Errorf("English() = %q", title)
		}
	}
	if f := Classify(&APIError{Status: 429, RetryAfter: 90 * time.Second}, Submission{}); f.Explain != "서버가 요청 수를 제한하고 있습니다. 레코드를 다시 보내기 전에 90초 기다려 달라고 합니다." {
		t.Errorf("the wait in Korean: %q", f.Explain)
	}
	if f := Classify(&APIError{Status: 400, Code: CodeInvalidFormat, Field: FieldBirthDate}, Submission{}); f.Explain != "서버가 생년월일(birthDate)의 형식을 거부했습니다. 올바른 형식: YYYY-MM-DD 형식의 날짜." {
		t.Errorf("a refused format in Korean: %q", f.Explain)
	}
}

// Every field has a label and a format in both languages, Label and Spec
// follow the run's language, and LabelIn(i18n.EN, …) does not.
func TestFieldWordsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	for _, f := range Fields {
		for _, l := range i18n.Langs {
			for _, id := range []string{"fields." + f.Key + ".label", "fields." + f.Key + ".format"} {
				if s := i18n.In(l, id); s == id || s == "" {
					t.Errorf("%s has no %s message", id, l)
				}
			}
		}
		i18ntest.Use(t, i18n.KO)
		s, _ := Spec(f.Key)
		i18ntest.Korean(t, f.Key+" label", s.Label)
		if !hasHangul(s.Format) {
			t.Errorf("%s format in Korean: %q", f.Key, s.Format)
		}
		if Label(f.Key) != s.Label || LabelIn(i18n.EN, f.Key) == s.Label || hasHangul(LabelIn(i18n.EN, f.Key)) {
			t.Errorf("%s: Label %q, Spec %q, English %q", f.Key, Label(f.Key), s.Label, LabelIn(i18n.EN, f.Key))
		}
		i18ntest.Use(t, i18n.EN)
		if Label(f.Key) != LabelIn(i18n.EN, f.Key) {
			t.Errorf("%s: Label in English %q", f.Key, Label(f.Key))
		}
	}
	// Every fields.* message names a field: none is left from a field
	// the API no longer has.
	for _, l := range i18n.Langs {
		entries, err := i18n.ReadCatalog("fields", l)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			key := e.ID[len("fields.") : len(e.ID)-len(".label")]
			if len(e.ID) > len(".format") && e.ID[len(e.ID)-len(".format"):] == ".format" {
				key = e.ID[len("fields.") : len(e.ID)-len(".format")]
			}
			if _, ok := specOf(key); !ok {
				t.Errorf("%s (%s) names no field", e.ID, l)
			}
		}
	}
	if Label("nick") != "nick" {
		t.Errorf("Label of a key that is no field = %q", Label("nick"))
	}
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
