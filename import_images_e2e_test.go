package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeNoisyPNG writes an n×n PNG that does not compress (about 4n² bytes).
func writeNoisyPNG(tb testing.TB, path string, n int) {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	x := uint32(3)
	for i := 0; i < n*n; i++ {
		x = x*1664525 + 1013904223
		img.Set(i%n, i/n, color.RGBA{uint8(x >> 24), uint8(x >> 16), uint8(x >> 8), 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// A CSV with image columns, imported through the binary into a sandbox
// that takes images up to 1,000 bytes: the records are all created, the
// image too big for the sandbox fails on its own (exit 1, results and
// --json say which), and a rerun after the file is fixed sends only that
// image: never a record twice.
func TestImportImageColumnsThroughTheBinary(t *testing.T) {
	sb := startSandboxProc(t, "--max-image-bytes", "1000")
	dir := t.TempDir()
	writeNoisyPNG(t, filepath.Join(dir, "scans", "front.png"), 8)
	writeNoisyPNG(t, filepath.Join(dir, "scans", "selfie.png"), 40) // above the sandbox's 1,000 bytes
	var csv strings.Builder
	csv.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,id_front,selfie\n")
	for i, imgs := range [][2]string{{"scans/front.png", ""}, {"", "scans/selfie.png"}, {"", ""}} {
		fmt.Fprintf(&csv, "img%d@example.com,Person %d,1990-01-02,approved,passport,KOR,ops@acme.example,%s,%s\n", i+1, i+1, imgs[0], imgs[1])
	}
	input := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(input, []byte(csv.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	im := newImporter(t, sb)

	// The dry run names the image columns and their size; nothing is sent.
	_, errOut, code := im.run("", input, "--dry-run")
	if code != 0 || !strings.Contains(errOut, "Images: 2 files") || !strings.Contains(errOut, "in idImage, selfieImage") {
		t.Fatalf("dry run: exit %d\n%s", code, errOut)
	}

	out, errOut, code := im.run("", input, "--yes", "--json", "--rate", "0")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (images failed)\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 3 rows and a summary:\n%s", len(lines), out)
	}
	rows := map[float64]map[string]any{}
	for _, l := range lines[:3] {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		rows[row["row"].(float64)] = row
	}
	if r := rows[1]; r["status"] != "created" || r["images"] != "sent" || r["imageError"] != nil {
		t.Errorf("row 1: %v", r)
	}
	if r := rows[2]; r["status"] != "created" || r["images"] != "failed" || r["imageReason"] != "too_large" ||
		!strings.Contains(fmt.Sprint(r["imageError"]), "HTTP 413") {
		t.Errorf("row 2: %v", r)
	}
	if r := rows[3]; r["status"] != "created" || r["images"] != "none" {
		t.Errorf("row 3: %v", r)
	}
	var sum struct {
		ExitCode int
		Code     string
		Totals   map[string]int
		Run      map[string]int
	}
	if err := json.Unmarshal([]byte(lines[3]), &sum); err != nil || sum.ExitCode != 1 || sum.Code != "images_failed" ||
		sum.Totals["created"] != 3 || sum.Totals["imagesSent"] != 1 || sum.Totals["imagesFailed"] != 1 || sum.Run["imagesFailed"] != 1 {
		t.Errorf("summary %s (%v)", lines[3], err)
	}
	if !strings.Contains(lines[3], `"imageFailures":[{"row":2,"reason":"too_large","error":"The images are too large (HTTP 413)"}]`) ||
		!strings.Contains(lines[3], "run the same command again: it sends only those images") {
		t.Errorf("the summary does not name row 2's images, why, and what to do: %s", lines[3])
	}
	header, results := readResults(t, filepath.Join(dir, "export.results.csv"))
	if strings.Join(header, ",") != "row,email,status,submissionId,error,images,image_error" {
		t.Errorf("results header %q", header)
	}
	if r := results["2"]; r[2] != "created" || r[5] != "failed" || !strings.Contains(r[6], "HTTP 413") {
		t.Errorf("results row 2: %q", r)
	}

	// --status counts the images.
	statusOut, _, _ := im.run("", input, "--status")
	if !strings.Contains(statusOut, "rows' images: 1 attached, 1 failed") {
		t.Errorf("--status:\n%s", statusOut)
	}

	// The file made smaller: the rerun sends that image alone. The
	// summary counts the rows' images as --status does (every row's, from
	// the journal), also when a rerun has nothing left to send.
	writeNoisyPNG(t, filepath.Join(dir, "scans", "selfie.png"), 8)
	_, errOut, code = im.run("", input, "--yes", "--rate", "0")
	if code != 0 || !strings.Contains(errOut, "rows' images: 2 attached, 0 failed") {
		t.Fatalf("rerun: exit %d\n%s", code, errOut)
	}
	_, errOut, code = im.run("", input, "--yes", "--rate", "0")
	statusOut, _, _ = im.run("", input, "--status")
	if code != 0 || !strings.Contains(errOut, "rows' images: 2 attached, 0 failed (their records exist), 0 not sent yet") || !strings.Contains(statusOut, "rows' images: 2 attached, 0 failed") {
		t.Errorf("a rerun with nothing to send: exit %d\n%s\n--status:\n%s", code, errOut, statusOut)
	}
	if _, results = readResults(t, filepath.Join(dir, "export.results.csv")); results["2"][5] != "sent" {
		t.Errorf("results row 2 after the rerun: %q", results["2"])
	}
	posts, puts := 0, 0
	for _, r := range sb.requests(t) {
		switch {
		case r.Method == "POST":
			posts++
		case r.Method == "PUT":
			puts++
		}
	}
	if posts != 3 || puts != 3 {
		t.Errorf("%d POSTs and %d PUTs reached the sandbox; want 3 and 3 (one image sent again)", posts, puts)
	}
	for i := 1; i <= 3; i++ {
		if ids := sb.found(t, fmt.Sprintf("img%d@example.com", i)); len(ids) != 1 {
			t.Errorf("img%d: %d submissions", i, len(ids))
		}
	}
}

// The plain summary names the first rows whose images failed, why (the
// failure policy's words), how many more the results file holds, and what
// to do next.
func TestImportNamesRowsWhoseImagesFailed(t *testing.T) {
	sb := startSandboxProc(t, "--max-image-bytes", "1000")
	dir := t.TempDir()
	writeNoisyPNG(t, filepath.Join(dir, "big.png"), 40)
	var csv strings.Builder
	csv.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,selfie\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&csv, "big%d@example.com,Person %d,1990-01-02,approved,passport,KOR,ops@acme.example,big.png\n", i, i)
	}
	input := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(input, []byte(csv.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := newImporter(t, sb).run("", input, "--yes", "--rate", "0", "--concurrency", "1")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	for _, want := range []string{"Images not attached (their records exist):", "row 1  The images are too large (HTTP 413)",
		"row 3  The images are too large (HTTP 413)", "2 more rows: every one is in the results file (image_error)",
		"run the same command again: it sends only those images, no record"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("summary lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "row 4  ") {
		t.Errorf("more than the first rows listed:\n%s", errOut)
	}
}
