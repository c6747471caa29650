package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// A record created before the connection dropped is found by the lookup,
// plain and encrypted.
func TestLookupFindsWhatADroppedSubmitCreated(t *testing.T) {
	for _, enc := range []bool{false, true} {
		sb := apitest.Sandbox(t, sandbox.Options{Encrypted: enc})
		c := newClient(t, sb.URL, enc)
		rec := apitest.Sample()
		rec.Admin = sandbox.AdminDrop
		_, err := c.Submit(context.Background(), rec)
		if !apiclient.MaybeCreated(err) {
			t.Fatalf("encrypted=%v: drop gave %v, want an outcome-unknown error", enc, err)
		}
		found, err := c.FindByEmail(context.Background(), rec.Email)
		if err != nil {
			t.Fatalf("encrypted=%v: %v", enc, err)
		}
		recs := sb.Records()
		if len(found) != 1 || found[0].ID != recs[0].ID || found[0].CreatedAt.Sub(recs[0].Created).Abs() > time.Second {
			t.Fatalf("encrypted=%v: found %+v, sandbox has %+v", enc, found, recs)
		}
		if other, err := c.FindByEmail(context.Background(), "other@sample.com"); err != nil || len(other) != 0 {
			t.Fatalf("other email: %+v, %v", other, err)
		}
	}
}

func TestLookupUnsupportedForMagicEmail(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: false})
	_, err := newClient(t, sb.URL, false).FindByEmail(context.Background(), sandbox.EmailNoLookup)
	if !errors.Is(err, apiclient.ErrLookupUnsupported) {
		t.Fatalf("err = %v, want ErrLookupUnsupported", err)
	}
}

// lookupPage is the lookup's answer as the vendor shapes it.
type lookupPage struct {
	Items []struct {
		SubmissionID string `json:"submission_id"`
		LegacyID     string `json:"submissionId"`
		Email        string `json:"email"`
		UserID       string `json:"userid"`
		CreatedAt    string `json:"created_at"`
		KYC          struct {
			Result string `json:"result"`
		} `json:"kyc"`
	}
	Count    int
	NextPage string `json:"nextpage_id"`
}

func lookup(tb testing.TB, base string, query url.Values) (int, lookupPage) {
	tb.Helper()
	a := do(tb, http.MethodGet, base+apiclient.LookupPath+"?"+query.Encode(), nil, "")
	var p lookupPage
	if a.status == http.StatusOK {
		if err := json.Unmarshal(a.body, &p); err != nil {
			tb.Fatalf("lookup answer: %s", a.body)
		}
	}
	return a.status, p
}

// The lookup filters exactly, by email, by userid, by both and by id:
// neighbours that differ by case, a prefix or a suffix are never returned.
func TestLookupFiltersExactly(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	ids := map[string]string{} // "email userid" -> id
	for _, r := range [][2]string{
		{"kim@sample.com", "u1"}, {"Kim@sample.com", "u1"}, {"kim@sample.co", "u10"}, {"akim@sample.com", "u"},
		{"kim@sample.com", "u2"}, {"lee@sample.com", ""}, {"lee@sample.com", "U1"},
	} {
		a := migrate(t, sb.URL, r[0], r[1], "admin@sample.com")
		if a.status != 200 {
			t.Fatalf("creating %v: %d %s", r, a.status, a.body)
		}
		ids[r[0]+" "+r[1]] = a.field(t, "submissionId")
	}
	want := func(keys ...string) []string {
		var out []string
		for _, k := range keys {
			out = append(out, ids[k])
		}
		return out
	}
	cases := []struct {
		name  string
		query url.Values
		want  []string // oldest first
	}{
		{"email", url.Values{"email": {"kim@sample.com"}}, want("kim@sample.com u1", "kim@sample.com u2")},
		{"email, other case", url.Values{"email": {"Kim@sample.com"}}, want("Kim@sample.com u1")},
		{"email nobody has", url.Values{"email": {"im@sample.com"}}, nil},
		{"userid", url.Values{"userid": {"u1"}}, want("kim@sample.com u1", "Kim@sample.com u1")},
		{"userid, other case", url.Values{"userid": {"U1"}}, want("lee@sample.com U1")},
		{"userid prefix of another", url.Values{"userid": {"u"}}, want("akim@sample.com u")},
		{"email and userid", url.Values{"email": {"kim@sample.com"}, "userid": {"u2"}}, want("kim@sample.com u2")},
		{"email and someone else's userid", url.Values{"email": {"lee@sample.com"}, "userid": {"u1"}}, nil},
		{"submission id", url.Values{"submission_id": {ids["lee@sample.com "]}}, want("lee@sample.com ")},
		{"id with the wrong email", url.Values{"submission_id": {ids["lee@sample.com "]}, "email": {"kim@sample.com"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, page := lookup(t, sb.URL, tc.query)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			var got []string
			for _, it := range page.Items {
				got = append(got, it.SubmissionID)
				if it.LegacyID != it.SubmissionID {
					t.Errorf("submissionId %q differs from submission_id %q", it.LegacyID, it.SubmissionID)
				}
				if e := tc.query.Get("email"); e != "" && it.Email != e {
					t.Errorf("item email %q for a lookup of %q", it.Email, e)
				}
				if u := tc.query.Get("userid"); u != "" && it.UserID != u {
					t.Errorf("item userid %q for a lookup of %q", it.UserID, u)
				}
			}
			if !slices.Equal(got, tc.want) || page.Count != len(tc.want) {
				t.Fatalf("got %v (Count %d), want %v", got, page.Count, tc.want)
			}
		})
	}
}

// Each item has the vendor's fields; created_at is in its layout.
func TestLookupItemShape(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time {
		return time.Date(2026, 11, 25, 12, 4, 5, 678_900_000, seoul)
	}})
	sub := recordFor("shape@sample.com", "shape-1", "admin@sample.com")
	sub.KYCStatus = "rejected"
	if a := submit(t, sb.URL, sub); a.status != 200 {
		t.Fatalf("create: %d %s", a.status, a.body)
	}
	_, page := lookup(t, sb.URL, url.Values{"userid": {"shape-1"}})
	rec := sb.Records()[0]
	if len(page.Items) != 1 {
		t.Fatalf("items %+v", page.Items)
	}
	it := page.Items[0]
	if it.SubmissionID != rec.ID || it.Email != "shape@sample.com" || it.UserID != "shape-1" || it.KYC.Result != "rejected" {
		t.Errorf("item %+v, record %+v", it, rec)
	}
	// The sandbox's clock is fixed here, so every digit is known.
	if it.CreatedAt != "2026-11-25-03-04-05-678" {
		t.Errorf("created_at %q, created %v, want 2026-11-25-03-04-05-678", it.CreatedAt, rec.Created)
	}
}

// count caps a page and nextpage_id continues where it stopped, until every
// record was seen exactly once.
func TestLookupPages(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	for range 7 {
		if a := migrate(t, sb.URL, "many@sample.com", "", "admin@sample.com"); a.status != 200 {
			t.Fatal(a.status)
		}
	}
	var seen []string
	q := url.Values{"email": {"many@sample.com"}, "count": {"3"}}
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("the pages never end")
		}
		_, page := lookup(t, sb.URL, q)
		for _, it := range page.Items {
			seen = append(seen, it.SubmissionID)
		}
		if page.NextPage == "" {
			break
		}
		if len(page.Items) != 3 || page.NextPage != page.Items[2].SubmissionID {
			t.Fatalf("a full page of %d items, next %q", len(page.Items), page.NextPage)
		}
		q.Set("nextpage_id", page.NextPage)
	}
	var want []string
	for _, r := range sb.Records() {
		want = append(want, r.ID)
	}
	if !slices.Equal(seen, want) {
		t.Fatalf("pages gave %v, want %v", seen, want)
	}
}

func TestLookupRefusesWhatItCannotAnswer(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	for name, tc := range map[string]struct {
		query url.Values
		code  string
	}{
		"no filter":          {url.Values{"count": {"3"}}, apiclient.CodeMissingData},
		"count not a number": {url.Values{"email": {"a@b.co"}, "count": {"x"}}, apiclient.CodeInvalidFormat},
		"count too large":    {url.Values{"email": {"a@b.co"}, "count": {"1001"}}, apiclient.CodeInvalidFormat},
	} {
		t.Run(name, func(t *testing.T) {
			a := do(t, http.MethodGet, sb.URL+apiclient.LookupPath+"?"+tc.query.Encode(), nil, "")
			if a.status != 400 || a.field(t, "errorCode") != tc.code {
				t.Fatalf("%d %s, want 400 %s", a.status, a.body, tc.code)
			}
		})
	}
}
