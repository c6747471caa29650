package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/settings"
)

// SetUpLanguage chooses the run's language and marks once, at start: before
// the command tree is built, since the commands' help is written when it
// is. --lang, --ascii and --profile are read from args (the command line
// without the program's name) as cobra reads them later; cobra refuses a
// --lang it does not know. The language comes from --lang, ARGOS_LANG, the
// profile's setting, then the locale (i18n.Choose); an ARGOS_LANG or a
// setting that names no language is said on stderr and passed over.
func SetUpLanguage(f *Factory, args []string) {
	pre := scanGlobals(args)
	choice := i18n.Choose(i18n.Sources{Flag: pre.lang, Getenv: f.Getenv, Profile: func() (string, string) {
		name := pre.profile
		if name == "" {
			name = f.Getenv(EnvProfile)
		}
		if name == "" {
			name = settings.DefaultProfile
		}
		cfg, _, err := f.LoadConfig()
		if err != nil {
			return "", name // the command says what is wrong with the file
		}
		return cfg.Profiles[name].Lang, name
	}})
	i18n.SetLanguage(choice.Lang)
	f.Language = choice
	var ignored []string
	for _, s := range choice.Ignored {
		if !strings.HasPrefix(s, i18n.FromFlag+"=") {
			ignored = append(ignored, s)
		}
	}
	if len(ignored) > 0 {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("language.warning.ignored", strings.Join(ignored, ", ")))
	}
	set, _ := glyphs.Choose(pre.ascii, f.Getenv)
	glyphs.Use(set)
}

// preGlobals are the global flags read before cobra parses the line.
type preGlobals struct {
	lang, profile string
	ascii         bool
}

// scanGlobals reads --lang, --profile and --ascii the way pflag does: the
// last one given wins, a value follows "=" or is the next argument, and
// nothing after "--" is a flag.
func scanGlobals(args []string) preGlobals {
	var g preGlobals
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		rest, ok := strings.CutPrefix(a, "--")
		if !ok {
			continue
		}
		name, value, hasValue := strings.Cut(rest, "=")
		next := func() string {
			if hasValue {
				return value
			}
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch name {
		case "lang":
			g.lang = next()
		case "profile":
			g.profile = next()
		case "ascii":
			on := true
			if hasValue {
				b, err := strconv.ParseBool(value)
				on = err == nil && b
			}
			g.ascii = on
		}
	}
	return g
}

// langValue is --lang: only a language argos-migrate speaks.
type langValue struct{ v *string }

func (l langValue) String() string { return *l.v }
func (l langValue) Type() string   { return "ko|en" }

// Set refuses anything but a language argos-migrate speaks.
func (l langValue) Set(s string) error {
	if _, ok := i18n.ParseLang(s); !ok {
		return i18n.Errorf("commands.config.bad_lang", s)
	}
	*l.v = s
	return nil
}
