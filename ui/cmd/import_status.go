package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/settings"
)

// statusJSON is what `import --status --json` prints.
type statusJSON struct {
	File     string              `json:"file"`
	API      string              `json:"api"`
	Profile  string              `json:"profile"`
	Journal  string              `json:"journal"`
	Found    bool                `json:"found"`
	Running  bool                `json:"running"`
	Runs     int                 `json:"runs"`
	LastRun  *time.Time          `json:"lastRun,omitempty"`
	Counts   batch.JournalCounts `json:"counts"`
	Results  string              `json:"results,omitempty"`
	Rejects  string              `json:"rejects,omitempty"`
	Mapping  string              `json:"mapping,omitempty"`
	Encoding string              `json:"encoding,omitempty"`
}

// importStatusRun is `import FILE --status`: what the journal of the
// import of FILE to this API with this profile says, without the key
// (nothing is sent) and without its lock (an import may be running).
func importStatusRun(_ context.Context, opts *ImportOptions) error {
	f, g := opts.Factory, opts.Globals
	if g.Sandbox {
		return usageErrorf("--status with --sandbox: the built-in sandbox starts empty on every run, so its imports keep no journal to show; run `argos-migrate sandbox` and import to its URL")
	}
	profile := SelectedProfile(f, g)
	if err := settings.CheckProfileName(profile); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return err
	}
	raw, _ := resolveURL(f, g, cfg.Profiles[profile])
	base, err := apiclient.ParseBaseURL(raw)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	identity, err := batch.InputIdentity(opts.File)
	if err != nil {
		return err
	}
	state, err := settings.StateDir(f.Getenv)
	if err != nil {
		return err
	}
	dir := batch.JournalDir(state, profile, base.String(), identity)
	out := statusJSON{File: opts.File, API: base.String(), Profile: profile, Journal: dir}
	snap, err := batch.ReadJournal(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	default:
		out.Found, out.Running, out.Runs, out.Counts = true, snap.Running, snap.Runs, snap.Counts
		if !snap.LastRun.IsZero() {
			out.LastRun = &snap.LastRun
		}
		if meta, err := batch.ReadMeta(dir); err == nil {
			out.Results, out.Rejects, out.Mapping, out.Encoding = meta.Results, meta.Rejects, meta.Mapping, meta.Encoding
		}
	}
	if opts.JSON {
		enc := json.NewEncoder(f.IO.Out)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		writeStatus(opts, out)
	}
	if !out.Found {
		return fmt.Errorf("%w: no import of %s to %s with profile %q is recorded", ErrReported, displayPath(opts.File), out.API, profile)
	}
	return nil
}

func writeStatus(opts *ImportOptions, s statusJSON) {
	w := opts.Factory.IO.Out
	dest := apiclient.DestinationOf(s.API, false)
	fmt.Fprintf(w, "Import of %s to %s %s (profile %s)\n", apiclient.Sanitize(displayPath(opts.File)), dest.Badge(), dest.Host, apiclient.Sanitize(s.Profile))
	if !s.Found {
		fmt.Fprintf(w, "  No journal: this file was never imported to this API with this profile (or with --sandbox).\n  Looked for: %s\n", apiclient.Sanitize(s.Journal))
		return
	}
	when := ""
	if s.LastRun != nil {
		when = ", the last at " + s.LastRun.Local().Format("2006-01-02 15:04")
	}
	fmt.Fprintf(w, "  %s%s", plural(s.Runs, "run", "runs"), when)
	if s.Running {
		fmt.Fprint(w, "; an import of it is running now")
	}
	fmt.Fprintln(w)
	c := s.Counts
	fmt.Fprintf(w, "  %s created", commas(c.Created))
	if c.ViaLookup > 0 {
		fmt.Fprintf(w, " (%s found by a lookup after an unknown answer)", commas(c.ViaLookup))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %s rejected by the server\n", commas(c.Rejected))
	fmt.Fprintf(w, "  %s unknown: they may exist; the next run looks them up first\n", commas(c.Unknown+c.Sending))
	if c.Sending > 0 {
		fmt.Fprintf(w, "    (%s of them were being sent when a run ended)\n", commas(c.Sending))
	}
	fmt.Fprintf(w, "  %s not sent\n", commas(c.NotSent))
	fmt.Fprintln(w, "  (rows never sent are not in the journal; the results file lists every row)")
	if s.Results != "" {
		fmt.Fprintf(w, "Results: %s\n", apiclient.Sanitize(s.Results))
	}
	if s.Rejects != "" {
		fmt.Fprintf(w, "Rejects: %s\n", apiclient.Sanitize(s.Rejects))
	}
	fmt.Fprintf(w, "Journal: %s\n", apiclient.Sanitize(s.Journal))
}
