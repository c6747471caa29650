package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
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

	// stream: FILE is a pipe or another file that can be read only once
	// (a FIFO, `<(zcat export.csv.gz)`): it is read as standard input is.
	stream bool
}

// streamed reports whether the input is read once, as standard input:
// copied first before a send, its journal named after its bytes.
func (opts *ImportOptions) streamed() bool { return opts.File == "-" || opts.stream }

// NewCmdImport builds `import`; runF replaces importRun in tests.
func NewCmdImport(f *Factory, g *GlobalOptions, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use:   "import FILE",
		Short: i18n.T("importhelp.command.short"),
		Long: i18n.T("importhelp.command.long") + exitCodesHelp(
			exitMeaning{ExitOK, i18n.T("importhelp.command.exit_ok")},
			exitMeaning{ExitFailed, i18n.T("importhelp.command.exit_failed")},
			exitMeaning{ExitInvalid, i18n.T("importhelp.command.exit_invalid")},
			exitMeaning{ExitNetwork, i18n.T("importhelp.command.exit_network")},
			exitMeaning{ExitCancelled, i18n.T("importhelp.command.exit_cancelled")}),
		Example: i18n.T("importhelp.command.example"),
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError(i18n.Err("import.usage.args", len(args)))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.File = args[0]
			enc, err := batch.ParseEncoding(opts.Encoding)
			if err != nil {
				return usageErrorf("--encoding: %w", err)
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
	fl.StringVar(&opts.Encoding, "encoding", "", i18n.T("importhelp.flag.encoding"))
	fl.StringArrayVar(&opts.Maps, "map", nil, i18n.T("importhelp.flag.map"))
	fl.StringVar(&opts.MappingFile, "mapping", "", i18n.T("importhelp.flag.mapping"))
	fl.StringArrayVar(&opts.Sets, "set", nil, i18n.T("importhelp.flag.set"))
	fl.StringArrayVar(&opts.Ignore, "ignore-column", nil, i18n.T("importhelp.flag.ignore_column"))
	fl.StringVar(&opts.Rejects, "rejects", "", i18n.T("importhelp.flag.rejects"))
	fl.BoolVar(&opts.Inspect, "inspect", false, i18n.T("importhelp.flag.inspect"))
	fl.StringVar(&opts.WriteMapping, "write-mapping", "", i18n.T("importhelp.flag.write_mapping"))
	fl.BoolVar(&opts.DryRun, "dry-run", false, i18n.T("importhelp.flag.dry_run"))
	fl.BoolVar(&opts.JSON, "json", false, i18n.T("importhelp.flag.json"))
	fl.BoolVarP(&opts.Yes, "yes", "y", false, i18n.T("importhelp.flag.yes"))
	fl.BoolVar(&opts.SkipInvalid, "skip-invalid", false, i18n.T("importhelp.flag.skip_invalid"))
	fl.IntVar(&opts.Concurrency, "concurrency", batch.DefaultConcurrency, i18n.T("importhelp.flag.concurrency"))
	fl.Float64Var(&opts.Rate, "rate", batch.DefaultRate, i18n.T("importhelp.flag.rate"))
	fl.IntVar(&opts.MaxErrors, "max-errors", batch.DefaultMaxErrors, i18n.T("importhelp.flag.max_errors"))
	fl.StringVar(&opts.Results, "results", "", i18n.T("importhelp.flag.results"))
	fl.BoolVar(&opts.Quiet, "quiet", false, i18n.T("importhelp.flag.quiet"))
	fl.BoolVar(&opts.Status, "status", false, i18n.T("importhelp.flag.status"))
	return c
}

// checkFlags refuses flags that do not go together.
func (opts *ImportOptions) checkFlags() error {
	look := opts.Inspect || opts.WriteMapping != ""
	switch {
	case opts.DryRun && look:
		return usageError(i18n.Err("import.usage.dry_run_inspect"))
	case opts.JSON && look:
		return usageError(i18n.Err("import.usage.json_inspect"))
	case opts.Status && (look || opts.DryRun):
		return usageError(i18n.Err("import.usage.status_with"))
	case opts.Status && opts.File == "-":
		return usageError(i18n.Err("import.usage.status_stdin"))
	case opts.Concurrency < 1 || opts.Concurrency > 64:
		return usageError(i18n.Err("import.usage.concurrency", opts.Concurrency))
	case opts.Rate < 0:
		return usageError(i18n.Err("import.usage.rate", opts.Rate))
	case opts.MaxErrors < 1:
		return usageError(i18n.Err("import.usage.max_errors", opts.MaxErrors))
	}
	return nil
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	if opts.Status {
		return importStatusRun(ctx, opts)
	}
	m, err := importMapping(ctx, opts)
	if err != nil {
		return err
	}
	lenient := opts.Inspect || opts.WriteMapping != ""
	mp, err := batch.NewMapper(m, batch.MapperOptions{Today: opts.Factory.Now(), Lenient: lenient})
	if err != nil {
		return i18n.Err("import.err.check_mapping", err)
	}
	in, closeIn, err := openImportInput(ctx, opts)
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

// importMapping gathers the mapping file and the flags; flags win. Reading
// the file stops when ctx ends (a FIFO nobody writes to blocks in open).
func importMapping(ctx context.Context, opts *ImportOptions) (batch.Mapping, error) {
	var m batch.Mapping
	if opts.MappingFile != "" {
		var err error
		m, err = whileNotCancelled(ctx, opts.MappingFile, func() (batch.Mapping, error) { return batch.LoadMapping(opts.MappingFile) })
		if errors.Is(err, ErrCancelled) {
			return m, err
		}
		if err != nil {
			var me *batch.MappingError
			if errors.As(err, &me) {
				return m, err
			}
			return m, usageErrorf("--mapping: %w", err)
		}
	}
	for _, f := range opts.Maps {
		if err := m.AddMap(f); err != nil {
			return m, usageError(err)
		}
	}
	for _, f := range opts.Sets {
		if err := m.AddSet(f); err != nil {
			return m, usageError(err)
		}
	}
	for _, col := range opts.Ignore {
		m.AddIgnore(col)
	}
	return m, nil
}

// openImportInput opens FILE ("-" is standard input). Standard input and a
// file that is not a regular one (a FIFO, a pipe's /dev/fd/N) are read
// once and can block, in open or in read, for as long as their writer
// pleases: waiting for them stops when ctx ends.
func openImportInput(ctx context.Context, opts *ImportOptions) (io.Reader, func(), error) {
	if opts.File == "-" {
		return newCancellableReader(ctx, opts.Factory.IO.In, pathArg(opts.File)), func() {}, nil
	}
	if info, err := os.Stat(opts.File); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		opts.stream = true
	}
	f, err := whileNotCancelled(ctx, opts.File, func() (*os.File, error) { return os.Open(opts.File) })
	if errors.Is(err, ErrCancelled) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, usageError(i18n.Err("batch.io.open_input", apiclient.OpenError(opts.File, err)))
	}
	if opts.stream {
		return newCancellableReader(ctx, f, opts.File), func() { f.Close() }, nil
	}
	return f, func() { f.Close() }, nil
}

// imageDir is the folder the rows' relative image paths are read from:
// the input file's folder; for standard input or a pipe (/dev/fd/63),
// the folder the command runs in.
func imageDir(opts *ImportOptions) string {
	if opts.streamed() || piped(opts.File) {
		return ""
	}
	return batch.ImageDir(opts.File)
}

// openImportReader starts reading the input, naming it in errors.
func openImportReader(opts *ImportOptions, in io.Reader) (*batch.Reader, error) {
	rd, err := batch.Open(in, batch.ReadOptions{Encoding: opts.Encoding})
	if err != nil {
		return nil, i18n.Err("import.err.reading", displayPath(opts.File), err)
	}
	return rd, nil
}

// defaultRejectsPath is where FILE's rejects go by default, beside it (see
// defaultName); for standard input, stdin.rejects.csv here.
func defaultRejectsPath(file string) string { return defaultName(file, ".rejects.csv") }

// defaultName is FILE's name with suffix (.rejects.csv, .results.csv):
// in place of a .csv extension (export.csv, export.rejects.csv), after any
// other, kept so that two inputs of one folder never share a name
// (a.jsonl, a.jsonl.rejects.csv; a.json, a.json.rejects.csv). Standard
// input's is stdin plus suffix, here. A file already at the name that is
// not this input's is kept, and the import writes beside it
// (batch.FreeName).
func defaultName(file, suffix string) string {
	if piped(file) {
		return "stdin" + suffix
	}
	if ext := filepath.Ext(file); strings.EqualFold(ext, ".csv") {
		return strings.TrimSuffix(file, ext) + suffix
	}
	return file + suffix
}

// piped reports whether file is standard input, or one of the system's
// names for a pipe or a descriptor (/dev/fd/63 of `<(command)`,
// /dev/stdin, /proc/self/fd/0), beside which nothing can be written.
func piped(file string) bool {
	if file == "-" {
		return true
	}
	abs, err := filepath.Abs(file)
	return err == nil && (strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/"))
}

// describeSource says what was read: `CSV, delimiter ";", UTF-8 with a
// byte-order mark`.
func describeSource(rd *batch.Reader) string {
	switch rd.Delimiter() {
	case 0:
		return i18n.T("import.source.format", rd.Format().Words(), rd.Encoding().String())
	case '\t':
		return i18n.T("import.source.csv_tab", rd.Format().Words(), rd.Encoding().String())
	}
	return i18n.T("import.source.csv", rd.Format().Words(), strconv.Quote(string(rd.Delimiter())), rd.Encoding().String())
}

// maskedBody is a record's body as it would be sent, with the sensitive
// fields masked and every character that could act on a terminal written
// as a JSON escape (the same JSON, safe to print).
func maskedBody(s apiclient.Submission) string {
	body, _ := s.Masked().Body() // a Submission is strings only: it always encodes
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
