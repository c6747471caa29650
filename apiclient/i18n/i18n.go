// Package i18n gives argos-migrate's messages in the operator's language,
// English or Korean, from message catalogs embedded in the binary.
//
// Code names a message by its id, "<area>.<subject>.<part>" such as
// "failure.key_refused.title", and asks for it with T (the run's language)
// or English (whatever the language: for what machines read). The words
// live in catalog/<area>.en.toml and catalog/<area>.ko.toml, one pair per
// area, so that each part of the program owns its own files. An area's
// files are read on the first lookup of one of its ids, and only in the
// languages asked for: a run that prints no message reads no catalog.
//
// Messages are printf formats, printed with golang.org/x/text/message: the
// same verbs as fmt, explicit argument indexes (%[2]s) so that a
// translation may reorder, plural forms, and numbers grouped as the
// language does (%d of 9988 is "9,988"). Grouping applies to every %d and
// %v of a number: format a code, a port or a year with strconv first and
// print it with %s. See catalog/README.md for the file format and the
// Korean glossary.
package i18n

import (
	"fmt"
	"strings"
	"sync/atomic"
)

// Lang is a language argos-migrate speaks, by its ISO 639-1 code.
type Lang string

// The languages argos-migrate speaks.
const (
	EN Lang = "en"
	KO Lang = "ko"
)

// Langs lists the languages, English (the fallback) first.
var Langs = []Lang{EN, KO}

// Name is the language's own name for itself: "English", "한국어". It is
// the same in every language, as language menus show it.
func (l Lang) Name() string {
	if l == KO {
		return "한국어"
	}
	return "English"
}

// ParseLang reads a language as an operator or a locale writes it: "ko",
// "KO", "kr", "ko-KR", "ko_KR.UTF-8", "en_US", "English", "한국어". ok is
// false for anything else.
func ParseLang(s string) (l Lang, ok bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "english":
		return EN, true
	case "korean", "한국어", "kr": // kr: the country's code, a common slip for ko
		return KO, true
	}
	code := strings.ToLower(languageOf(s))
	switch code {
	case "en":
		return EN, true
	case "ko":
		return KO, true
	}
	return "", false
}

// languageOf is the language part of a locale or a language tag:
// "ko_KR.UTF-8@x" → "ko".
func languageOf(s string) string {
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	return s
}

// current is the run's language; English until SetLanguage says otherwise.
var current atomic.Value // of Lang

// SetLanguage sets the run's language, once at start (main does it before
// it builds the command tree, whose help is in that language). It returns
// the language it replaces, for tests that switch and switch back.
func SetLanguage(l Lang) (previous Lang) {
	if l != KO {
		l = EN
	}
	previous = Language()
	current.Store(l)
	return previous
}

// Language is the run's language.
func Language() Lang {
	if l, ok := current.Load().(Lang); ok {
		return l
	}
	return EN
}

// T is the message id in the run's language, formatted with args. A message
// the run's language lacks is said in English; one that English lacks too
// (a bug the catalog tests catch for every id written in the code) is the
// id with its arguments, and is recorded for Missing. An error among args
// is said in the same language as the message (ErrorIn: an i18n.Error, or
// any error with Localize or In, in its own words), never in the English
// of its Error method; so is a Message.
func T(id string, args ...any) string { return In(Language(), id, args...) }

// English is the message id in English whatever the run's language: for
// JSON output and anything else a program reads.
func English(id string, args ...any) string { return In(EN, id, args...) }

// In is the message id in language l, formatted with args, its errors and
// Messages said in l (ArgsIn).
func In(l Lang, id string, args ...any) string {
	if l != KO {
		l = EN
	}
	args = ArgsIn(l, args)
	format, plural, ok := books.lookup(l, id)
	if !ok && l != EN {
		l = EN
		format, plural, ok = books.lookup(l, id)
	}
	if !ok {
		return missing(id, args)
	}
	return books.sprintf(l, id, format, plural, args)
}

// hasMessage reports whether the message id exists (in English, which
// every id has).
func hasMessage(id string) bool { return books.has(EN, id) }

// missingIDs are the ids asked for that no catalog has.
var missingIDs struct {
	list atomic.Pointer[[]string]
}

// missing records id and says it as plainly as it can: the id and its
// arguments, never nothing.
func missing(id string, args []any) string {
	for {
		old := missingIDs.list.Load()
		var next []string
		if old != nil {
			next = append(next, *old...)
		}
		next = append(next, id)
		if missingIDs.list.CompareAndSwap(old, &next) {
			break
		}
	}
	if len(args) == 0 {
		return id
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprint(a)
	}
	return id + " (" + strings.Join(parts, ", ") + ")"
}

// Missing lists the ids asked for that no catalog has, oldest first; tests
// fail when it is not empty.
func Missing() []string {
	if l := missingIDs.list.Load(); l != nil {
		return append([]string(nil), *l...)
	}
	return nil
}
