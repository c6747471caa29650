package apiclient_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

// A folder as the picker offers it: sub-folders first, then the files
// named as jpg, jpeg or png in any case, each with its size; what else the
// folder holds is counted, not listed. The name only narrows the list:
// notes.png is offered (CheckImageFile refuses it when picked).
func TestListImageDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b-front.JPG", jpegImage(t))
	writeFile(t, dir, "a-selfie.png", pngImage(t))
	writeFile(t, dir, "scan.jpeg", jpegImage(t))
	writeFile(t, dir, "notes.png", []byte("not an image"))
	writeFile(t, dir, "export.csv", []byte("a,b\n"))
	writeFile(t, dir, ".hidden.png", pngImage(t))
	if err := os.Mkdir(filepath.Join(dir, "scans"), 0o700); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		must(t, os.Symlink(filepath.Join(dir, "scans"), filepath.Join(dir, "to-scans")))
		must(t, os.Symlink(filepath.Join(dir, "a-selfie.png"), filepath.Join(dir, "link.png")))
		must(t, os.Symlink(filepath.Join(dir, "gone.png"), filepath.Join(dir, "broken.png")))
	}
	got, err := apiclient.ListImageDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got.Entries {
		n := e.Name
		if e.Dir {
			n += "/"
		}
		names = append(names, n)
	}
	want := "scans/ to-scans/ a-selfie.png b-front.JPG link.png notes.png scan.jpeg"
	others := 3 // export.csv, .hidden.png, broken.png
	if runtime.GOOS == "windows" {
		want, others = "scans/ a-selfie.png b-front.JPG notes.png scan.jpeg", 2
	}
	if strings.Join(names, " ") != want || got.Others != others || got.Path != dir {
		t.Fatalf("listed %q (others %d, path %s), want %q (others %d)", names, got.Others, got.Path, want, others)
	}
	for _, e := range got.Entries {
		if e.Name == "a-selfie.png" && e.Size != int64(len(pngImage(t))) {
			t.Errorf("size %d", e.Size)
		}
	}
	if _, err := apiclient.ListImageDir(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a missing folder: %v", err)
	}
}

func TestHasImageName(t *testing.T) {
	for name, want := range map[string]bool{"a.jpg": true, "A.JPEG": true, "x.Png": true, "x.png.txt": false, "jpg": false, "x.gif": false} {
		if apiclient.HasImageName(name) != want {
			t.Errorf("HasImageName(%q) != %v", name, want)
		}
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// A listed file is large by the same rule as a checked one; a folder
// never is.
func TestImageDirEntryLargeIsImageFileLarge(t *testing.T) {
	for _, size := range []int64{0, apiclient.LargeImageBytes - 1, apiclient.LargeImageBytes, apiclient.LargeImageBytes + 1, apiclient.MaxImageBytes} {
		f := apiclient.ImageFile{Size: size}
		if got := (apiclient.ImageDirEntry{Size: size}).Large(); got != f.Large() {
			t.Errorf("%d bytes: entry Large %v, file Large %v", size, got, f.Large())
		}
		if (apiclient.ImageDirEntry{Size: size, Dir: true}).Large() {
			t.Errorf("a folder of %d bytes is large", size)
		}
	}
}
