package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// files holds the catalogs, catalog/<area>.<lang>.toml.
//
//go:embed catalog/*.toml
var files embed.FS

// tags are the languages as x/text names them.
var tags = map[Lang]language.Tag{EN: language.English, KO: language.Korean}

// books is the process's catalog: the areas read so far, in the languages
// asked for.
var books = newBook(files)

// book reads an area's file for a language on the first lookup of one of
// its ids, and keeps it for the rest of the run. Plain messages stay in a
// map and are printed as formats; only plural ones go into x/text's
// catalog, whose building costs more per message.
type book struct {
	fsys fs.FS
	mu   sync.Mutex
	read map[string]bool            // "failure.ko": the file was read (or found broken)
	msgs map[Lang]map[string]string // plain messages by id, of the areas read
	plur map[Lang]map[string]bool   // plural messages by id, in b
	b    *catalog.Builder           // the plural messages, for x/text's printers
	ps   map[Lang]*message.Printer  // one printer per language, made on first use
	errs map[string]error           // a file that could not be read, by its area and language
}

func newBook(fsys fs.FS) *book {
	return &book{fsys: fsys, read: map[string]bool{}, msgs: map[Lang]map[string]string{},
		plur: map[Lang]map[string]bool{}, b: catalog.NewBuilder(), ps: map[Lang]*message.Printer{},
		errs: map[string]error{}}
}

// lookup finds the message id in language l, reading the id's area first if
// this is the first lookup in it: its format, or plural when it is a plural
// message (printed by its id).
func (k *book) lookup(l Lang, id string) (format string, plural, ok bool) {
	area, _, found := strings.Cut(id, ".")
	if !found || area == "" {
		return "", false, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	name := area + "." + string(l)
	if !k.read[name] {
		k.read[name] = true
		if err := k.load(l, area); err != nil {
			k.errs[name] = err
		}
	}
	if f, ok := k.msgs[l][id]; ok {
		return f, false, true
	}
	return "", true, k.plur[l][id]
}

// has reports whether language l has the message id.
func (k *book) has(l Lang, id string) bool {
	_, _, ok := k.lookup(l, id)
	return ok
}

// sprintf prints the message id of language l, which lookup found.
func (k *book) sprintf(l Lang, id, format string, plural bool, args []any) string {
	p := k.printer(l)
	if plural {
		return p.Sprintf(id, args...)
	}
	// Not a key of the catalog (which holds plural messages under their
	// ids): x/text prints it as the format itself, numbers grouped.
	return p.Sprintf(format, args...)
}

// printer is x/text's printer for l over the catalog.
func (k *book) printer(l Lang) *message.Printer {
	k.mu.Lock()
	defer k.mu.Unlock()
	p := k.ps[l]
	if p == nil {
		p = message.NewPrinter(tags[l], message.Catalog(k.b))
		k.ps[l] = p
	}
	return p
}

// load reads catalog/<area>.<l>.toml. A missing file is an area with no
// message in that language; a broken one is an error, and its messages
// fall back to English (the catalog tests fail on it first).
func (k *book) load(l Lang, area string) error {
	entries, err := readFile(k.fsys, area, l)
	if err != nil {
		return err
	}
	if k.msgs[l] == nil {
		k.msgs[l], k.plur[l] = map[string]string{}, map[string]bool{}
	}
	for _, e := range entries {
		if e.Plural == nil {
			k.msgs[l][e.ID] = e.Format
			continue
		}
		if err := k.b.Set(tags[l], e.ID, e.message()); err != nil {
			return fmt.Errorf("%s: %w", e.ID, err)
		}
		k.plur[l][e.ID] = true
	}
	return nil
}

// Entry is one message of a catalog file: a format, or the plural forms of
// one (Plural non-nil), chosen by the Arg'th argument (from 1).
type Entry struct {
	ID     string
	Format string            // the message, when it has no plural forms
	Plural map[string]string // "one", "other", "=0"…: the format of each form
	Arg    int               // which argument counts, for Plural
}

// Formats are the entry's formats: its one format, or each plural form's,
// in the order of their selectors.
func (e Entry) Formats() []string {
	if e.Plural == nil {
		return []string{e.Format}
	}
	sels := make([]string, 0, len(e.Plural))
	for s := range e.Plural {
		sels = append(sels, s)
	}
	sort.Strings(sels)
	out := make([]string, len(sels))
	for i, s := range sels {
		out[i] = e.Plural[s]
	}
	return out
}

// message is the entry as x/text's catalog takes it. Forms are listed with
// "other" last: the first that matches is used.
func (e Entry) message() catalog.Message {
	if e.Plural == nil {
		return catalog.String(e.Format)
	}
	var cases []any
	for _, sel := range pluralOrder {
		if f, ok := e.Plural[sel]; ok {
			cases = append(cases, sel, f)
		}
	}
	var exact []string
	for sel := range e.Plural {
		if strings.HasPrefix(sel, "=") {
			exact = append(exact, sel)
		}
	}
	sort.Strings(exact)
	for _, sel := range exact {
		cases = append([]any{sel, e.Plural[sel]}, cases...)
	}
	return plural.Selectf(e.Arg, "%d", cases...)
}

// pluralOrder are the plural forms a file may give, "other" last.
var pluralOrder = []string{"zero", "one", "two", "few", "many", "other"}

// ReadCatalog returns the entries of catalog/<area>.<l>.toml, sorted by id,
// for the catalog tests and tools; nil with no error when the file does not
// exist.
func ReadCatalog(area string, l Lang) ([]Entry, error) {
	out, err := readFile(files, area, l)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// Areas lists the areas that have a catalog file in any language, sorted.
func Areas() []string {
	names, _ := fs.Glob(files, "catalog/*.toml")
	seen := map[string]bool{}
	var areas []string
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "catalog/"), ".toml")
		area, _, _ := strings.Cut(base, ".")
		if !seen[area] {
			seen[area] = true
			areas = append(areas, area)
		}
	}
	sort.Strings(areas)
	return areas
}
