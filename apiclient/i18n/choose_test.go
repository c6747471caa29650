package i18n

import (
	"strings"
	"testing"
)

// The language choice, source by source: --lang, ARGOS_LANG, the profile,
// the locale variables in POSIX order, English; what names no language is
// passed over and said.
func TestChoose(t *testing.T) {
	type profile struct{ lang, name string }
	cases := []struct {
		name    string
		flag    string
		env     map[string]string
		profile *profile
		want    Choice
	}{
		{name: "nothing", want: Choice{Lang: EN}},
		{name: "flag", flag: "ko", env: map[string]string{"ARGOS_LANG": "en", "LANG": "en_US.UTF-8"},
			want: Choice{Lang: KO, From: FromFlag, Value: "ko"}},
		{name: "flag en over a Korean locale", flag: "en", env: map[string]string{"LANG": "ko_KR.UTF-8"},
			want: Choice{Lang: EN, From: FromFlag, Value: "en"}},
		{name: "ARGOS_LANG", env: map[string]string{"ARGOS_LANG": "ko", "LC_ALL": "C"}, profile: &profile{"en", "default"},
			want: Choice{Lang: KO, From: FromEnv, Value: "ko"}},
		{name: "profile", env: map[string]string{"LANG": "en_US.UTF-8"}, profile: &profile{"ko", "acme"},
			want: Choice{Lang: KO, From: FromProfile, Value: "ko", Profile: "acme"}},
		{name: "LC_ALL first", env: map[string]string{"LC_ALL": "ko_KR.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"},
			want: Choice{Lang: KO, From: FromLCAll, Value: "ko_KR.UTF-8"}},
		{name: "LC_ALL=C wins over LANG", env: map[string]string{"LC_ALL": "C", "LANG": "ko_KR.UTF-8"},
			want: Choice{Lang: EN, From: FromLCAll, Value: "C"}},
		{name: "LC_MESSAGES", env: map[string]string{"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "C.UTF-8"},
			want: Choice{Lang: KO, From: FromLCMessages, Value: "ko_KR.UTF-8"}},
		{name: "LANG", env: map[string]string{"LANG": "ko_KR.UTF-8"}, want: Choice{Lang: KO, From: FromLANG, Value: "ko_KR.UTF-8"}},
		{name: "bare ko", env: map[string]string{"LANG": "ko"}, want: Choice{Lang: KO, From: FromLANG, Value: "ko"}},
		{name: "POSIX", env: map[string]string{"LANG": "POSIX"}, want: Choice{Lang: EN, From: FromLANG, Value: "POSIX"}},
		{name: "another language", env: map[string]string{"LANG": "fr_FR.UTF-8"}, want: Choice{Lang: EN, From: FromLANG, Value: "fr_FR.UTF-8"}},
		{name: "the locale's word for Korean is not a locale", env: map[string]string{"LANG": "korean"},
			want: Choice{Lang: EN, From: FromLANG, Value: "korean"}},
		{name: "a bad ARGOS_LANG is passed over", env: map[string]string{"ARGOS_LANG": "fr", "LANG": "ko_KR.UTF-8"},
			want: Choice{Lang: KO, From: FromLANG, Value: "ko_KR.UTF-8", Ignored: []string{"ARGOS_LANG=fr"}}},
		{name: "a bad profile setting is passed over", profile: &profile{"klingon", "acme"},
			want: Choice{Lang: EN, Ignored: []string{"profile acme: lang=klingon"}}},
		{name: "a bad flag is passed over (cobra refuses it)", flag: "xx", env: map[string]string{"ARGOS_LANG": "ko"},
			want: Choice{Lang: KO, From: FromEnv, Value: "ko", Ignored: []string{"--lang=xx"}}},
		{name: "a control character is quoted", env: map[string]string{"ARGOS_LANG": "f\x1b[2Jr"},
			want: Choice{Lang: EN, Ignored: []string{`ARGOS_LANG="f\x1b[2Jr"`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asked := false
			src := Sources{Flag: c.flag, Getenv: func(k string) string { return c.env[k] }}
			if c.profile != nil {
				src.Profile = func() (string, string) { asked = true; return c.profile.lang, c.profile.name }
			}
			got := Choose(src)
			if got.Lang != c.want.Lang || got.From != c.want.From || got.Value != c.want.Value || got.Profile != c.want.Profile ||
				strings.Join(got.Ignored, "|") != strings.Join(c.want.Ignored, "|") {
				t.Errorf("Choose = %+v, want %+v", got, c.want)
			}
			if asked && (got.From == FromFlag || got.From == FromEnv) {
				t.Error("the profile was read although --lang or ARGOS_LANG decided")
			}
		})
	}
}

// What auth status says about the choice, in each language.
func TestDescribe(t *testing.T) {
	cases := []struct {
		c      Choice
		en, ko string
	}{
		{Choice{Lang: KO, From: FromLANG, Value: "ko_KR.UTF-8"}, "한국어 (ko), from LANG=ko_KR.UTF-8", "한국어 (ko), LANG=ko_KR.UTF-8 설정에 따름"},
		{Choice{Lang: EN}, "English (en), by default", "English (en), 기본값"},
		{Choice{Lang: EN, From: FromFlag, Value: "en"}, "English (en), from --lang en", "English (en), --lang en 옵션에 따름"},
		{Choice{Lang: KO, From: FromProfile, Value: "ko", Profile: "acme"}, "한국어 (ko), from the settings of profile acme", "한국어 (ko), 프로필 acme의 설정에 따름"},
		{Choice{Lang: EN, From: FromLANG, Value: "C", Ignored: []string{"ARGOS_LANG=fr"}},
			"English (en), from LANG=C (ignored ARGOS_LANG=fr: use ko or en)", "English (en), LANG=C 설정에 따름 (ARGOS_LANG=fr 무시함: ko 또는 en만 쓸 수 있습니다)"},
	}
	prev := Language()
	defer SetLanguage(prev)
	for _, c := range cases {
		SetLanguage(EN)
		if got := c.c.Describe(); got != c.en {
			t.Errorf("en: %q, want %q", got, c.en)
		}
		SetLanguage(KO)
		if got := c.c.Describe(); got != c.ko {
			t.Errorf("ko: %q, want %q", got, c.ko)
		}
	}
}
