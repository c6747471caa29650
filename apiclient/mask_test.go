package apiclient

import (
	"testing"

	"argos-migrate/apiclient/i18n/glyphs"
)

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"021108-2222555":     "••••••-•••••••",
		"M12 345":            "••• •••",
		"홍길동":                "•••",
		"12\x1b[31m-3":       "•••••••-•",
		"504862-11-20 \t/.x": "••••••-••-•• ••••",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskKey(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "(none)",
		"short":                 "••••",
		"12345678":              "••••",
		"sandbox-not-a-secret":  "sand••••",
		"\x1b[2Jkey-0123456789": "␛[2J••••",
	} {
		if got := MaskKey(in); got != want {
			t.Errorf("MaskKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// With the ASCII glyph set (--ascii, or a terminal that draws • two cells
// wide) both masks use its one mask, *: still one style for both.
func TestMaskFollowsTheGlyphSet(t *testing.T) {
	prev := glyphs.Current()
	glyphs.Use(glyphs.ASCII)
	t.Cleanup(func() { glyphs.Use(prev) })
	if got := Mask("021108-2222555"); got != "******-*******" {
		t.Errorf("Mask = %q", got)
	}
	if got := MaskKey("sandbox-not-a-secret"); got != "sand****" {
		t.Errorf("MaskKey = %q", got)
	}
}

// MaskField masks the sensitive fields' values, and only theirs, unless
// the operator asked to see them in full.
func TestMaskField(t *testing.T) {
	const v = "021108-2222555"
	for _, f := range Fields {
		for _, reveal := range []bool{false, true} {
			got, masked := MaskField(f.Key, v, reveal)
			want := f.Sensitive && !reveal
			if masked != want || (masked && got != Mask(v)) || (!masked && got != v) {
				t.Errorf("MaskField(%s, reveal %v) = %q, %v; want masked %v", f.Key, reveal, got, masked, want)
			}
		}
	}
	if got, masked := MaskField("nickname", v, false); masked || got != v {
		t.Errorf("an unknown key: %q, %v; want the value as it is", got, masked)
	}
	if _, masked := MaskField(FieldIdentityNumber, v, false); !masked {
		t.Error("the identity number is not masked")
	}
}
