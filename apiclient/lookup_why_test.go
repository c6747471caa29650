package apiclient_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// One wording for a lookup that cannot tell whether the record exists,
// shared by the wizard and accessible mode, in both languages, with what
// was wrong with the answer said in the run's language.
func TestLookupWhyInBothLanguages(t *testing.T) {
	answers := map[string]struct {
		status int
		body   string
		en, ko string
	}{
		"no id":        {200, `{"Items":[{"email":"migration@sample.com"}]}`, "could not be read: a submission in it has no id.", "읽지 못했습니다: ID가 없는 제출이 있습니다."},
		"not a list":   {200, `{"Items":{"a":1}}`, "could not be read: Items is not a list.", "Items 값이 목록이 아닙니다."},
		"not JSON":     {200, `<html>hello</html>`, "could not be read: it is not JSON", "JSON이 아닙니다"},
		"no lookup":    {404, `{"message":"Not Found"}`, "does not answer a lookup of submissions by email", "조회하는 요청에 응답하지 않습니다"},
		"server fails": {500, `{"message":"boom"}`, "HTTP 500", "HTTP 500"},
	}
	for name, a := range answers {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(a.status)
				_, _ = io.WriteString(w, a.body)
			}))
			defer srv.Close()
			_, err := newClient(t, srv.URL, "k", 0).FindByEmail(context.Background(), "migration@sample.com")
			if err == nil {
				t.Fatal("the lookup succeeded")
			}
			for lang, want := range map[i18n.Lang]string{i18n.EN: a.en, i18n.KO: a.ko} {
				i18ntest.Use(t, lang)
				if got := apiclient.LookupWhy(err, apitest.Sample()); !strings.Contains(got, want) {
					t.Errorf("%s: %q, want it to say %q", lang, got, want)
				}
			}
		})
	}
	i18ntest.Use(t, i18n.KO)
	if got := apiclient.LookupWhy(apiclient.ErrNoLookup, apitest.Sample()); got != "이번 세션에서는 제출을 조회할 수 없습니다." {
		t.Errorf("no lookup: %q", got)
	}
}
