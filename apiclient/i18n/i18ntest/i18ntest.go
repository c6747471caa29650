// Package i18ntest helps the tests of every package that speaks through
// apiclient/i18n: run a test in a language, check that a package's words
// come from the catalogs and not from string literals, and check that text
// meant to be Korean is.
package i18ntest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"argos-migrate/apiclient/i18n"
)

// Use sets the run's language to l for the rest of the test and restores
// the previous one after it. The language is the process's: a test that
// calls Use must not run in parallel with tests that print messages.
func Use(tb testing.TB, l i18n.Lang) {
	tb.Helper()
	prev := i18n.SetLanguage(l)
	tb.Cleanup(func() { i18n.SetLanguage(prev) })
}

// NoMissing fails tb if a message id was asked for that no catalog has
// (i18n.Missing), at the end of the test: call it first.
func NoMissing(tb testing.TB) {
	tb.Helper()
	before := len(i18n.Missing())
	tb.Cleanup(func() {
		if m := i18n.Missing(); len(m) > before {
			tb.Errorf("message ids no catalog has: %v", m[before:])
		}
	})
}

// CheckNoProse fails tb for every string literal of the non-test Go files
// matching pattern (a filepath.Glob, relative to the test's package folder:
// "failure*.go", "*.go") that reads as words for people (Prose) and is not
// in allow: those words belong in a message catalog. allow maps each
// literal that may stay to the reason it may, and an entry that matches
// nothing fails too, so the list stays short and true.
//
// A literal is not words for people when it is only compared with or
// searched for in other text: an operand of == or !=, a case of a switch,
// the text searched for by strings.Contains, HasPrefix, Index, TrimPrefix,
// CutPrefix, EqualFold…, the old text of strings.Replace, ReplaceAll and
// NewReplacer, a regular expression, an import path, a struct tag.
func CheckNoProse(tb testing.TB, pattern string, allow map[string]string) {
	tb.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		tb.Fatal(err)
	}
	used := map[string]bool{}
	checked := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		findings, err := FindProse(name, nil)
		if err != nil {
			tb.Fatal(err)
		}
		checked++
		for _, f := range findings {
			if _, ok := allow[f.Text]; ok {
				used[f.Text] = true
				continue
			}
			tb.Errorf("%s: %q reads as words for people: give it a message id in a catalog (apiclient/i18n/catalog), or allow it with the reason", f.Pos, f.Text)
		}
	}
	if checked == 0 {
		tb.Fatalf("no Go file matches %q: the check checked nothing", pattern)
	}
	for _, text := range slices.Sorted(maps.Keys(allow)) {
		if !used[text] {
			tb.Errorf("the allowed literal %q (%s) is no longer in %s: remove it from the list", text, allow[text], pattern)
		}
	}
}

// Finding is a string literal that reads as words for people.
type Finding struct {
	Pos  token.Position
	Text string // the literal's value
}

// FindProse parses the Go file (src, or the file's contents when src is
// nil) and returns its string literals that read as words for people and
// are not only compared or searched for (see CheckNoProse).
func FindProse(filename string, src any) ([]Finding, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	skip := map[*ast.BasicLit]bool{}
	mark := func(e ast.Expr) {
		if lit, ok := ast.Unparen(e).(*ast.BasicLit); ok {
			skip[lit] = true
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			skip[n.Path] = true
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				mark(n.X)
				mark(n.Y)
			}
		case *ast.CaseClause:
			for _, e := range n.List {
				mark(e)
			}
		case *ast.CallExpr:
			for _, i := range matchedArgs(n) {
				if i < len(n.Args) {
					mark(n.Args[i])
				}
			}
		}
		return true
	})
	var out []Finding
	ast.Inspect(file, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || skip[lit] {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !Prose(s) {
			return true
		}
		out = append(out, Finding{Pos: fset.Position(lit.Pos()), Text: s})
		return true
	})
	return out, nil
}

// matchedArgs are the arguments of a call that are text to look for, not
// text to show: strings.Contains(s, "x") searches for "x".
func matchedArgs(call *ast.CallExpr) []int {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	switch pkg.Name {
	case "strings", "bytes":
		switch sel.Sel.Name {
		case "Contains", "ContainsAny", "HasPrefix", "HasSuffix", "Index", "IndexAny", "LastIndex", "LastIndexAny",
			"EqualFold", "TrimPrefix", "TrimSuffix", "CutPrefix", "CutSuffix", "Cut", "Count", "Split", "SplitN",
			"SplitAfter", "Trim", "TrimLeft", "TrimRight":
			return []int{1}
		case "Replace", "ReplaceAll":
			return []int{1}
		case "NewReplacer":
			idx := make([]int, 0, len(call.Args)/2)
			for i := 0; i < len(call.Args); i += 2 {
				idx = append(idx, i)
			}
			return idx
		}
	case "regexp":
		return []int{0}
	case "errors":
		if sel.Sel.Name == "Is" || sel.Sel.Name == "As" {
			return []int{1}
		}
	}
	return nil
}

// verb matches a printf verb, to be left out when reading a format.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\[\d+\])?(\*|\d+)?(\.(\[\d+\])?(\*|\d+)?)?(\[\d+\])?[a-zA-Z%]`)

// id matches a message id: "failure.key_refused.title".
var id = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+){2,}$`)

// Prose reports whether s reads as words for people: it holds Hangul, or at
// least two English words (two letters or more each) apart from its printf
// verbs. Message ids, keys such as "ctrl+c", flags, wire values such as
// "drivers_license" and formats such as "%s (%s)" or "HTTP %d" do not.
func Prose(s string) bool {
	if id.MatchString(s) {
		return false
	}
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	words := 0
	for _, w := range strings.Fields(verb.ReplaceAllString(s, " ")) {
		if isWord(w) {
			words++
		}
	}
	return words >= 2
}

// isWord: two ASCII letters or more, with at most an apostrophe, hyphen or
// trailing punctuation, and not a flag, a path or an identifier.
func isWord(w string) bool {
	w = strings.TrimRight(w, ".,:;!?)\"'")
	w = strings.TrimLeft(w, "(\"'")
	if strings.HasPrefix(w, "-") || strings.ContainsAny(w, "_/=+<>{}[]@\\") {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		case r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

// EnglishRun returns the first run of three English words or more in s
// (letters only, any case, no comma between them), or "": in text meant to
// be Korean, such a run is a sentence left untranslated. Names such as
// "ARGOS", "API" or "submit --help", and lists of wire values ("visa,
// aadhaar, pancard"), are not.
func EnglishRun(s string) string {
	for _, part := range strings.Split(s, ",") {
		var run []string
		for _, w := range strings.Fields(part) {
			t := strings.Trim(w, ".:;!?()\"'")
			if t != "" && strings.IndexFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) < 0 {
				run = append(run, t)
				continue
			}
			if len(run) >= 3 {
				return strings.Join(run, " ")
			}
			run = run[:0]
		}
		if len(run) >= 3 {
			return strings.Join(run, " ")
		}
	}
	return ""
}

// Korean fails tb unless s holds Hangul and no run of English words.
func Korean(tb testing.TB, what, s string) {
	tb.Helper()
	hangul := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
	if !hangul {
		tb.Errorf("%s is not Korean: %q", what, s)
	} else if run := EnglishRun(s); run != "" {
		tb.Errorf("%s holds English words (%q): %q", what, run, s)
	}
}

// String makes a Finding read "file:line: text".
func (f Finding) String() string { return fmt.Sprintf("%s: %q", f.Pos, f.Text) }
