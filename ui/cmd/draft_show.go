package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// DraftShowOptions are the inputs of `draft show` and `draft export`.
type DraftShowOptions struct {
	Factory *Factory
	Globals *GlobalOptions
	File    string // --file: a backup or moved-aside draft instead of the draft
}

// NewCmdDraftShow builds `draft show`: the draft, the identity number masked.
func NewCmdDraftShow(f *Factory, g *GlobalOptions, runF func(context.Context, *DraftShowOptions) error) *cobra.Command {
	opts := &DraftShowOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use: "show",
		Example: `  argos-migrate draft show
  argos-migrate draft show --file ~/.local/state/argos-migrate/default.draft.backup-20261125T120000Z.json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return draftShowRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.draft.show")
		flagUsage(c, "file", i18n.T("help.draft.file"))
		c.Long = i18n.T("helplong.draft.show") + "\n\n" + draftReadExitCodes(i18n.T("helplong.draft.exit_shown"))
	})
	addFileFlag(c, opts)
	return c
}

// addFileFlag adds --file, shared by show and export.
func addFileFlag(c *cobra.Command, opts *DraftShowOptions) {
	c.Flags().StringVar(&opts.File, "file", "", "")
}

// draftReadExitCodes is the "Exit codes:" section of show and export. No
// draft is not a usage mistake: nothing to show or print is exit 1, with
// the same words for both, backups or not.
func draftReadExitCodes(ok string) string {
	return exitCodesHelp(exitMeaning{ExitOK, ok},
		exitMeaning{ExitFailed, i18n.T("helplong.draft.exit_none")},
		usageExit())
}

// NewCmdDraftExport builds `draft export`: the documented JSON body, ready
// for `submit --file`.
func NewCmdDraftExport(f *Factory, g *GlobalOptions, runF func(context.Context, *DraftShowOptions) error) *cobra.Command {
	opts := &DraftShowOptions{Factory: f, Globals: g}
	c := &cobra.Command{
		Use: "export",
		Example: `  argos-migrate draft export > record.json
  argos-migrate draft export | argos-migrate submit --file -`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return draftExportRun(c.Context(), opts)
		},
	}
	setHelp(c, func() {
		c.Short = i18n.T("help.draft.export")
		flagUsage(c, "file", i18n.T("help.draft.file"))
		c.Long = i18n.T("helplong.draft.export") + "\n\n" + draftReadExitCodes(i18n.T("helplong.draft.exit_printed"))
	})
	addFileFlag(c, opts)
	return c
}

// loadDraft reads the selected profile's draft, or the --file one, for the
// read-only commands (sub is "show" or "export"). It changes no file: an
// unreadable draft is reported and left where it is, for the wizard to move
// aside.
func loadDraft(ctx context.Context, opts *DraftShowOptions, sub string) (*draft.Store, draft.Draft, error) {
	s, err := openDraftStore(opts.Factory, opts.Globals)
	if err != nil {
		return nil, draft.Draft{}, err
	}
	if opts.File != "" {
		d, err := s.LoadFile(ctx, opts.File)
		return s, d, err
	}
	d, err := s.LoadFile(ctx, s.Path())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s, d, matching(draft.ErrNoDraft, i18n.Errorf("drafts.show.none", s.Profile, s.Path(), otherDraftHint(opts, sub)))
	case errors.Is(err, draft.ErrKeyUnavailable):
		return s, d, i18n.Errorf("drafts.show.locked_away", s.Profile, err)
	case err != nil:
		return s, d, i18n.Errorf("drafts.show.unreadable", s.Profile, err)
	}
	return s, d, nil
}

// otherDraftHint points at the draft of the other kind of run when the
// selected one does not exist: a --sandbox run keeps its draft apart, so a
// `draft show` without the flag would otherwise say there is none. An
// i18n.Msg, said in the language of the message it goes in; "" when there
// is no such draft.
func otherDraftHint(opts *DraftShowOptions, sub string) any {
	g := *opts.Globals
	g.Sandbox = !g.Sandbox
	other, err := openDraftStore(opts.Factory, &g)
	if err != nil {
		return ""
	}
	if _, err := os.Stat(other.Path()); err != nil {
		return ""
	}
	c := profileCommand(&g, other.Profile) + " draft " + sub
	if g.Sandbox {
		return i18n.Msg("drafts.show.other_sandbox", c+" --sandbox")
	}
	return i18n.Msg("drafts.show.other_live", c)
}

func draftShowRun(ctx context.Context, opts *DraftShowOptions) error {
	f := opts.Factory
	s, d, err := loadDraft(ctx, opts, "show")
	w := f.IO.Out
	if errors.Is(err, draft.ErrNoDraft) && opts.File == "" {
		// No draft, but maybe backups: list them, and still answer "no
		// draft" as export and a show without backups do (exit 1, the
		// same words): a script asks whether there is a draft.
		if backups, _ := s.Backups(); len(backups) > 0 {
			writeBackups(w, backups, f.Now())
		}
	}
	if err != nil {
		return err
	}
	path := s.Path()
	if opts.File != "" {
		path = opts.File
	}
	fmt.Fprintln(w, i18n.T("drafts.show.title", s.Profile, draft.When(d.SavedAt, f.Now())))
	rows := [][]string{{i18n.T("drafts.show.label_file"), apiclient.Sanitize(path)}}
	if d.Plain {
		rows = append(rows, []string{i18n.T("drafts.show.label_stored"), i18n.T("drafts.show.unencrypted")})
	}
	if d.APIURL != "" {
		rows = append(rows, []string{i18n.T("drafts.show.label_api"), draftAPI(d.APIURL, path)})
	}
	if sum := d.Outcome.Summary(); sum != "" {
		rows = append(rows, []string{i18n.T("drafts.show.label_outcome"), sum})
		if d.Outcome.Message != "" {
			rows = append(rows, []string{"", apiclient.Sanitize(d.Outcome.Message)})
		}
	} else {
		rows = append(rows, []string{i18n.T("drafts.show.label_outcome"), i18n.T("drafts.show.never_sent")})
	}
	writeColumns(w, "", 1, rows)
	fmt.Fprintln(w)
	var fields [][]string
	for _, spec := range apiclient.Fields {
		v := d.Submission.Get(spec.Key)
		if v == "" {
			continue
		}
		v, _ = apiclient.MaskField(spec.Key, v, false) // `draft show` never reveals
		fields = append(fields, []string{spec.Key, apiclient.Sanitize(v)})
	}
	writeColumns(w, "  ", 2, fields)
	if opts.File != "" {
		return nil
	}
	if l, err := s.LastSuccess(ctx); err == nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, i18n.T("drafts.show.last_success", apiclient.Sanitize(l.ID), apiclient.Sanitize(l.Email), draft.When(l.At, f.Now())))
	}
	if backups, _ := s.Backups(); len(backups) > 0 {
		writeBackups(w, backups, f.Now())
	}
	return nil
}

// draftAPI is where the draft's record was to go, as show says it. A
// --sandbox run's draft (its file, backups included, named
// <profile>@sandbox.…; a profile name has no @) went to the built-in
// sandbox, whose port died with that run: it is named, not its URL.
func draftAPI(url, path string) string {
	if strings.Contains(filepath.Base(path), draftName("", true)+".") {
		return i18n.T("drafts.show.builtin_sandbox")
	}
	return apiclient.Sanitize(url)
}

// writeBackups lists the drafts kept aside, newest first.
func writeBackups(w io.Writer, backups []draft.BackupFile, now time.Time) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("drafts.show.kept_aside", draft.KeepBackups, int(draft.BackupMaxAge.Hours()/24)))
	rows := make([][]string, 0, len(backups))
	for _, b := range backups {
		kind := i18n.T("drafts.show.kind_backup")
		if b.Unreadable {
			kind = i18n.T("drafts.show.kind_unreadable")
		}
		rows = append(rows, []string{draft.When(b.At, now), kind, b.Path})
	}
	writeColumns(w, "  ", 2, rows)
}

func draftExportRun(ctx context.Context, opts *DraftShowOptions) error {
	_, d, err := loadDraft(ctx, opts, "export")
	if err != nil {
		return err
	}
	return writeRecord(opts.Factory.IO.Out, d.Submission)
}

// writeRecord prints a record as indented JSON in the body format, without
// HTML escaping, as submit --file reads it.
func writeRecord(w io.Writer, s apiclient.Submission) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
