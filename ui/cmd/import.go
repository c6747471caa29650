package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
)

// ImportOptions are the inputs of `argos-migrate import`.
type ImportOptions struct {
	Factory *Factory
	Globals *GlobalOptions
	File    string // a path, or "-" for standard input

	Encoding    string   // --encoding, "" to detect
	Maps        []string // --map "COLUMN=field"
	MappingFile string   // --mapping
	Sets        []string // --set field=value
	Ignore      []string // --ignore-column
	Rejects     string   // --rejects, "" for <input>.rejects.csv

	Inspect      bool
	WriteMapping string
	DryRun       bool
	JSON         bool

	// Sending.
	Yes         bool    // --yes: no question asked
	SkipInvalid bool    // --skip-invalid: send the valid rows of a file with invalid ones
	Concurrency int     // --concurrency
	Rate        float64 // --rate, records a second; 0 for no limit
	MaxErrors   int     // --max-errors
	Results     string  // --results, "" for <input>.results.csv
	Quiet       bool    // --quiet: plain progress lines instead of the screen
	Status      bool    // --status: what the journal of this import says
}

// NewCmdImport builds `import`; runF replaces importRun in tests.
func NewCmdImport(f *Factory, g *GlobalOptions, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:   "import FILE",
		Short: "Migrate a whole export of records: checked first, sent once, resumable",
		Long: `Read a customer's export of KYC records, map its columns to the fields of the migration
API, check every row against the same rules as submit, then send the valid rows: each
once, at a pace the API can take, resumable after any crash.

FILE is a CSV file with a header row (delimiter ",", ";" or tab, found from the header),
a JSON Lines file (one record object per line) or a JSON array of record objects; "-" reads
standard input (copied first to a private temporary file, so that it can be read again).
UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and CP949/EUC-KR
(Korean Excel's CSV) are read; CP949 is chosen when the bytes are not UTF-8, or name it
with --encoding.

Columns named like the API's fields map by themselves, ignoring case, spaces, "-" and "_"
(Full Name, full_name, fullName), as do common names from other systems (dob, sex, country,
id_number, ...). --map, --set, --ignore-column and a mapping file (--mapping, JSON or TOML;
--write-mapping writes one to start from) do the rest: column maps, value maps (M → male),
date layouts per column (DD.MM.YYYY, YYYYMMDD, MM/DD/YYYY, excel serial dates, ...) and
constants. A column no field takes stops the import, listed with a "did you mean".

--inspect shows the format, the mapping and the first five records exactly as they would be
sent (identity numbers masked). --dry-run checks every row: rows that break a rule or repeat
an earlier row's email or user id go to a rejects file (FILE.rejects.csv, readable by you
only) with the reason beside each, to fix in a spreadsheet and import again.

Without --dry-run the same check runs first; an invalid row stops the import before
anything is sent, unless --skip-invalid. Then it asks before sending ("Send 9,988 records
to LIVE rest-api.argosidentity.com (profile acme, key acme••••)? [y/N]"); --yes answers for
scripts, and without a terminal and without --yes it refuses. --concurrency requests are out
at once, at most --rate a second (default 10: the API documents no limit, and the key is
the customer's production key). A 429 makes every request wait for its Retry-After and
slows the pace; a record that did not reach the server is tried again; one whose outcome is
unknown (a timeout, a 5xx) is looked up by email and user id before it is ever sent again,
and left "unknown" for you when the lookup cannot tell.

A journal (under the state folder, no personal data in it) records each request before it
is made: run the same command again after a crash, kill -9 included, and it resumes,
skipping what was created and looking up what may have been. --status shows it. Results go
to FILE.results.csv (row, email, status, submissionId, error) as rows finish; --json prints
one JSON object per row on stdout, then a summary. On a terminal a progress screen shows
the pace and the refusals (p pauses, q stops, a second ctrl+c abandons requests in flight);
at the end, pick a refused row and press f to fix it in the wizard. Elsewhere, with
--quiet or --json, a plain progress line goes to stderr every few seconds.

` + exitCodesHelp(
			exitMeaning{ExitOK, "every row created, now or in an earlier run (--dry-run: every row valid)"},
			exitMeaning{ExitFailed, "some rows refused by the server, or invalid and skipped"},
			exitMeaning{ExitInvalid, "invalid rows, a mapping that does not work, malformed input, or usage: nothing sent"},
			exitMeaning{ExitNetwork, "some outcomes are unknown, or the network or server failed: run the command again"},
			exitMeaning{ExitCancelled, "stopped (run the same command again to resume) or cancelled"}),
		Example: `  argos-migrate import customers.csv --inspect
  argos-migrate import customers.csv --write-mapping customers.toml
  argos-migrate import customers.csv --mapping customers.toml --dry-run
  argos-migrate import customers.csv --mapping customers.toml
  argos-migrate import customers.csv --mapping customers.toml --skip-invalid --yes --json > results.jsonl
  argos-migrate import customers.csv --mapping customers.toml --rate 50 --concurrency 8
  argos-migrate import customers.csv --status
  argos-migrate --from customers.csv --row 12
  argos-migrate import export.csv --map "Date of Birth=birthDate" --set admin=ops@acme.com --ignore-column Notes --dry-run
  cat records.jsonl | argos-migrate import - --dry-run --json`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("import takes one FILE (a path, or - for standard input), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.File = args[0]
			enc, err := batch.ParseEncoding(opts.Encoding)
			if err != nil {
				return usageErrorf("--encoding: %v", err)
			}
			opts.Encoding = enc
			if err := opts.checkFlags(); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return importRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Encoding, "encoding", "", "text encoding: utf-8, utf-16, cp949 or euc-kr (default: detected)")
	fl.StringArrayVar(&opts.Maps, "map", nil, `map a column to a field, "COLUMN=field" (repeatable)`)
	fl.StringVar(&opts.MappingFile, "mapping", "", "mapping file (JSON or TOML): column maps, value maps, date layouts, constants")
	fl.StringArrayVar(&opts.Sets, "set", nil, `give a field the same value in every record, "field=value" (repeatable)`)
	fl.StringArrayVar(&opts.Ignore, "ignore-column", nil, "leave a column out of the records (repeatable)")
	fl.StringVar(&opts.Rejects, "rejects", "", "where to write the refused rows (default FILE.rejects.csv, beside FILE)")
	fl.BoolVar(&opts.Inspect, "inspect", false, "show the format, the mapping and the first five records as they would be sent; check nothing else")
	fl.StringVar(&opts.WriteMapping, "write-mapping", "", "write a mapping file to start from (TOML, or JSON for a .json name) and stop")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "check every row and write the rejects file; send nothing")
	fl.BoolVar(&opts.JSON, "json", false, "print one JSON object per row on stdout as rows finish, then a summary (with --dry-run: the summary)")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "send without asking (for scripts)")
	fl.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "send the valid rows even when some are invalid (those go to the rejects file)")
	fl.IntVar(&opts.Concurrency, "concurrency", batch.DefaultConcurrency, "requests out at once (1-64)")
	fl.Float64Var(&opts.Rate, "rate", batch.DefaultRate, "records a second at most (lookups count too); 0 for no limit")
	fl.IntVar(&opts.MaxErrors, "max-errors", batch.DefaultMaxErrors, "stop after this many requests in a row get no answer (the server is failing)")
	fl.StringVar(&opts.Results, "results", "", "where to write the results (default FILE.results.csv, beside FILE)")
	fl.BoolVar(&opts.Quiet, "quiet", false, "no progress screen: a plain progress line on stderr every few seconds")
	fl.BoolVar(&opts.Status, "status", false, "show what the journal of this import says (same --profile and API URL as the import), send nothing")
	return c
}

// checkFlags refuses flags that do not go together.
func (opts *ImportOptions) checkFlags() error {
	look := opts.Inspect || opts.WriteMapping != ""
	switch {
	case opts.DryRun && look:
		return usageErrorf("--dry-run checks every row; --inspect and --write-mapping look at the first ones: choose one")
	case opts.JSON && look:
		return usageErrorf("--json goes with --dry-run or a send (--inspect already prints its records as JSON)")
	case opts.Status && (look || opts.DryRun):
		return usageErrorf("--status reads the journal of an import; it does not go with --dry-run, --inspect or --write-mapping")
	case opts.Status && opts.File == "-":
		return usageErrorf("--status needs the FILE that was imported (standard input has no name to find its journal by)")
	case opts.Concurrency < 1 || opts.Concurrency > 64:
		return usageErrorf("--concurrency must be from 1 to 64, not %d", opts.Concurrency)
	case opts.Rate < 0:
		return usageErrorf("--rate must be 0 (no limit) or more, not %v", opts.Rate)
	case opts.MaxErrors < 1:
		return usageErrorf("--max-errors must be 1 or more, not %d", opts.MaxErrors)
	}
	return nil
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	if opts.Status {
		return importStatusRun(ctx, opts)
	}
	m, err := importMapping(opts)
	if err != nil {
		return err
	}
	lenient := opts.Inspect || opts.WriteMapping != ""
	mp, err := batch.NewMapper(m, batch.MapperOptions{Today: opts.Factory.Now(), Lenient: lenient})
	if err != nil {
		return fmt.Errorf("checking the mapping: %w", err)
	}
	in, closeIn, err := openImportInput(opts)
	if err != nil {
		return err
	}
	defer closeIn()
	if lenient {
		return inspectRun(opts, in, mp)
	}
	if opts.DryRun {
		return preflightRun(ctx, opts, in, mp)
	}
	return sendRun(ctx, opts, in, mp, m)
}

// importMapping gathers the mapping file and the flags; flags win.
func importMapping(opts *ImportOptions) (batch.Mapping, error) {
	var m batch.Mapping
	if opts.MappingFile != "" {
		var err error
		if m, err = batch.LoadMapping(opts.MappingFile); err != nil {
			var me *batch.MappingError
			if errors.As(err, &me) {
				return m, err
			}
			return m, usageErrorf("--mapping: %v", err)
		}
	}
	for _, f := range opts.Maps {
		if err := m.AddMap(f); err != nil {
			return m, usageErrorf("%v", err)
		}
	}
	for _, f := range opts.Sets {
		if err := m.AddSet(f); err != nil {
			return m, usageErrorf("%v", err)
		}
	}
	for _, col := range opts.Ignore {
		m.AddIgnore(col)
	}
	return m, nil
}

// openImportInput opens FILE ("-" is standard input).
func openImportInput(opts *ImportOptions) (io.Reader, func(), error) {
	if opts.File == "-" {
		return opts.Factory.IO.In, func() {}, nil
	}
	f, err := os.Open(opts.File)
	if err != nil {
		return nil, nil, usageErrorf("opening the file to import: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// openImportReader starts reading the input, naming it in errors.
func openImportReader(opts *ImportOptions, in io.Reader) (*batch.Reader, error) {
	rd, err := batch.Open(in, batch.ReadOptions{Encoding: opts.Encoding})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", displayPath(opts.File), err)
	}
	return rd, nil
}

// defaultRejectsPath is FILE's name with .rejects.csv in place of its
// extension, beside it; for standard input, stdin.rejects.csv here.
func defaultRejectsPath(file string) string {
	if file == "-" {
		return "stdin.rejects.csv"
	}
	return strings.TrimSuffix(file, filepath.Ext(file)) + ".rejects.csv"
}

// describeSource says what was read: `CSV, delimiter ";", UTF-8 with a
// byte-order mark`.
func describeSource(rd *batch.Reader) string {
	s := rd.Format().String()
	switch rd.Delimiter() {
	case 0:
	case '\t':
		s += ", delimiter tab"
	default:
		s += fmt.Sprintf(", delimiter %q", string(rd.Delimiter()))
	}
	return s + ", " + rd.Encoding().String()
}

// maskedBody is a record's body as it would be sent, with the sensitive
// fields masked and every character that could act on a terminal written
// as a JSON escape (the same JSON, safe to print).
func maskedBody(s apiclient.Submission) string {
	for _, spec := range apiclient.Fields {
		if spec.Sensitive && s.Get(spec.Key) != "" {
			s.Set(spec.Key, apiclient.Mask(s.Get(spec.Key)))
		}
	}
	body, _ := s.Body() // a Submission is strings only: it always encodes
	var b strings.Builder
	for _, r := range string(body) {
		if string(r) != apiclient.Sanitize(string(r)) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
