package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/settings"
)

func TestScanGlobals(t *testing.T) {
	cases := []struct {
		args []string
		want preGlobals
	}{
		{nil, preGlobals{}},
		{[]string{"--lang", "ko"}, preGlobals{lang: "ko"}},
		{[]string{"submit", "--file", "r.json", "--lang=en", "--profile", "acme"}, preGlobals{lang: "en", profile: "acme"}},
		{[]string{"--lang", "ko", "--lang", "en"}, preGlobals{lang: "en"}},
		{[]string{"--ascii"}, preGlobals{ascii: true}},
		{[]string{"--ascii=false"}, preGlobals{}},
		{[]string{"--ascii=true", "--profile=x"}, preGlobals{ascii: true, profile: "x"}},
		{[]string{"--", "--lang", "ko"}, preGlobals{}},
		{[]string{"--lang"}, preGlobals{}},
		{[]string{"-lang", "ko", "--language", "ko"}, preGlobals{}},
	}
	for _, c := range cases {
		if got := scanGlobals(c.args); got != c.want {
			t.Errorf("scanGlobals(%q) = %+v, want %+v", c.args, got, c.want)
		}
	}
}

// The whole start: arguments, environment and the profile's setting pick
// the language (and the marks) before the tree is built, and say what they
// passed over.
func TestSetUpLanguage(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		env      map[string]string
		profiles map[string]string // profile → its lang setting
		lang     i18n.Lang
		from     string
		ascii    bool
		warning  string
	}{
		{name: "default", lang: i18n.EN},
		{name: "LANG", env: map[string]string{"LANG": "ko_KR.UTF-8"}, lang: i18n.KO, from: "LANG", ascii: true},
		{name: "LANG=C", env: map[string]string{"LANG": "C"}, lang: i18n.EN, from: "LANG"},
		{name: "--lang over LANG", args: []string{"submit", "--lang", "en"}, env: map[string]string{"LANG": "ko_KR.UTF-8"},
			lang: i18n.EN, from: "--lang", ascii: true},
		{name: "ARGOS_LANG", env: map[string]string{"ARGOS_LANG": "ko", "RUNEWIDTH_EASTASIAN": "0"}, lang: i18n.KO, from: "ARGOS_LANG"},
		{name: "the selected profile's setting", args: []string{"--profile", "acme"}, profiles: map[string]string{"acme": "ko", "default": "en"},
			lang: i18n.KO, from: "profile"},
		{name: "ARGOS_PROFILE's setting", env: map[string]string{EnvProfile: "acme"}, profiles: map[string]string{"acme": "ko"},
			lang: i18n.KO, from: "profile"},
		{name: "the default profile's setting", profiles: map[string]string{"default": "ko"}, lang: i18n.KO, from: "profile"},
		{name: "--ascii", args: []string{"--ascii"}, lang: i18n.EN, ascii: true},
		{name: "a bad ARGOS_LANG is said", env: map[string]string{"ARGOS_LANG": "kor"}, lang: i18n.EN,
			warning: "argos-migrate: ignored ARGOS_LANG=kor: the languages are ko and en."},
		{name: "a bad --lang is left to cobra", args: []string{"--lang", "fr"}, lang: i18n.EN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer i18n.SetLanguage(i18n.Language())
			defer glyphs.Use(glyphs.Current())
			f, _, errOut := testFactory(t, c.env)
			for name, lang := range c.profiles {
				if err := rememberProfile(f, name, func(p *settings.Profile) { p.Lang = lang }); err != nil {
					t.Fatal(err)
				}
			}
			SetUpLanguage(f, c.args)
			if i18n.Language() != c.lang || f.Language.Lang != c.lang || f.Language.From != c.from {
				t.Errorf("language %s, choice %+v; want %s from %q", i18n.Language(), f.Language, c.lang, c.from)
			}
			if glyphs.Current().ASCII != c.ascii {
				t.Errorf("ASCII marks = %v, want %v", glyphs.Current().ASCII, c.ascii)
			}
			if got := strings.TrimSpace(errOut.String()); got != c.warning {
				t.Errorf("stderr = %q, want %q", got, c.warning)
			}
		})
	}
}

// --lang takes only a language argos-migrate speaks, as a usage error.
func TestLangFlagRefusesOtherLanguages(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	root := NewCmdRoot(f, nil)
	root.SetArgs([]string{"--lang", "fr", "config", "get", "lang"})
	root.SetOut(f.IO.ErrOut)
	root.SetErr(f.IO.ErrOut)
	err := root.Execute()
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "use ko or en") {
		t.Errorf("--lang fr: %v", err)
	}
	for _, ok := range []string{"ko", "EN", "ko_KR"} {
		root := NewCmdRoot(f, nil)
		root.SetArgs([]string{"--lang", ok, "config", "get", "lang"})
		if err := root.Execute(); err != nil {
			t.Errorf("--lang %s: %v", ok, err)
		}
	}
}

// config set lang pins a profile's language, auto removes the pin, and
// config get says it; other keys and languages are usage errors.
func TestConfigLang(t *testing.T) {
	i18ntest.NoMissing(t)
	te := newTestEnv(t, nil, "")
	get := func() string {
		t.Helper()
		te.out.Reset()
		if err := configGetRun(&ConfigOptions{Factory: te.f, Globals: te.g, Key: "lang"}); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(te.out.String())
	}
	if v := get(); v != "auto" {
		t.Errorf("a new profile's lang = %q", v)
	}
	if err := configSetRun(&ConfigOptions{Factory: te.f, Globals: te.g, Key: "lang", Value: "KO"}); err != nil {
		t.Fatal(err)
	}
	if v := get(); v != "ko" || te.config(t).Profiles["default"].Lang != "ko" {
		t.Errorf("after set lang KO: %q, %+v", v, te.config(t).Profiles)
	}
	if !strings.Contains(te.errOut.String(), `Profile "default" now uses 한국어 (ko)`) {
		t.Errorf("set said %q", te.errOut.String())
	}
	te.g.Profile = "acme"
	if v := get(); v != "auto" {
		t.Errorf("another profile's lang = %q", v)
	}
	te.g.Profile = ""
	if err := configSetRun(&ConfigOptions{Factory: te.f, Globals: te.g, Key: "lang", Value: "auto"}); err != nil {
		t.Fatal(err)
	}
	if v := get(); v != "auto" {
		t.Errorf("after set lang auto: %q", v)
	}
	for _, bad := range []ConfigOptions{{Key: "lang", Value: "fr"}, {Key: "theme", Value: "dark"}} {
		bad.Factory, bad.Globals = te.f, te.g
		if err := configSetRun(&bad); !errors.Is(err, ErrUsage) {
			t.Errorf("config set %s %s: %v", bad.Key, bad.Value, err)
		}
	}
}

// auth status says the language and why, in the run's language.
func TestAuthStatusSaysTheLanguage(t *testing.T) {
	te := newTestEnv(t, nil, "")
	te.env["LANG"] = "ko_KR.UTF-8"
	defer i18n.SetLanguage(i18n.Language())
	defer glyphs.Use(glyphs.Current())
	SetUpLanguage(te.f, nil)
	_ = statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g})
	if out := te.out.String(); !strings.Contains(out, "언어: 한국어 (ko), LANG=ko_KR.UTF-8 설정에 따름\n") {
		t.Errorf("status in Korean:\n%s", out)
	}
	te.out.Reset()
	SetUpLanguage(te.f, []string{"--lang", "en"})
	_ = statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g})
	if out := te.out.String(); !strings.Contains(out, "Language: English (en), from --lang en\n") {
		t.Errorf("status in English:\n%s", out)
	}
}

// What choosing the language adds to every start: reading the arguments,
// the environment and the settings file (a profile without a language).
func BenchmarkSetUpLanguage(b *testing.B) {
	f, _, _ := testFactory(b, map[string]string{"LANG": "ko_KR.UTF-8"})
	if err := rememberProfile(f, "default", func(p *settings.Profile) { p.APIURL = "http://127.0.0.1:9" }); err != nil {
		b.Fatal(err)
	}
	defer i18n.SetLanguage(i18n.Language())
	defer glyphs.Use(glyphs.Current())
	args := []string{"submit", "--dry-run", "--file", "record.json"}
	b.ResetTimer()
	for range b.N {
		SetUpLanguage(f, args)
	}
}
