package main

import (
	"regexp"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Each refusal of the key gets the advice of its own cause: a 403 may be
// the network (the project's IP allow-list), invalid_project never is
// (the key reached the service and matches no project there: the key or
// the API URL is wrong). In both languages.
func TestSendAdviceFitsTheReason(t *testing.T) {
	forbidden := &apiclient.APIError{Status: 403, Message: "Forbidden"}
	project := &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidProject, Message: "Invalid project."}
	for _, tc := range []struct {
		lang              i18n.Lang
		allowList, apiURL string
	}{
		{i18n.EN, "allowed", "API URL"},
		{i18n.KO, "허용", "API URL"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			i18ntest.Use(t, tc.lang)
			for _, keyCheck := range []bool{false, true} {
				got := sendAdvice(apiclient.Classify(project, apiclient.Submission{}), keyCheck)
				if strings.Contains(got, tc.allowList) || !strings.Contains(got, tc.apiURL) {
					t.Errorf("invalid_project (key check %v): %q: want the key and the API URL checked, not the network allowed", keyCheck, got)
				}
				got = sendAdvice(apiclient.Classify(forbidden, apiclient.Submission{}), keyCheck)
				if !strings.Contains(got, tc.allowList) {
					t.Errorf("403 (key check %v): %q: want the allow-list named", keyCheck, got)
				}
			}
		})
	}
}

// `image`'s next step names the flag of the image the failure policy
// blames: the largest for a request too large, none when it blames none.
func TestSendAdviceNamesTheBlamedImagesFlag(t *testing.T) {
	sent := func(err error) error {
		return &apiclient.ImageError{SubmissionID: "sbx1", Kinds: []apiclient.ImageKind{apiclient.ImageIDFront, apiclient.ImageSelfie},
			Sizes: []int64{900_000, 2_500_000}, IDType: "passport", Err: err}
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, lang)
		got := sendAdvice(apiclient.Classify(sent(&apiclient.APIError{Status: 413}), apiclient.Submission{}), false)
		if !strings.Contains(got, "--selfie") || strings.Contains(got, "--id-front") {
			t.Errorf("%s, too large: %q: want --selfie named, the largest", lang, got)
		}
		got = sendAdvice(apiclient.Classify(sent(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidData,
			Message: "idImage could not be read."}), apiclient.Submission{}), false)
		if !strings.Contains(got, "--id-front") || strings.Contains(got, "--selfie") {
			t.Errorf("%s, unreadable front: %q: want --id-front named", lang, got)
		}
		got = sendAdvice(apiclient.Classify(sent(&apiclient.APIError{Status: 403}), apiclient.Submission{}), false)
		if strings.Contains(got, "--selfie") || strings.Contains(got, "--id-front") {
			t.Errorf("%s, key refused: %q: names an image", lang, got)
		}
	}
}

// A failed image call reads Korean in a Korean run, what was being done
// included (it was "attaching images: " in every language).
func TestAFailedImageCallIsSaidInKorean(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	err := &apiclient.ImageError{SubmissionID: "sbx1", Kinds: []apiclient.ImageKind{apiclient.ImageSelfie}, Sizes: []int64{9},
		Err: &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidSubmission, Message: "Invalid submission."}}
	var b strings.Builder
	printError(&b, err, "argos-migrate image")
	said := b.String()
	if i := strings.Index(said, "(HTTP"); i > 0 {
		said = said[:i] + said[strings.Index(said, ")")+1:] // the server's own answer, as it gave it
	}
	i18ntest.Korean(t, "the error", said)
	// Words in capitals (API, ID) are names the glossary keeps.
	if words := regexp.MustCompile(`[A-Za-z]*[a-z][A-Za-z]*`).FindAllString(said, -1); len(words) > 0 {
		t.Errorf("English words %q in %q", words, said)
	}
}
