package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// importPath is this package's, as the module's code imports it.
const importPath = "argos-migrate/apiclient/i18n"

// moduleRoot is the folder of the go.mod above the test's folder.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// idPattern is an id made at run time: "fields." + key + ".label".
type idPattern struct {
	prefix, suffix string
	at             string
}

func (p idPattern) matches(id string) bool {
	return len(id) > len(p.prefix)+len(p.suffix) && strings.HasPrefix(id, p.prefix) && strings.HasSuffix(id, p.suffix) &&
		!strings.Contains(id[len(p.prefix):len(id)-len(p.suffix)], ".")
}

// usage is what the module's code says about message ids.
type usage struct {
	used     map[string][]string // id → where a literal names it
	patterns []idPattern
	problems []string
}

// Every message id written in the module's code exists in the catalogs,
// every call of T, English, In, Has, Err, Errorf and Msg is given an id (a literal, or one
// put together from a literal area prefix), and every message of the
// catalogs is used somewhere: a literal naming it, or an id made at run
// time from a prefix and suffix it matches.
func TestEveryIDIsInTheCatalogsAndUsed(t *testing.T) {
	areas := Areas()
	catalogIDs := map[string]bool{}
	for _, area := range areas {
		for _, l := range Langs {
			entries, err := ReadCatalog(area, l)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				catalogIDs[e.ID] = true
			}
		}
	}
	u := scanModule(t, moduleRoot(t), areas)
	for _, p := range u.problems {
		t.Error(p)
	}
	for _, id := range slices.Sorted(maps.Keys(u.used)) {
		if !catalogIDs[id] {
			t.Errorf("%s: the message %s is in no catalog (add it to catalog/%s.en.toml and .ko.toml)", u.used[id][0], id, strings.SplitN(id, ".", 2)[0])
		}
	}
	for _, p := range u.patterns {
		found := false
		for id := range catalogIDs {
			found = found || p.matches(id)
		}
		if !found {
			t.Errorf("%s: no message matches %s…%s", p.at, p.prefix, p.suffix)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(catalogIDs)) {
		if _, ok := u.used[id]; ok {
			continue
		}
		if !slices.ContainsFunc(u.patterns, func(p idPattern) bool { return p.matches(id) }) {
			t.Errorf("the message %s is used nowhere in the code: remove it from the catalogs, or use it", id)
		}
	}
}

// scanModule reads every Go file of the module but tests and testdata.
func scanModule(t *testing.T, root string, areas []string) *usage {
	t.Helper()
	u := &usage{used: map[string][]string{}}
	isArea := func(a string) bool { return slices.Contains(areas, a) }
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		u.scanFile(fset, file, filepath.ToSlash(rel), isArea)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (u *usage) scanFile(fset *token.FileSet, file *ast.File, rel string, isArea func(string) bool) {
	at := func(n ast.Node) string {
		p := fset.Position(n.Pos())
		return rel + ":" + strconv.Itoa(p.Line)
	}
	// The name this file calls the package by; inside it, none.
	local := ""
	self := strings.HasPrefix(rel, "apiclient/i18n/") && !strings.Contains(strings.TrimPrefix(rel, "apiclient/i18n/"), "/")
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
			local = "i18n"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	idArg := func(call *ast.CallExpr) (int, bool) {
		name := ""
		switch fun := call.Fun.(type) {
		case *ast.SelectorExpr:
			if x, ok := fun.X.(*ast.Ident); ok && local != "" && x.Name == local {
				name = fun.Sel.Name
			}
		case *ast.Ident:
			if self {
				name = fun.Name
			}
		}
		switch name {
		case "T", "English", "Has", "Err", "Errorf", "Msg":
			return 0, true
		case "In":
			return 1, true
		}
		return 0, false
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err == nil && idShape.MatchString(s) && isArea(strings.SplitN(s, ".", 2)[0]) {
				u.used[s] = append(u.used[s], at(n))
			}
		case *ast.CallExpr:
			i, ok := idArg(n)
			if !ok || i >= len(n.Args) {
				return true
			}
			u.checkIDArg(n.Args[i], at(n), isArea)
		}
		return true
	})
}

// checkIDArg looks at the id given to T, English, In or Has.
func (u *usage) checkIDArg(arg ast.Expr, at string, isArea func(string) bool) {
	var parts []ast.Expr
	var flatten func(e ast.Expr)
	flatten = func(e ast.Expr) {
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		parts = append(parts, ast.Unparen(e))
	}
	flatten(arg)
	literal := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	if len(parts) == 1 {
		s, ok := literal(parts[0])
		switch {
		case !ok:
			// An id from a variable or a table: its literal, wherever it
			// is written, counts as a use and is checked.
		case !idShape.MatchString(s):
			u.problems = append(u.problems, at+": "+strconv.Quote(s)+" is not a message id (<area>.<subject>.<part>)")
		case !isArea(strings.SplitN(s, ".", 2)[0]):
			u.problems = append(u.problems, at+": "+s+": no catalog has the area "+strings.SplitN(s, ".", 2)[0])
		}
		return
	}
	prefix, ok := literal(parts[0])
	area, _, dotted := strings.Cut(prefix, ".")
	if !ok || !dotted || !isArea(area) {
		u.problems = append(u.problems, at+": an id put together at run time starts with a literal \"<area>.\" prefix")
		return
	}
	suffix, _ := literal(parts[len(parts)-1])
	u.patterns = append(u.patterns, idPattern{prefix: prefix, suffix: suffix, at: at})
}
