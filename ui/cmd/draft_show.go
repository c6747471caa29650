package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient"
	"argos-migrate/forms"
)

// DraftShowOptions are the inputs of `draft show` and `draft export`.
type DraftShowOptions struct {
	Factory *Factory
	Globals *GlobalOptions
}

// NewCmdDraftShow builds `draft show`: the draft, the identity number masked.
func NewCmdDraftShow(f *Factory, g *GlobalOptions, runF func(context.Context, *DraftShowOptions) error) *cobra.Command {
	opts := &DraftShowOptions{Factory: f, Globals: g}
	return &cobra.Command{
		Use:   "show",
		Short: "Show the profile's draft and what happened to it last (identity number masked)",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return draftShowRun(c.Context(), opts)
		},
	}
}

// NewCmdDraftExport builds `draft export`: the documented JSON body, ready
// for `submit --file`.
func NewCmdDraftExport(f *Factory, g *GlobalOptions, runF func(context.Context, *DraftShowOptions) error) *cobra.Command {
	opts := &DraftShowOptions{Factory: f, Globals: g}
	return &cobra.Command{
		Use:   "export",
		Short: "Print the draft as the migration API's JSON body, for submit --file",
		Long: `Print the draft's record on stdout in the migration API's body format (the same JSON
that submit --file reads), with every value in clear, including the identity number.
The draft itself is left as it is.`,
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
}

// loadDraft reads the selected profile's draft for the read-only commands.
func loadDraft(ctx context.Context, opts *DraftShowOptions) (*forms.DraftStore, forms.Draft, error) {
	s, err := openDraftStore(opts.Factory, opts.Globals)
	if err != nil {
		return nil, forms.Draft{}, err
	}
	d, err := s.Load(ctx)
	if errors.Is(err, forms.ErrNoDraft) {
		return s, d, fmt.Errorf("no draft for profile %q (%s): %w", s.Profile, s.Path(), err)
	}
	return s, d, err
}

func draftShowRun(ctx context.Context, opts *DraftShowOptions) error {
	f := opts.Factory
	s, d, err := loadDraft(ctx, opts)
	if err != nil {
		return err
	}
	w := f.IO.Out
	fmt.Fprintf(w, "Draft of profile %q, saved %s\n", s.Profile, forms.When(d.SavedAt, f.Now()))
	fmt.Fprintf(w, "File:         %s\n", s.Path())
	if d.APIURL != "" {
		fmt.Fprintf(w, "API:          %s\n", apiclient.Sanitize(d.APIURL))
	}
	if sum := d.Outcome.Summary(); sum != "" {
		fmt.Fprintf(w, "Last outcome: %s\n", sum)
		if d.Outcome.Message != "" {
			fmt.Fprintf(w, "              %s\n", apiclient.Sanitize(d.Outcome.Message))
		}
	} else {
		fmt.Fprintln(w, "Last outcome: never sent")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, spec := range apiclient.Fields {
		v := d.Submission.Get(spec.Key)
		if v == "" {
			continue
		}
		if spec.Sensitive {
			v = maskText(v)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", spec.Key, apiclient.Sanitize(v))
	}
	_ = tw.Flush()
	if l, err := s.LastSuccess(ctx); err == nil {
		fmt.Fprintf(w, "\nLast success: %s for %s, %s\n", apiclient.Sanitize(l.ID), apiclient.Sanitize(l.Email), forms.When(l.At, f.Now()))
	}
	return nil
}

// maskText hides a value but keeps separators and its rough length.
func maskText(v string) string {
	var b bytes.Buffer
	for _, r := range v {
		if r == '-' || r == ' ' {
			b.WriteRune(r)
		} else {
			b.WriteRune('•')
		}
	}
	return b.String()
}

func draftExportRun(ctx context.Context, opts *DraftShowOptions) error {
	_, d, err := loadDraft(ctx, opts)
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
