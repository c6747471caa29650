package apiclient_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Each reason a file cannot be sent as an image, in Korean: the image named
// by its Korean label, the reason in Korean; in JSON, English.
func TestImageFileProblemsInBothLanguages(t *testing.T) {
	i18ntest.NoMissing(t)
	dir := t.TempDir()
	big := filepath.Join(dir, "big.png")
	if err := os.WriteFile(big, []byte("\x89PNG\r\n\x1a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, apiclient.MaxImageBytes+1); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		en, ko     string
	}{
		{"no file", "", "no file was named", "파일을 지정하지 않았습니다"},
		{"missing", filepath.Join(dir, "nope.jpg"), "does not exist", "파일이 없습니다"},
		{"folder", dir, "is a folder, not an image file", "이미지 파일이 아니라 폴더입니다"},
		{"empty", writeFile(t, dir, "empty.jpg", nil), "is empty", "빈 파일입니다"},
		{"heic", writeFile(t, dir, "a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00")), "HEIC/HEIF photo", "HEIC/HEIF 사진입니다"},
		{"pdf", writeFile(t, dir, "a.pdf", []byte("%PDF-1.4\n%âãÏÓ\n")), "it is a PDF", "PDF 파일입니다"},
		{"gif", writeFile(t, dir, "a.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")), "it is a GIF image", "GIF 이미지입니다"},
		{"text", writeFile(t, dir, "a.txt", []byte("hello, not an image")), "it holds text", "텍스트 파일입니다"},
		{"other", writeFile(t, dir, "a.bin", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xfe}), "its first bytes are not those", "파일의 첫 바이트가 jpg나 png 형식이 아닙니다"},
		{"too big", big, "is 3,000,001 bytes; the limit is 3 MB (3,000,000 bytes)",
			"파일이 너무 큽니다: 크기 3,000,001바이트, 한도 3 MB(3,000,000바이트)"},
	}
	for _, c := range cases {
		i18ntest.Use(t, i18n.EN)
		_, enErr := apiclient.CheckImageFile(apiclient.ImageIDFront, c.path)
		enText := ""
		if enErr != nil {
			enText = enErr.Error()
		}
		i18ntest.Use(t, i18n.KO)
		_, koErr := apiclient.CheckImageFile(apiclient.ImageIDFront, c.path)
		var en, ko *apiclient.ImageProblem
		if !errors.As(enErr, &en) || !errors.As(koErr, &ko) {
			t.Errorf("%s: %v, %v", c.name, enErr, koErr)
			continue
		}
		if !strings.HasPrefix(ko.Error(), "신분증 앞면") || !strings.Contains(ko.Error(), c.ko) {
			t.Errorf("%s: Korean %q, want the Korean label and %q", c.name, ko.Error(), c.ko)
		}
		i18ntest.Korean(t, c.name, ko.Message)
		if !strings.HasPrefix(enText, "Front of the ID") || !strings.Contains(en.Message, c.en) {
			t.Errorf("%s: English %q, want %q", c.name, enText, c.en)
		}
		data, err := json.Marshal(ko)
		var back struct{ Message string }
		if err != nil || json.Unmarshal(data, &back) != nil || back.Message != en.Message || ko.MessageIn(i18n.EN) != en.Message {
			t.Errorf("%s: JSON in a Korean run %s, want %q", c.name, data, en.Message)
		}
	}
}

// The image call's own rules, in Korean, every problem at once.
func TestImageUploadRulesInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	front := writeFile(t, t.TempDir(), "front.png", pngImage(t))
	_, err := apiclient.PrepareImages("", "ops@example", "", map[apiclient.ImageKind]string{apiclient.ImageIDFront: front})
	var ce *apiclient.ImageCheckError
	if !errors.As(err, &ce) {
		t.Fatalf("PrepareImages = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"이미지를 보낼 수 없습니다: ", "제출 ID: 필수 항목입니다. 레코드를 만들 때 서버가 준 ID를 입력해 주십시오",
		"관리자 계정: @ 뒤에 올바른 도메인이 없습니다", "신분증 종류: 신분증 앞면이나 뒷면을 보낼 때는 필수 항목입니다"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	i18ntest.Korean(t, "the upload's problems", msg)
	for _, p := range ce.Problems {
		if strings.ContainsFunc(p.MessageIn(i18n.EN), func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }) {
			t.Errorf("%s: the English message %q", p.Field, p.MessageIn(i18n.EN))
		}
	}
	_, err = apiclient.PrepareImages("a b", "ops@example.com", "", map[apiclient.ImageKind]string{apiclient.ImageSelfie: front})
	if err == nil || !strings.Contains(err.Error(), "제출 ID: 공백, 제어 문자 또는 보이지 않는 문자가 들어 있습니다") {
		t.Errorf("an id with a space: %v", err)
	}
	_, err = apiclient.PrepareImages("id-1", "ops@example.com", "", nil)
	if err == nil || !strings.Contains(err.Error(), "이미지: 이미지가 하나 이상 필요합니다") {
		t.Errorf("no image: %v", err)
	}
	if err := apiclient.CheckSubmissionID("a b"); err == nil || err.Error() != `ID "a b": 공백, 제어 문자 또는 보이지 않는 문자가 들어 있습니다` {
		t.Errorf("CheckSubmissionID = %v", err)
	}
	labels := map[apiclient.ImageKind]string{apiclient.ImageIDFront: "신분증 앞면", apiclient.ImageIDBack: "신분증 뒷면",
		apiclient.ImageSelfie: "셀피", apiclient.ImageAddressProof: "주소 증빙"}
	for _, k := range apiclient.ImageKinds {
		if k.Label() != labels[k] {
			t.Errorf("%s: %q", k, k.Label())
		}
	}
	if got := apiclient.ByteSize(640); got != "640바이트" {
		t.Errorf("ByteSize(640) = %q", got)
	}
}
