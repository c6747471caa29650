package accessible

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
)

// assertKorean fails for every line of the transcript that is not Korean,
// once the words other parts of the program own are taken out (a rulebook
// message, a file check's words, a server's message): what is left is this
// package's, and must be Korean whole.
func (r *rig) assertKorean(others ...string) {
	r.tb.Helper()
	assertKoreanLines(r.tb, r.out.String(), others...)
}

func assertKoreanLines(tb testing.TB, transcript string, others ...string) {
	tb.Helper()
	for _, line := range strings.Split(transcript, "\n") {
		for _, o := range others {
			if o != "" {
				line = strings.ReplaceAll(line, o, "")
			}
		}
		if strings.TrimSpace(line) != "" {
			i18ntest.Korean(tb, "the line", line)
		}
	}
}

// koreanAnswers is the sample record as a Korean operator writes it: the
// choices and countries in Korean, a 수정 at the review, a 예 to send.
func koreanAnswers(rec apiclient.Submission) string {
	lines := strings.Split(strings.TrimSuffix(answersFor(rec), "\n"), "\n")
	for i, k := range apiclient.AllKeys() {
		switch k {
		case apiclient.FieldGender:
			lines[i] = "여성"
		case apiclient.FieldNationality:
			lines[i] = "미국"
		case apiclient.FieldIDType:
			lines[i] = "운전면허증"
		case apiclient.FieldIssuingCountry:
			lines[i] = "대한민국"
		case apiclient.FieldKYCStatus:
			lines[i] = "승인"
		case apiclient.FieldFullName:
			lines[i] = "홍길순" // fixed at the review
		}
	}
	return strings.Join(append(lines, "수정 2", rec.FullName, "수정 성별", "남성", "예"), "\n") + "\n"
}

// The answer file of the README, written for English, runs unchanged in
// Korean: the same record, and every line the session says in Korean.
func TestKoreanSessionFromTheEnglishAnswerFile(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	human, err := os.ReadFile("../../testdata/accessible-answers.txt")
	if err != nil {
		t.Fatal(err)
	}
	rec := apitest.Sample()
	r := newRig(t, string(human))
	out, err := r.run()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v, want exactly the sample record", got)
	}
	for _, want := range []string{
		"1/6 페이지: 관리자\n관리자 계정 (admin) - 필수 - ",
		"성별 (gender) - 선택 - 현재 비어 있음 (Enter: 비워 둠)\n  1. 여성 (female)\n  2. 남성 (male)\n성별, 번호(1-2) 또는 이름: 2\n",
		"국적, 국가 코드 또는 국가 이름: United States\n다음 국가로 처리합니다: USA (미국).\n",
		"  11. 주민등록번호: 숨김, 14자\n",
		"  23. KYC 결과: 승인 (approved)\n",
		"이 레코드를 샌드박스(SANDBOX)에 제출하시겠습니까?",
		"✓ 제출이 생성되었습니다. 제출 ID: " + out.ID,
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	r.assertKorean()
	r.assertClean(rec.IdentityNumber)
}

// An answer file written in Korean (choices, countries, 수정 2, 예) makes the
// same record in either language.
func TestKoreanAnswerFileInEitherLanguage(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			i18ntest.NoMissing(t)
			i18ntest.Use(t, l)
			rec := apitest.Sample()
			r := newRig(t, koreanAnswers(rec))
			if _, err := r.run(); err != nil {
				t.Fatalf("run: %v\n%s", err, r.out)
			}
			if got := r.records(); len(got) != 1 || got[0] != rec {
				t.Fatalf("sandbox holds %+v, want exactly the sample record\n%s", got, r.out)
			}
			// The review is shown three times: before each edit and after.
			if n := r.count(i18n.T("accessible.review.title")); n != 3 {
				t.Errorf("%d reviews, want 3\n%s", n, r.out)
			}
			if l == i18n.KO {
				r.assertKorean()
			}
			r.assertClean(rec.IdentityNumber)
		})
	}
}

// A refused answer from a pipe stops the run in Korean: the refusal, the
// line to fix, and the error the program prints; only the rulebook's own
// words are its own.
func TestKoreanRefusedAnswer(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	rec := apitest.Sample()
	r := newRig(t, replaceLine(answersFor(rec, "y"), apiclient.FieldBirthDate, "2002-02-30"))
	_, err := r.run()
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Line != 4 || len(r.records()) != 0 {
		t.Fatalf("run: %v, want line 4 refused and nothing sent\n%s", err, r.out)
	}
	probe := apiclient.Submission{BirthDate: "2002-02-30"}
	rule := apiclient.Sanitize(apiclient.CheckField(&probe, apiclient.FieldBirthDate, fixedNow()).Detail())
	for _, want := range []string{
		"✗ 받을 수 없는 답입니다: 생년월일: " + rule + "\n",
		"다시 물으면 다음 질문에 쓸 5번째 줄을 읽게 됩니다. 아무것도 제출하지 않았습니다. 4번째 줄을 고쳐서 다시 실행해 주십시오.",
		"입력한 답을 임시 저장했습니다.",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertKorean(rule)
	assertKoreanLines(t, err.Error(), rule)
	if d := r.saved(); len(d) != 1 || !strings.HasPrefix(d[0].reason, "받을 수 없는 답: 답변 4번째 줄: 생년월일: ") {
		t.Errorf("drafts %+v, want the reason in Korean", d)
	}
}

// The answers ending early: where, that nothing was sent, and the error.
func TestKoreanEndOfInput(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	lines := strings.SplitAfter(answersFor(apitest.Sample()), "\n")
	r := newRig(t, strings.Join(lines[:12], ""))
	_, err := r.run()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if want := "✗ 만료일에서 입력이 끝났습니다. 아무것도 제출하지 않았습니다.\n"; !strings.Contains(r.out.String(), want) {
		t.Errorf("transcript lacks %q:\n%s", want, r.out)
	}
	if want := "레코드를 제출하기 전에 답변이 끝났습니다 (만료일에서 끝남)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	r.assertKorean()
}

// The server refuses the admin account: the failure policy's words, the
// field to fix asked again on a terminal, the record sent on 예.
func TestKoreanServerRefusalThenFix(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	rec := apitest.Sample()
	bad := rec
	bad.Admin = sandbox.AdminInvalid
	r := newRig(t, answersFor(bad, "예", rec.Admin, "예"))
	r.deps.Interactive = true
	if _, err := r.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	if got := r.records(); len(got) != 1 || got[0] != rec {
		t.Fatalf("sandbox holds %+v", got)
	}
	f := apiclient.Classify(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidAdmin, Message: "Invalid admin"}, bad)
	for _, want := range []string{
		"✗ 오류: " + f.Title + ".\n",
		"다음 단계: 관리자 계정 항목을 고쳐 주십시오.",
		"서버 응답: Invalid admin",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertKorean()
}

// A resumed draft whose last submit may have created the record: the
// lookup, the submission found, and 아니오 to sending it again.
func TestKoreanLookupBeforeSendingAgain(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	rec := apitest.Sample()
	r := newRig(t, "예\ny\n아니오\n")
	first, err := submitTo(t, r.sb.URL, sandbox.Key)(context.Background(), rec)
	if err != nil {
		t.Fatal(err)
	}
	note := "결과 알 수 없음: 레코드가 생성되었을 수 있습니다"
	r.deps.Draft = &Draft{Submission: rec, Saved: fixedNow(), Note: note, Outcome: draft.OutcomeUnknown}
	if _, err := r.run(); !errors.Is(err, ErrDeclined) {
		t.Fatalf("run: %v, want declined\n%s", err, r.out)
	}
	if n := len(r.sb.Records()); n != 1 {
		t.Fatalf("the sandbox holds %d records, want only the first", n)
	}
	when := draft.When(fixedNow(), fixedNow())
	for _, want := range []string{
		"2026-11-25 12:00에 저장한 임시 저장본이 있습니다(입력된 항목 22개) (" + note + ").\n",
		"이 저장본으로 이어서 검토로 가시겠습니까? (예/아니오, y/n): 예\n",
		"! 이 이메일의 제출이 " + when + "에 생성되었습니다(ID " + first + ").\n",
		"그래도 보내시겠습니까? (예/아니오, y/n): 아니오\n제출하지 않았습니다.\n",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertKorean(when)
	if d := r.saved(); len(d) != 1 || !strings.Contains(d[0].reason, "마지막 제출로 레코드가 생성되었을 수 있습니다") {
		t.Errorf("drafts %+v, want the reason to keep the outcome unknown, in Korean", d)
	}
}

// The images after the record, in Korean: the offer, the paths, what will
// be sent and the result.
func TestKoreanImages(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	dir := t.TempDir()
	front := imageFile(t, dir, "front.jpg", 6_000)
	selfie := imageFile(t, dir, "selfie.png", 1_200_000)
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y", "예", front, "", selfie, "", "네"))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil || out.Images.Attached != "front.jpg, selfie.png" {
		t.Fatalf("run: %v, images %+v\n%s", err, out.Images, r.out)
	}
	for _, want := range []string{
		"지금 " + out.ID + " 제출에 신분증, 셀피, 주소 증빙 이미지를 첨부하시겠습니까? (예/아니오, y/n): 예\n",
		"신분증 앞면, 파일 경로: (답 생략: ",
		"보낼 이미지: 2개, 1.2 MB, 제출 " + out.ID + ", 관리자 admin@sample.com, 신분증 종류 drivers_license (레코드의 값): " +
			"신분증 앞면 (front.jpg, JPEG, 6 KB); 셀피 (selfie.png, PNG, 1.2 MB).\n",
		"샌드박스(SANDBOX)에 보내시겠습니까? (예/아니오, y/n): 네\n",
		"✓ " + out.ID + " 제출에 이미지 2개를 첨부했습니다: front.jpg, selfie.png.\n",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertKorean()
}

// A file that is no image is refused in Korean around the file check's
// own words.
func TestKoreanImageRefused(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	dir := t.TempDir()
	text := dir + "/notes.png"
	if err := os.WriteFile(text, []byte("not an image at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y", "y", text))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil || out.ID == "" {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	_, cerr := apiclient.CheckImageFile(apiclient.ImageIDFront, text)
	var p *apiclient.ImageProblem
	if !errors.As(cerr, &p) {
		t.Fatalf("the check said %v", cerr)
	}
	msg := apiclient.Sanitize(p.Message)
	for _, want := range []string{
		"✗ 받을 수 없는 답입니다: 신분증 앞면 notes.png: " + msg + "\n",
		"레코드(" + out.ID + ")는 이미 생성되었습니다.",
		"이미지를 보내지 않았습니다. 레코드는 이미지 없이 생성되어 있습니다.",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	r.assertKorean(msg)
}
