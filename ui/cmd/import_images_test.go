package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/sandbox"
)

func writePNG(tb testing.TB, path string) {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 3, 3))); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
}

func imageCSV(selfies ...string) string {
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,selfie\n")
	for i, s := range selfies {
		fmt.Fprintf(&b, "p%d@example.com,Person %d,1990-01-02,approved,passport,KOR,ops@acme.example,%s\n", i+1, i+1, s)
	}
	return b.String()
}

// jsonLinesOf parses --json's lines: the rows, then the summary.
func jsonLinesOf(tb testing.TB, out string) (rows []map[string]any, summary map[string]any) {
	tb.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			tb.Fatalf("line %q: %v", l, err)
		}
		if m["type"] == "summary" {
			summary = m
			continue
		}
		rows = append(rows, m)
	}
	return rows, summary
}

func TestImportExitWhenImagesFailed(t *testing.T) {
	code, next := importExit(batch.Result{}, batch.Totals{Rows: 2, Created: 2, ImagesSent: 1, ImagesFailed: 1})
	if code != ExitFailed || next == nil || next.ID() != "import.exit.images_failed" {
		t.Errorf("images failed: exit %d, %v", code, next)
	}
	if code, _ := importExit(batch.Result{}, batch.Totals{Rows: 2, Created: 2, ImagesSent: 2}); code != ExitOK {
		t.Errorf("images sent: exit %d", code)
	}
	// What is left for the records comes first.
	if code, _ := importExit(batch.Result{}, batch.Totals{Rows: 2, Created: 1, Unknown: 1, ImagesFailed: 1}); code != ExitNetwork {
		t.Errorf("unknown and images failed: exit %d", code)
	}
}

// With secure data transmission on, the records go encrypted and the
// images plain, as the image command says: a notice once, and
// "encryption": "not_applied" in the --json summary; each row's line says
// its images were sent.
func TestImportImagesWithEncryptionOn(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: true})
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "pics", "a.png"))
	in := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(in, []byte(imageCSV("pics/a.png", "pics/a.png", "")), 0o600); err != nil {
		t.Fatal(err)
	}
	f, out, errOut := testFactory(t, map[string]string{EnvAPIKey: sandbox.Key, EnvAPIURL: sb.URL, "XDG_STATE_HOME": t.TempDir()})
	c := NewCmdImport(f, &GlobalOptions{Timeout: 5 * time.Second, Encrypted: true}, nil)
	c.SetArgs([]string{in, "--yes", "--json", "--rate", "0"})
	c.SilenceUsage, c.SilenceErrors = true, true
	if err := c.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if n := strings.Count(errOut.String(), "does not document it for the image call"); n != 1 {
		t.Errorf("the notice %d times:\n%s", n, errOut)
	}
	rows, sum := jsonLinesOf(t, out.String())
	if sum["encryption"] != "not_applied" || sum["ok"] != true {
		t.Errorf("summary %v", sum)
	}
	if run := sum["run"].(map[string]any); run["imagesSent"] != 2.0 || run["imagesFailed"] != 0.0 {
		t.Errorf("run %v", run)
	}
	images := map[float64]any{}
	for _, r := range rows {
		images[r["row"].(float64)] = r["images"]
	}
	if images[1] != "sent" || images[2] != "sent" || images[3] != "none" {
		t.Errorf("images by row %v", images)
	}
	for _, rec := range sb.Records() {
		if n := len(sb.Images(rec.ID).Images); (rec.Email == "p3@example.com") != (n == 0) {
			t.Errorf("%s: %d images", rec.Email, n)
		}
	}
}

// Standard input has no folder: its relative image paths are read from
// the folder the command runs in.
func TestImportStdinReadsImagesFromTheCurrentFolder(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	here := t.TempDir()
	writePNG(t, filepath.Join(here, "me.png"))
	t.Chdir(here)
	_, errOut, err := sendImport(t, sb, t.TempDir(), imageCSV("me.png"), false, "-", "--yes")
	if err != nil || sb.Count() != 1 {
		t.Fatalf("%v, %d created\n%s", err, sb.Count(), errOut)
	}
	if got := sb.Images(sb.Records()[0].ID).Images; len(got) != 1 || got[0].Field != "selfieImage" {
		t.Errorf("stored %+v", got)
	}
	// A path that is not there is refused before anything is sent.
	_, _, err = sendImport(t, sb, t.TempDir(), imageCSV("elsewhere/me.png"), false, "-", "--yes")
	var ir *InvalidRowsError
	if !errors.As(err, &ir) || sb.Count() != 1 {
		t.Errorf("missing image: %v, %d created", err, sb.Count())
	}
}

// A row refused only for its image files is not opened in the wizard,
// which sends records, not images: the files are to be fixed.
func TestFixRowRefusedOnlyForItsImages(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(in, []byte(imageCSV("missing.png")), 0o600); err != nil {
		t.Fatal(err)
	}
	j, err := batch.OpenJournal(filepath.Join(t.TempDir(), "journal"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	x := &rowFix{j: j, src: batch.Source{Path: in, Today: time.Now(), ImageDir: dir}, file: in, row: 1}
	_, err = x.run(context.Background())
	if !errors.Is(err, errNothingToFix) || !strings.Contains(err.Error(), "row 1 is refused only for its image files") ||
		!strings.Contains(err.Error(), filepath.Join(dir, "missing.png")+" does not exist") {
		t.Errorf("%v", err)
	}
}
