package i18n

import (
	"strconv"
	"strings"
)

// EnvLang is the environment variable that picks the language for every
// command of a session, after --lang and before the profile and the locale.
const EnvLang = "ARGOS_LANG"

// The places a language can come from, in the order Choose asks them.
const (
	FromFlag    = "--lang"
	FromEnv     = EnvLang
	FromProfile = "profile"
	FromDefault = ""
	// The locale variables, as POSIX orders them: the first one set wins.
	FromLCAll      = "LC_ALL"
	FromLCMessages = "LC_MESSAGES"
	FromLANG       = "LANG"
)

// Sources are what Choose reads.
type Sources struct {
	// Flag is --lang's value, "" when it was not given.
	Flag string
	// Getenv reads the environment (ARGOS_LANG and the locale).
	Getenv func(string) string
	// Profile is the selected profile's language setting and the profile's
	// name; it is called only when neither --lang nor ARGOS_LANG decides,
	// so that their runs do not read the settings file. nil means none.
	Profile func() (lang, name string)
}

// Choice is the run's language and why.
type Choice struct {
	Lang Lang
	// From is where it came from: FromFlag, FromEnv, FromProfile, one of
	// the locale variables, or FromDefault when nothing named one.
	From string
	// Value is what that place said ("ko_KR.UTF-8"); Profile names the
	// profile when From is FromProfile.
	Value, Profile string
	// Ignored lists settings that named no language argos-migrate speaks
	// ("ARGOS_LANG=fr"), passed over for the next.
	Ignored []string
}

// Choose picks the run's language: --lang, then ARGOS_LANG, then the
// profile's setting, then the locale (LC_ALL, LC_MESSAGES, LANG: a Korean
// one such as ko_KR.UTF-8 means Korean, C and POSIX mean English), else
// English. A flag, variable or setting that names no language it speaks is
// passed over and listed in Ignored; a locale in another language means
// English.
func Choose(src Sources) Choice {
	getenv := src.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var c Choice
	try := func(from, v string) bool {
		if v == "" {
			return false
		}
		if l, ok := ParseLang(v); ok {
			c.Lang, c.From, c.Value = l, from, v
			return true
		}
		c.Ignored = append(c.Ignored, from+"="+shown(v))
		return false
	}
	if try(FromFlag, src.Flag) || try(FromEnv, getenv(EnvLang)) {
		return c
	}
	if src.Profile != nil {
		v, name := src.Profile()
		if l, ok := ParseLang(v); ok {
			c.Lang, c.From, c.Value, c.Profile = l, FromProfile, v, name
			return c
		}
		if v != "" {
			c.Ignored = append(c.Ignored, "profile "+shown(name)+": lang="+shown(v))
		}
	}
	for _, name := range []string{FromLCAll, FromLCMessages, FromLANG} {
		if v := getenv(name); v != "" {
			c.Lang, c.From, c.Value = localeLang(v), name, v
			return c
		}
	}
	c.Lang = EN
	return c
}

// localeLang is the language of a locale name: Korean for ko and ko_KR…,
// English for C, POSIX and every language it does not speak.
func localeLang(v string) Lang {
	if strings.EqualFold(languageOf(strings.TrimSpace(v)), "ko") {
		return KO
	}
	return EN
}

// Describe says the choice for people, in the run's language: "한국어 (ko),
// from LANG=ko_KR.UTF-8".
func (c Choice) Describe() string {
	l := c.Lang
	if l != KO {
		l = EN
	}
	var s string
	switch c.From {
	case FromDefault:
		s = T("language.choice.default", l.Name(), string(l))
	case FromProfile:
		s = T("language.choice.profile", l.Name(), string(l), shown(c.Profile))
	case FromFlag:
		s = T("language.choice.flag", l.Name(), string(l), shown(c.Value))
	default:
		s = T("language.choice.env", l.Name(), string(l), c.From+"="+shown(c.Value))
	}
	if len(c.Ignored) > 0 {
		s += T("language.choice.ignored", strings.Join(c.Ignored, ", "))
	}
	return s
}

// shown is a value from the environment or a file, as it may be printed:
// itself when it is plain, else quoted with escapes, so that a control
// character in it cannot act on the terminal.
func shown(v string) string {
	for _, r := range v {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '"' || r == '\\' ||
			(r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return strconv.QuoteToGraphic(v)
		}
	}
	return v
}
