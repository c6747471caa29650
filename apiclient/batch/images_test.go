package batch

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// pngFile writes a small real PNG at path (folders made) and returns its
// size.
func pngFile(tb testing.TB, path string) int64 {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		tb.Fatal(err)
	}
	writeFile(tb, path, b.Bytes())
	return int64(b.Len())
}

func writeFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// imageRows writes a CSV with the image columns id_front, selfie and
// address_proof (aliases) beside the record's columns; each row gives
// its idType, and its three cells.
func imageRows(tb testing.TB, dir string, rows [][4]string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,id_front,selfie,address_proof\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "person%d@example.com,Person %d,1990-01-02,approved,%s,KOR,ops@acme.example,%s,%s,%s\n", i+1, i+1, r[0], r[1], r[2], r[3])
	}
	path := filepath.Join(dir, "export.csv")
	writeFile(tb, path, []byte(b.String()))
	return path
}

// preflightFile runs a preflight of the file at path, its image paths
// read from its folder, and returns the summary and the rejects file's
// rows (header first).
func preflightFile(tb testing.TB, path string) (Summary, [][]string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rd, err := Open(f, ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	checker := NewChecker(today)
	checker.ImageDir = ImageDir(path)
	rejects := filepath.Join(tb.TempDir(), "rejects.csv")
	p := &Preflight{Reader: rd, Mapper: newMapper(tb, Mapping{}), Checker: checker, RejectsPath: rejects}
	sum, err := p.Run(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if sum.Rejects == "" {
		return sum, nil
	}
	return sum, readRejects(tb, rejects, ',')
}

func TestImageColumnsMapByNameAndAlias(t *testing.T) {
	cases := map[string]string{
		"idImage": "idImage", "ID Front": "idImage", "id_front": "idImage", "idBackImage": "idBackImage",
		"id_back": "idBackImage", "Selfie": "selfieImage", "selfie_image": "selfieImage",
		"address_proof": "addressImage", "Proof of Address": "addressImage", "addressImage": "addressImage",
	}
	for col, want := range cases {
		if got, _ := autoField(col); got != want {
			t.Errorf("column %q maps to %q, want %q", col, got, want)
		}
	}
	// --map and mapping files name them as fields.
	if k, err := FieldKey("selfie image"); err != nil || k != "selfieImage" {
		t.Errorf("FieldKey: %q, %v", k, err)
	}
	m := Mapping{}
	if err := m.AddMap("Foto=selfieImage"); err != nil {
		t.Fatal(err)
	}
	mp := newMapper(t, m)
	row := Row{Num: 1, Line: 2, Values: []string{"a@example.com", " scans/me.png "}}
	rec, err := mp.Map(&row, []string{"email", "Foto"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Images[2] != "scans/me.png" || rec.Submission.Email != "a@example.com" {
		t.Errorf("images %q, record %+v", rec.Images, rec.Submission)
	}
	// The images are not part of the record sent, nor of its fingerprint.
	plain, _ := mp.Map(&Row{Num: 1, Line: 2, Values: []string{"a@example.com", ""}}, []string{"email", "Foto"})
	if rec.Fingerprint() != plain.Fingerprint() || plain.HasImages() {
		t.Error("the image path changed the record's fingerprint")
	}
	// One file for every row is refused.
	if _, err := NewMapper(Mapping{Set: map[string]string{"selfieImage": "me.png"}}, MapperOptions{Today: today}); err == nil ||
		!strings.Contains(err.Error(), "selfieImage: an image column cannot be set for every row") {
		t.Errorf("--set selfieImage: %v", err)
	}
}

// The preflight checks every file named as the image command does, each
// relative path against the input's folder, and refuses the row at the
// image's field with a plain reason; an empty cell is no image.
func TestPreflightChecksImageFiles(t *testing.T) {
	dir := t.TempDir()
	size := pngFile(t, filepath.Join(dir, "scans", "front.png"))
	pngFile(t, filepath.Join(dir, "scans", "me.jpg")) // a PNG named .jpg: fine, by its bytes
	writeFile(t, filepath.Join(dir, "scans", "notes.png"), []byte("these are my notes, not an image\n"))
	writeFile(t, filepath.Join(dir, "scans", "empty.png"), nil)
	big := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, apiclient.MaxImageBytes)...)
	writeFile(t, filepath.Join(dir, "scans", "big.png"), big)
	abs := filepath.Join(dir, "scans", "front.png")
	path := imageRows(t, dir, [][4]string{
		{"passport", "scans/front.png", "scans/me.jpg", ""}, // 1 valid
		{"passport", "scans/notes.png", "", ""},             // 2 text named .png
		{"passport", "", "scans/missing.png", ""},           // 3 missing
		{"passport", "", "", "scans/empty.png"},             // 4 empty
		{"passport", "scans/big.png", "", ""},               // 5 over the limit
		{"passport", abs, "", ""},                           // 6 absolute: valid
		{"", "scans/front.png", "", ""},                     // 7 an ID image without idType
		{"passport", "", "", ""},                            // 8 no image at all: valid
		{"passport", "front.png", "", ""},                   // 9 relative to the input's folder, not scans/
	})
	// The check reads relative paths from the input's folder, not from
	// the folder the process runs in.
	if wd, _ := os.Getwd(); wd == dir {
		t.Fatal("the test must run elsewhere")
	}
	sum, rejects := preflightFile(t, path)
	if sum.Total != 9 || sum.Valid != 3 || sum.Invalid != 6 {
		t.Fatalf("summary %+v", sum)
	}
	if sum.Images == nil || strings.Join(sum.Images.Fields, ",") != "idImage,selfieImage,addressImage" ||
		sum.Images.Files != 4 || sum.Images.Bytes != 4*size || sum.Images.Refused != 5 {
		t.Errorf("images %+v", sum.Images)
	}
	head := rejects[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, head)
		return -1
	}
	want := map[string][2]string{
		"2": {"idImage", "scans/notes.png is not a jpg or png image: it holds text"},
		"3": {"selfieImage", "scans/missing.png does not exist"},
		"4": {"addressImage", "scans/empty.png is empty"},
		"5": {"idImage", "scans/big.png is 3,000,008 bytes; the limit is 3 MB (3,000,000 bytes)"},
		"7": {"idType", "idType: "},
		"9": {"idImage", "front.png does not exist"},
	}
	if len(rejects) != 1+len(want) {
		t.Fatalf("%d rejects, want %d: %q", len(rejects)-1, len(want), rejects)
	}
	for _, r := range rejects[1:] {
		w, ok := want[r[col("row")]]
		if !ok {
			t.Errorf("row %s refused: %q", r[col("row")], r)
			continue
		}
		if r[col("field")] != w[0] || !strings.Contains(r[col("error")], w[1]) {
			t.Errorf("row %s: field %q, error %q; want %q, %q", r[col("row")], r[col("field")], r[col("error")], w[0], w[1])
		}
		if w[0] != "idType" && !strings.Contains(r[col("error")], filepath.Join(dir, "scans")) && !strings.Contains(r[col("error")], dir) {
			t.Errorf("row %s: the error does not name the file as resolved: %q", r[col("row")], r[col("error")])
		}
	}
}

// A rejects file's error cell names the image's field first, as the
// record's fields are named.
func TestImageRefusalReadsLikeAFieldRefusal(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.png"), []byte("text"))
	path := imageRows(t, dir, [][4]string{{"passport", "", "a.png", ""}})
	_, rejects := preflightFile(t, path)
	cell := rejects[1][len(rejects[1])-2]
	if !strings.HasPrefix(cell, "selfieImage: "+filepath.Join(dir, "a.png")+" is not a jpg or png image") {
		t.Errorf("error cell %q", cell)
	}
}

// The image columns' words are in both languages: the check's refusal in
// the rejects file and the results file's image_error, English for --json.
func TestImageWordsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.png"), nil)
	path := imageRows(t, dir, [][4]string{{"passport", "", "a.png", ""}})
	var rec Record
	en, ko := inBoth(t, func() string {
		p, err := Source{Path: path, Today: today, ImageDir: dir}.open()
		if err != nil {
			t.Fatal(err)
		}
		defer p.close()
		if rec, err = p.next(); err != nil {
			t.Fatal(err)
		}
		return RefusalText(&rec)
	})
	if !strings.HasSuffix(en, "a.png is empty") || !strings.Contains(ko, "빈 파일입니다") {
		t.Errorf("refusal: %q / %q", en, ko)
	}
	fr := apiclient.FailureRecord{Reason: apiclient.ReasonInvalidSubmission, Outcome: apiclient.OutcomeRejected, Status: 400,
		Code: apiclient.CodeInvalidSubmission, Field: apiclient.ImageFieldSubmissionID, Images: true}
	en, ko = inBoth(t, func() string { return ImageErrorText(i18n.Language(), fr) })
	if !strings.Contains(en, "HTTP 400 invalid_submission") || !strings.Contains(en, "field submissionId") {
		t.Errorf("image error: %q", en)
	}
	i18ntest.Korean(t, "image error", ko)
	var r RowResult
	i18ntest.Use(t, i18n.KO)
	r.setImages(ImagesFailed, apiclient.FailureRecord{Reason: reasonImageFile, Field: "selfieImage", Images: true})
	i18ntest.Korean(t, "file failure", r.ImageError)
	if !strings.Contains(r.ImageEnglish(), "the selfieImage file no longer passed the check") {
		t.Errorf("English: %q", r.ImageEnglish())
	}
}
