package glyphs

import (
	"reflect"
	"testing"

	"golang.org/x/text/width"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		env  map[string]string
		wide bool
		why  string
	}{
		{nil, false, ""},
		{map[string]string{"LANG": "en_US.UTF-8"}, false, ""},
		{map[string]string{"LANG": "C"}, false, ""},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, true, "LANG=ko_KR.UTF-8"},
		{map[string]string{"LANG": "ko"}, true, "LANG=ko"},
		{map[string]string{"LANG": "ja_JP.eucJP"}, true, "LANG=ja_JP.eucJP"},
		{map[string]string{"LANG": "zh_TW.Big5"}, true, "LANG=zh_TW.Big5"},
		{map[string]string{"LANG": "zh_CN.UTF-8@cjk_narrow"}, false, "LANG=zh_CN.UTF-8@cjk_narrow"},
		{map[string]string{"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, false, ""},
		{map[string]string{"LC_CTYPE": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, true, "LC_CTYPE=ko_KR.UTF-8"},
		{map[string]string{"LC_MESSAGES": "ko_KR.UTF-8"}, false, ""}, // messages are not characters
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1"}, true, "RUNEWIDTH_EASTASIAN=1"},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "ko_KR.UTF-8"}, false, "RUNEWIDTH_EASTASIAN=0"},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "true", "LANG": "C"}, true, "RUNEWIDTH_EASTASIAN=true"},
	}
	for _, c := range cases {
		wide, why := Detect(func(k string) string { return c.env[k] })
		if wide != c.wide || why != c.why {
			t.Errorf("Detect(%v) = %v, %q; want %v, %q", c.env, wide, why, c.wide, c.why)
		}
	}
}

func TestChoose(t *testing.T) {
	korean := func(k string) string { return map[string]string{"LANG": "ko_KR.UTF-8"}[k] }
	none := func(string) string { return "" }
	if s, why := Choose(true, none); !s.ASCII || why != "--ascii" {
		t.Errorf("--ascii: %v, %q", s.ASCII, why)
	}
	if s, why := Choose(false, korean); !s.ASCII || why != "LANG=ko_KR.UTF-8" {
		t.Errorf("Korean locale: %v, %q", s.ASCII, why)
	}
	if s, why := Choose(false, none); s.ASCII || why != "" || s != Unicode {
		t.Errorf("default: %v, %q", s.ASCII, why)
	}
	defer Use(Unicode)
	if Current() != Unicode {
		t.Error("the default set is not Unicode")
	}
	Use(ASCII)
	if Current() != ASCII {
		t.Error("Use(ASCII) did not take")
	}
}

// Every mark of the ASCII set measures one cell per character everywhere
// (no ambiguous, wide or control character), and every mark exists in
// both sets.
func TestSetsAreComplete(t *testing.T) {
	for _, set := range []Set{Unicode, ASCII} {
		v := reflect.ValueOf(set)
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.String {
				continue
			}
			s := v.Field(i).String()
			if s == "" {
				t.Errorf("%s is empty (ASCII set: %v)", f.Name, set.ASCII)
			}
			if !set.ASCII {
				continue
			}
			for _, r := range s {
				if r < 0x20 || r > 0x7e {
					t.Errorf("ASCII.%s = %q holds %U", f.Name, s, r)
				}
				switch width.LookupRune(r).Kind() {
				case width.EastAsianAmbiguous, width.EastAsianWide, width.EastAsianFullwidth:
					t.Errorf("ASCII.%s = %q: %U has no single width", f.Name, s, r)
				}
			}
		}
	}
	// The Unicode marks the ASCII set stands in for are the ambiguous ones
	// this package exists for: the table is not decoration.
	ambiguous := 0
	for _, s := range []string{Unicode.Mask, Unicode.Ellipsis, Unicode.Dot, Unicode.Bar, Unicode.Rule, Unicode.Dash, Unicode.Arrow} {
		for _, r := range s {
			if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
				ambiguous++
			}
		}
	}
	if ambiguous != 7 {
		t.Errorf("%d of the 7 Unicode marks are ambiguous-width; the test expects all", ambiguous)
	}
}

// The ASCII mark of "done" is no letter: drawn as "v", "v Ready. Press s"
// read as a key to press on the very screen where v shows the identity
// number, and every Korean locale draws the ASCII set.
func TestASCIICheckIsNoLetter(t *testing.T) {
	for _, r := range ASCII.Check {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			t.Errorf("ASCII.Check is %q: a letter reads as a key", ASCII.Check)
		}
	}
}
