package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The front ends show an error to a person with i18n.Text, never with its
// Error method: Error is the English that logs, --json and programs read,
// so an error shown through it reads English in a Korean run. This finds
// err.Error() handed to what draws or prints text (Sanitize, UpperFirst,
// LowerFirst, i18n.T, the sentence helper, fmt's printers), also inside a
// concatenation.
func TestErrorsAreShownInTheRunsLanguage(t *testing.T) {
	shows := map[string]bool{"Sanitize": true, "UpperFirst": true, "LowerFirst": true, "T": true,
		"sentence": true, "Fprintln": true, "Fprintf": true, "Fprint": true, "Println": true, "Printf": true}
	checked := 0
	for _, dir := range []string{"ui", "ui/cmd", "ui/accessible", "forms", "forms/draft", "."} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
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
				call, ok := n.(*ast.CallExpr)
				if !ok || !shows[calledName(call)] {
					return true
				}
				for _, arg := range call.Args {
					for _, e := range concatenated(arg) {
						if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 0 && calledName(c) == "Error" {
							t.Errorf("%s: an error shown with Error() reads English in every language: say it with i18n.Text(err)", fset.Position(c.Pos()))
						}
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

// calledName is the name of the function or method a call calls.
func calledName(c *ast.CallExpr) string {
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// concatenated are the operands of a string concatenation, or e alone.
func concatenated(e ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
		return append(concatenated(b.X), concatenated(b.Y)...)
	}
	return []ast.Expr{ast.Unparen(e)}
}
