package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// eachCall parses the Go files (not tests) of dirs and calls found for each
// call, with the package name and function it calls ("apiclient", "Mask";
// "", "shellQuote" for a call inside the package), skipping the files
// whose base name matches one of skip.
func eachCall(t *testing.T, dirs, skip []string, found func(pos token.Position, pkg, fn string)) {
	t.Helper()
	checked := 0
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
	files:
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			for _, pattern := range skip {
				if ok, _ := filepath.Match(pattern, filepath.Base(name)); ok {
					continue files
				}
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch f := ast.Unparen(call.Fun).(type) {
				case *ast.Ident:
					found(fset.Position(call.Pos()), "", f.Name)
				case *ast.SelectorExpr:
					if x, ok := f.X.(*ast.Ident); ok {
						found(fset.Position(call.Pos()), x.Name, f.Sel.Name)
					}
				}
				return true
			})
		}
	}
	if checked == 0 {
		t.Fatal("no Go file checked")
	}
}

// frontEnds are the packages that show values and print command lines.
var frontEnds = []string{".", "ui", "ui/cmd", "ui/accessible", "forms", "forms/draft"}

// A field's value is masked by the one rule, apiclient.MaskField (masked
// when the field is sensitive, unless the operator asked to see it): no
// front end decides for itself by calling apiclient.Mask on a value.
func TestOneRuleMasksFieldValues(t *testing.T) {
	eachCall(t, frontEnds, nil, func(pos token.Position, pkg, fn string) {
		if pkg == "apiclient" && fn == "Mask" {
			t.Errorf("%s: apiclient.Mask on a value: use apiclient.MaskField(key, value, reveal), the one rule for what is shown in full", pos)
		}
	})
}

// Every command line the tool shows quotes its words with shellWord, which
// sanitizes what it quotes: a path, a URL, an id or a profile name holding
// an escape sequence is drawn, never acted on. shellQuote alone is called
// only by shellWord.
func TestCommandLinesShownAreSanitized(t *testing.T) {
	eachCall(t, []string{"ui/cmd"}, []string{"shellquote.go"}, func(pos token.Position, pkg, fn string) {
		if pkg == "" && fn == "shellQuote" {
			t.Errorf("%s: shellQuote of text that is shown: use shellWord (quoted and sanitized)", pos)
		}
	})
}

// "Large" is one rule, ImageFile.Large and ImageDirEntry.Large: no front
// end compares a size with apiclient.LargeImageBytes itself.
func TestOneRuleForALargeImage(t *testing.T) {
	checked := 0
	for _, dir := range frontEnds {
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			ast.Inspect(file, func(n ast.Node) bool {
				b, ok := n.(*ast.BinaryExpr)
				if !ok || !(b.Op == token.GTR || b.Op == token.GEQ || b.Op == token.LSS || b.Op == token.LEQ) {
					return true
				}
				for _, e := range []ast.Expr{b.X, b.Y} {
					if s, ok := ast.Unparen(e).(*ast.SelectorExpr); ok && s.Sel.Name == "LargeImageBytes" {
						t.Errorf("%s: a size compared with LargeImageBytes: use the Large method", fset.Position(b.Pos()))
					}
				}
				return true
			})
		}
	}
	if checked == 0 {
		t.Fatal("no Go file checked")
	}
}
