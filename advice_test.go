package main

import (
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
