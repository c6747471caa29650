package accessible

import (
	"context"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// An answer file with old Mac line endings (a lone CR) is one answer a
// line, like any other: not one long first answer that the transcript
// repeats, identity number included.
func TestCROnlyAnswerFilesAreReadLineByLine(t *testing.T) {
	rec := apitest.Sample()
	lf := answersFor(rec, "y")
	for name, answers := range map[string]string{
		"CR":          strings.ReplaceAll(lf, "\n", "\r"),
		"CRLF":        strings.ReplaceAll(lf, "\n", "\r\n"),
		"mixed":       strings.Replace(strings.ReplaceAll(lf, "\n", "\r"), "\r", "\r\n", 5),
		"CR, no last": strings.TrimSuffix(strings.ReplaceAll(lf, "\n", "\r"), "\r"),
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, answers)
			out, err := r.run()
			if err != nil || out.ID == "" {
				t.Fatalf("run = %+v, %v\n%s", out, err, r.out)
			}
			if recs := r.sb.Records(); len(recs) != 1 || recs[0].Submission != rec {
				t.Fatalf("sent %+v, want the record as written", recs)
			}
			r.assertClean(rec.IdentityNumber)
		})
	}
}

// Whatever line of the answer file is missing or doubled, the identity
// number and the key are never repeated in the transcript, nor quoted by a
// refusal: any line may land at any question.
func TestAShiftedAnswerFileNeverShowsASecret(t *testing.T) {
	rec := apitest.Sample()
	const key = "KEYLINE-0123456789abcdef"
	lines := strings.Split(strings.TrimSuffix(answersFor(rec, "y"), "\n"), "\n")
	lines = append([]string{key}, lines...) // the key first, as a run without one asks
	var files []string
	for i := range lines {
		files = append(files,
			strings.Join(append(append([]string(nil), lines[:i]...), lines[i+1:]...), "\n")+"\n",                     // line i missing
			strings.Join(append(append(append([]string(nil), lines[:i+1]...), lines[i]), lines[i+1:]...), "\n")+"\n") // line i twice
	}
	for n, answers := range files {
		for _, needKey := range []bool{true, false} {
			r := newRig(t, answers)
			if needKey {
				r.deps.Submit, r.deps.NeedKey, r.deps.Profile = nil, true, "acme"
				r.deps.SetKey = func(_ context.Context, k string) (SubmitFunc, error) { return submitTo(t, r.sb.URL, k), nil }
			}
			_, _ = r.run()
			tr := r.out.String()
			for _, secret := range []string{rec.IdentityNumber, key, "2222555"} {
				if strings.Contains(tr, secret) {
					t.Fatalf("file %d (key asked: %v): the transcript shows %q:\n%s", n, needKey, secret, tr)
				}
			}
		}
	}
}

// Answers whose form says what they are are still repeated, so that the
// transcript reads as a dialogue; free text is counted, not repeated.
func TestTheTranscriptRepeatsOnlyAnswersThatCannotBeSecrets(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y"))
	if _, err := r.run(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Admin account: " + rec.Admin, "Email: " + rec.Email, "Birth date: " + rec.BirthDate,
		"Issuing country, a code or a country name: " + rec.IssuingCountry,
		"Full name: (not repeated: 3 characters)", "Identity number: (not shown)",
		"Document number: (not repeated: 12 characters)",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	for _, k := range []string{apiclient.FieldDocumentNumber, apiclient.FieldAddressStreet} {
		if line := "\n" + apiclient.Label(k) + ": " + rec.Get(k); strings.Contains(r.out.String(), line) {
			t.Errorf("free text repeated: %q", line)
		}
	}
}

// An identity number given as the answer to any question that refuses it
// (all but free text, which takes it and shows it at the review) is never
// shown, even as a refusal could reformat it before quoting it: digits
// alone (a choice's number, its leading zero dropped and its digits
// grouped) and the full-width digits of an input method (which an answer's
// folding makes ASCII), in either language.
func TestASecretAtAnyQuestionIsNeverShown(t *testing.T) {
	for _, l := range i18n.Langs {
		i18ntest.Use(t, l)
		for _, id := range []string{"0211082222555", "０２１１０８２２２２５５５"} {
			rec := apitest.Sample()
			lines := strings.Split(strings.TrimSuffix(answersFor(rec, "edit 3", "y"), "\n"), "\n")
			for i := range lines {
				if keys := apiclient.AllKeys(); i < len(keys) {
					if spec, _ := apiclient.Spec(keys[i]); spec.Kind == apiclient.KindText {
						continue
					}
				}
				swapped := append([]string(nil), lines...)
				swapped[i] = id
				r := newRig(t, strings.Join(swapped, "\n")+"\n")
				_, _ = r.run()
				tr := r.out.String()
				for _, secret := range []string{id, "211082222555", "211,082,222,555", "2222555", "２２２２５５５"} {
					if strings.Contains(tr, secret) {
						t.Fatalf("%s: %q at line %d: the transcript shows %q:\n%s", l, id, i+1, secret, tr)
					}
				}
			}
		}
	}
}
