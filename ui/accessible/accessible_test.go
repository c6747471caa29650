package accessible

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

func TestPipedAnswerFilesCreateExactlyTheRecord(t *testing.T) {
	rec := apitest.Sample()
	human, err := os.ReadFile("../../testdata/accessible-answers.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, answers := range map[string]string{
		"values as the API spells them": answersFor(rec, "y"),
		// numbers for choices, a country name, blank lines: as a person writes it
		"testdata/accessible-answers.txt": string(human),
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, answers)
			out, err := r.run()
			if err != nil {
				t.Fatalf("run: %v\n%s", err, r.out)
			}
			got := r.records()
			if len(got) != 1 || got[0] != rec {
				t.Fatalf("sandbox holds %+v, want exactly the sample record", got)
			}
			if out.ID != r.sb.Records()[0].ID || !strings.Contains(r.out.String(), "Submission id: "+out.ID) {
				t.Errorf("outcome id %q, sandbox id %q", out.ID, r.sb.Records()[0].ID)
			}
			// The one draft saved is the one right before the send, which
			// says the outcome is unknown; the caller discards it after
			// a success.
			if d := r.saved(); len(d) != 1 || d[0].sub != rec || !apiclient.MaybeCreated(d[0].cause) {
				t.Errorf("drafts saved %+v, want one before the send with an unknown outcome", d)
			}
			r.assertClean(rec.IdentityNumber)
		})
	}
}

func TestPromptsSayNameRequiredFormatAndCurrentValue(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y"))
	r.deps.Initial = apiclient.Submission{Email: "old@sample.com", CF1: "kept"}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{
		"Page 1 of 6: Admin",
		"Admin account (admin) - required - email of an admin registered on the project's dashboard - currently empty\nAdmin account: ",
		"Email (email) - required - email address, e.g. name@example.com - currently old@sample.com (Enter keeps it)",
		"Custom field 1 (cf1) - optional - any text - currently kept (Enter keeps it, - clears it)",
		"Gender (gender) - optional - currently empty (Enter leaves it empty)\n  1. Female (female)\n  2. Male (male)\nGender, a number from 1 to 2: ",
		"Issuing country, a code or a country name: ",
		"  11. Identity number: hidden, 14 characters",
		"Identity number: (not shown)",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	r.assertClean(rec.IdentityNumber)
}

func TestEndOfInputSubmitsNothingAndSavesTheDraft(t *testing.T) {
	rec := apitest.Sample()
	full := answersFor(rec)
	lines := strings.SplitAfter(full, "\n")
	for name, tc := range map[string]struct {
		answers string
		want    apiclient.Submission
		at      string
	}{
		"in the middle of the form": {
			answers: strings.Join(lines[:4], ""),
			want:    apiclient.Submission{Admin: rec.Admin, FullName: rec.FullName, Email: rec.Email, BirthDate: rec.BirthDate},
			at:      "Gender",
		},
		"last line without a newline": {
			answers: strings.TrimSuffix(strings.Join(lines[:2], ""), "\n"),
			want:    apiclient.Submission{Admin: rec.Admin, FullName: rec.FullName},
			at:      "Email",
		},
		"at the confirmation": {answers: full, want: rec, at: "the confirmation"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, tc.answers)
			out, err := r.run()
			if !errors.Is(err, ErrEndOfInput) || out.ID != "" {
				t.Fatalf("err = %v, id %q; want ErrEndOfInput and no id", err, out.ID)
			}
			if n := len(r.sb.Records()); n != 0 {
				t.Fatalf("the sandbox created %d record(s)", n)
			}
			d := r.saved()
			if len(d) != 1 || d[0].sub != tc.want {
				t.Fatalf("drafts %+v, want one with the partial record %+v", d, tc.want)
			}
			if !strings.Contains(r.out.String(), "The input ended at "+tc.at+". Nothing was submitted.") {
				t.Errorf("transcript does not say where the input ended (%s):\n%s", tc.at, r.out)
			}
			r.assertClean()
		})
	}
}

func TestRefusedAnswerIsAskedAgainOnATerminal(t *testing.T) {
	rec := apitest.Sample()
	answers := replaceLine(answersFor(rec, "y"), apiclient.FieldBirthDate, "2023-02-29", "2002/11/08", rec.BirthDate)
	r := newRig(t, answers)
	r.deps.Interactive = true
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{
		"✗ Not accepted: Birth date is not a real date: February 2023 has 28 days\nBirth date: ",
		`✗ Not accepted: Birth date must be a date as YYYY-MM-DD (did you mean "2002-11-08"?)` + "\nBirth date: ",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v, want the sample record", got)
	}
}

func TestRefusedPipedAnswerStopsBeforeALineLandsInTheWrongField(t *testing.T) {
	rec := apitest.Sample()
	// The retry would read line 5 (gender "male") as the birth date.
	answers := replaceLine(answersFor(rec, "y"), apiclient.FieldBirthDate, "2023-02-29")
	r := newRig(t, answers)
	_, err := r.run()
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Line != 4 || !errors.Is(err, ErrRefusedAnswer) {
		t.Fatalf("err = %v, want an AnswerError for line 4", err)
	}
	if n := len(r.sb.Records()); n != 0 {
		t.Fatalf("the sandbox created %d record(s)", n)
	}
	if !strings.Contains(r.out.String(), "Fix line 4 and run again") {
		t.Errorf("transcript does not name the line:\n%s", r.out)
	}
	if d := r.saved(); len(d) != 1 || d[0].sub.BirthDate != "" || d[0].sub.Email != rec.Email {
		t.Errorf("drafts %+v, want the record so far without the refused date", d)
	}
}

func TestCountryByCodeNameOrDidYouMean(t *testing.T) {
	rec := apitest.Sample()
	answers := replaceLine(answersFor(rec, "y"), apiclient.FieldNationality, "Untied States", "xyzzy", "미국")
	r := newRig(t, answers)
	r.deps.Interactive = true
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{
		`no country is called "Untied States". Did you mean: USA United States`,
		`no country is called "xyzzy"; type the three-letter code`,
		"Taken as USA (United States).",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if got := r.records(); len(got) != 1 || got[0].Nationality != "USA" {
		t.Fatalf("sandbox holds %+v", got)
	}
}

// The names people use for a country are taken as its code, in accessible
// mode as in the wizard: one search for both.
func TestCountryAliases(t *testing.T) {
	for answer, want := range map[string]string{
		"uk": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR", "holland": "NLD",
		"turkey": "TUR", "türkiye": "TUR", "côte d'ivoire": "CIV", "curacao": "CUW", "reunion": "REU",
		"aland": "ALA", "republic of korea": "KOR", "korea south": "KOR", "북한": "PRK", "America": "USA",
	} {
		t.Run(answer, func(t *testing.T) {
			rec := apitest.Sample()
			r := newRig(t, replaceLine(answersFor(rec, "y"), apiclient.FieldNationality, answer))
			if _, err := r.run(); err != nil {
				t.Fatalf("run: %v\n%s", err, r.out)
			}
			if got := r.records(); len(got) != 1 || got[0].Nationality != want {
				t.Fatalf("%q: sandbox holds %+v, want nationality %s\n%s", answer, got, want, r.out)
			}
			if !strings.Contains(r.out.String(), "Taken as "+want) {
				t.Errorf("%q: the transcript does not say which country it became:\n%s", answer, r.out)
			}
		})
	}
}

func TestSuggestCountries(t *testing.T) {
	for q, want := range map[string]string{"Germny": "DEU", "Kroea": "KOR", "japn": "JPN", "FRA ": "FRA", "korea": "KOR", "kore": "PRK"} {
		near := suggestCountries(q)
		found := false
		for _, c := range near {
			found = found || c.Alpha3 == want
		}
		if !found || len(near) > maxSuggestions {
			t.Errorf("suggestCountries(%q) = %v, want %s among at most %d", q, near, want, maxSuggestions)
		}
	}
	if near := suggestCountries("qqqqqqqq"); len(near) != 0 {
		t.Errorf("suggestCountries(nonsense) = %v", near)
	}
}

func TestClearingOptionalAndRequiredFields(t *testing.T) {
	rec := apitest.Sample()
	answers := replaceLine(answersFor(rec, "y"), apiclient.FieldCF1, "-")
	answers = replaceLine(answers, apiclient.FieldFullName, "-", "")
	r := newRig(t, answers)
	r.deps.Interactive = true
	r.deps.Initial = apiclient.Submission{FullName: "Kept Name", CF1: "to be cleared"}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	want := rec
	want.FullName, want.CF1 = "Kept Name", ""
	if got := r.records(); len(got) != 1 || got[0] != want {
		t.Fatalf("sandbox holds %+v, want %+v", got, want)
	}
	if !strings.Contains(r.out.String(), "✗ Not accepted: Full name is required and cannot be cleared") {
		t.Errorf("clearing a required field was not refused:\n%s", r.out)
	}
}

func TestEditAtTheConfirmation(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "edit nosuch", "edit 3", "new@sample.com", "e", "user id", "-", "yes"))
	r.deps.Interactive = true
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	want := rec
	want.Email, want.UserID = "new@sample.com", ""
	if got := r.records(); len(got) != 1 || got[0] != want {
		t.Fatalf("sandbox holds %+v, want %+v", got, want)
	}
	if n := r.count("Review. Nothing has been sent yet."); n != 3 {
		t.Errorf("the review was shown %d times, want 3 (once more after each edit)", n)
	}
	if !strings.Contains(r.out.String(), `there is no field "nosuch"`) {
		t.Errorf("an unknown field was not refused:\n%s", r.out)
	}
}

func TestDeclineSavesTheDraft(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "n"))
	if _, err := r.run(); !errors.Is(err, ErrDeclined) {
		t.Fatalf("err = %v, want ErrDeclined", err)
	}
	if d := r.saved(); len(d) != 1 || d[0].sub != rec || len(r.sb.Records()) != 0 {
		t.Fatalf("drafts %+v, records %d", d, len(r.sb.Records()))
	}
}

func TestServerRefusalIsFixedAndRetried(t *testing.T) {
	rec := apitest.Sample()
	answers := replaceLine(answersFor(rec, "y", rec.Admin, "y"), apiclient.FieldAdmin, sandbox.AdminInvalid)
	r := newRig(t, answers)
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v, want the fixed record", got)
	}
	for _, want := range []string{
		"✗ Error: The admin account was refused.\n  Detail: HTTP 400 invalid_admin: Invalid admin.",
		"The record was not created.",
		"Next: fix Admin account; everything else you gave is kept.",
		"currently invalid@sandbox.test (Enter keeps it)\nThe server said: Invalid admin.\nAdmin account: ",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertClean(rec.IdentityNumber)
}

func TestFailureThatMayHaveCreatedTheRecordEndsTheRun(t *testing.T) {
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminFail
	r := newRig(t, answersFor(rec, "y", "y"))
	_, err := r.run()
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 500 {
		t.Fatalf("err = %v, want the 500", err)
	}
	if !strings.Contains(r.out.String(), "! Warning: The record may have been created.") {
		t.Errorf("transcript lacks the warning:\n%s", r.out)
	}
	if d := r.saved(); len(d) != 2 || !apiclient.MaybeCreated(d[0].cause) || !strings.HasPrefix(d[1].reason, "the server said") {
		t.Errorf("drafts %+v, want one before the send and one with the server's answer", d)
	}
}

func TestKeyPromptStoresAKeyWithoutShowingIt(t *testing.T) {
	rec := apitest.Sample()
	const bad = "typed-but-refused-key"
	r := newRig(t, bad+"\n"+sandbox.Key+"\n"+answersFor(rec, "y"))
	r.deps.Interactive = true
	r.deps.Submit, r.deps.NeedKey, r.deps.Profile = nil, true, "acme"
	var tried []string
	r.deps.SetKey = func(_ context.Context, key string) (SubmitFunc, error) {
		tried = append(tried, key)
		if key != sandbox.Key {
			return nil, errors.New("the key was not stored: API key refused")
		}
		return submitTo(t, r.sb.URL, key), nil
	}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if len(tried) != 2 || tried[1] != sandbox.Key || len(r.sb.Records()) != 1 {
		t.Fatalf("keys tried %q, records %d", tried, len(r.sb.Records()))
	}
	if !strings.Contains(r.out.String(), `No usable API key for profile "acme"`) ||
		!strings.Contains(r.out.String(), "✗ Not accepted: the key was not stored: API key refused\nAPI key: ") {
		t.Errorf("transcript:\n%s", r.out)
	}
	r.assertClean(bad, sandbox.Key)
}

func TestRefusedKeyAfterSubmitCanBeReplaced(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y", "y", sandbox.Key, "y"))
	r.deps.Submit = submitTo(t, r.sb.URL, "wrong-key")
	r.deps.SetKey = func(_ context.Context, key string) (SubmitFunc, error) { return submitTo(t, r.sb.URL, key), nil }
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v", got)
	}
	if !strings.Contains(r.out.String(), "✗ Error: The API key was refused.\n  Detail: HTTP 403") ||
		!strings.Contains(r.out.String(), "API key: (not shown)") {
		t.Errorf("transcript:\n%s", r.out)
	}
	r.assertClean(sandbox.Key)
}

func TestResumedDraftGoesToTheReview(t *testing.T) {
	rec := apitest.Sample()
	partial := rec
	partial.KYCStatus = ""
	r := newRig(t, "y\n1\ny\n")
	r.deps.Draft = &Draft{Submission: partial, Saved: fixedNow(), Note: "the answers ended at KYC status"}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v", got)
	}
	for _, want := range []string{
		"A draft with 21 filled fields was saved on 2026-11-25 at 12:00 (the answers ended at KYC status).",
		"✗ 1 field needs fixing before the record can be sent:\n  KYC status is required",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out.String(), "Page 1 of") {
		t.Error("a resumed draft walked the form again")
	}
}

// A draft the operator asked for (--resume) opens without the question:
// the first answer goes to the review, not to "Resume it?".
func TestDraftAskedForOpensWithoutTheQuestion(t *testing.T) {
	rec := apitest.Sample()
	partial := rec
	partial.KYCStatus = ""
	r := newRig(t, "1\ny\n") // the fix at the review, then yes: no line for a question
	r.deps.Draft = &Draft{Submission: partial, Saved: fixedNow(), Resume: true}
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v\n%s", got, r.out)
	}
	if strings.Contains(r.out.String(), "Resume it") || !strings.Contains(r.out.String(), "Resuming it (--resume)") {
		t.Errorf("transcript:\n%s", r.out)
	}
}

// blockAfter serves r, then calls cancel and blocks, like a person who
// stops typing and presses ctrl+c.
type blockAfter struct {
	r      io.Reader
	cancel context.CancelFunc
	done   chan struct{}
}

func (b *blockAfter) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.cancel()
		<-b.done
	}
	return n, err
}

func TestCtrlCWhileWaitingForAnAnswerSavesTheDraft(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	defer close(done)
	r.deps.In = &blockAfter{r: strings.NewReader(rec.Admin + "\n"), cancel: cancel, done: done}
	_, err := Run(ctx, r.deps)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := r.saved(); len(d) != 1 || d[0].sub != (apiclient.Submission{Admin: rec.Admin}) || d[0].reason != "cancelled" {
		t.Fatalf("drafts %+v", d)
	}
}

func TestLineReader(t *testing.T) {
	in := "\uFEFFfirst\r\nsecond\n\n" + strings.Repeat("x", maxLine+10) + "\nlast"
	l := newLineReader(strings.NewReader(in))
	ctx := context.Background()
	for i, want := range []string{"first", "second", ""} {
		if got, err := l.next(ctx); got != want || err != nil {
			t.Fatalf("line %d = %q, %v; want %q", i+1, got, err, want)
		}
	}
	if _, err := l.next(ctx); !errors.Is(err, errLineTooLong) {
		t.Fatalf("long line: err = %v", err)
	}
	if got, err := l.next(ctx); got != "last" || err != nil || l.line != 5 {
		t.Fatalf("last line = %q, %v (line %d)", got, err, l.line)
	}
	if _, err := l.next(ctx); err != io.EOF {
		t.Fatalf("after the end: %v", err)
	}
}

func BenchmarkSuggestCountries(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(suggestCountries("Untied States")) == 0 {
			b.Fatal("no suggestion")
		}
	}
}

// BenchmarkPipedSession is a whole session of piped answers, with a submit
// that does no I/O: the cost the runner adds to one record.
func BenchmarkPipedSession(b *testing.B) {
	rec := apitest.Sample()
	answers := answersFor(rec, "y")
	b.ReportAllocs()
	for b.Loop() {
		_, err := Run(context.Background(), Deps{
			In: strings.NewReader(answers), Out: io.Discard, Now: fixedNow,
			Submit: func(context.Context, apiclient.Submission) (string, error) { return "id", nil },
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// A server on loopback that is not the built-in sandbox is neither LIVE nor
// the SANDBOX: the intro and the confirmation call it LOCAL.
func TestLoopbackServerIsCalledLocal(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y"))
	r.deps.Target.Sandbox = false
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{
		"Records go to LOCAL, a server on this machine at " + r.sb.URL + "; not the built-in sandbox.",
		"Submit this record to the LOCAL server at " + r.sb.URL + "?",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out.String(), "LIVE") {
		t.Errorf("a loopback server is called LIVE:\n%s", r.out)
	}
}

// Once a record went out, the end of the answers (or a refused answer) must
// not say that nothing was submitted, and the error carries the refusal so
// that the exit code follows it.
func TestInputEndingAfterARefusedSubmitSaysWhatTheServerDid(t *testing.T) {
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminInvalid
	for name, tc := range map[string]struct {
		extra []string
		want  string
	}{
		"end of input":   {want: "✗ The input ended at Admin account. The admin account was refused: HTTP 400 invalid_admin: Invalid admin. The record was not created.\n"},
		"refused answer": {extra: []string{"not an email"}, want: "The admin account was refused: HTTP 400 invalid_admin: Invalid admin. The record was not created. Fix line"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, answersFor(rec, append([]string{"y"}, tc.extra...)...))
			_, err := r.run()
			var apiErr *apiclient.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != apiclient.CodeInvalidAdmin {
				t.Fatalf("err = %v, want it to carry the server's invalid_admin refusal", err)
			}
			if !errors.Is(err, ErrEndOfInput) && !errors.Is(err, ErrRefusedAnswer) {
				t.Fatalf("err = %v, want an end of input or a refused answer", err)
			}
			if got := r.out.String(); !strings.Contains(got, tc.want) || strings.Contains(got, "Nothing was submitted") {
				t.Errorf("transcript lacks %q or claims nothing was submitted:\n%s", tc.want, got)
			}
		})
	}
}

// A remote host that is not the vendor's is named, in ASCII, and said not to
// be ARGOS in the intro and the confirmation; a look-alike name in another
// script shows as punycode.
func TestOtherHostIsNotCalledARGOS(t *testing.T) {
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y"))
	r.deps.Target.Sandbox = false
	r.deps.Target.URL = "https://rest-api.аrgosidentity.com" // a Cyrillic "а"
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{
		"Records go to NOT ARGOS: https://rest-api.xn--rgosidentity-w9j.com is not an ARGOS host.",
		"Submit this record to https://rest-api.xn--rgosidentity-w9j.com, which is not an ARGOS host?",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out.String(), "аrgos") || strings.Contains(r.out.String(), "LIVE") {
		t.Errorf("the look-alike is drawn as it reads, or called LIVE:\n%s", r.out)
	}
}
