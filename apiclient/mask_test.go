package apiclient

import "testing"

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
