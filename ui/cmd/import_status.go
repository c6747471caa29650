package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
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
	profile := SelectedProfile(f, g)
	if err := settings.CheckProfileName(profile); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	cfg, _, err := f.LoadConfig()
	if err != nil {
		return err
	}
	api := SandboxJournalAPI
	if !g.Sandbox {
		raw, _ := resolveURL(f, g, cfg.Profiles[profile])
		base, err := apiclient.ParseBaseURL(raw)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrUsage, err)
		}
		api = base.String()
	}
	identity, err := batch.InputIdentity(opts.File)
	if err != nil {
		return err
	}
	state, err := settings.StateDir(f.Getenv)
	if err != nil {
		return err
	}
	dir := batch.JournalDir(state, profile, api, identity)
	out := statusJSON{File: opts.File, API: api, Profile: profile, Journal: dir}
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
			// The results and rejects files are named only where they
			// are: a run that refused nothing leaves no rejects file, and
			// either may have been moved since.
			out.Results, out.Rejects = existing(meta.Results), existing(meta.Rejects)
			out.Mapping, out.Encoding = meta.Mapping, meta.Encoding
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
		return i18n.Err("import.err.not_recorded", ErrReported, displayPath(opts.File), out.API, profile)
	}
	return nil
}

// existing is path when a file is there, "" when not.
func existing(path string) string {
	if path == "" {
		return ""
	}
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return ""
	}
	return path
}

func writeStatus(opts *ImportOptions, s statusJSON) {
	w := opts.Factory.IO.Out
	file := apiclient.Sanitize(displayPath(opts.File))
	if opts.Globals.Sandbox {
		// The built-in sandbox has no address of its own to name.
		sandbox := apiclient.Destination{Kind: apiclient.DestinationSandbox}
		fmt.Fprintln(w, i18n.T("import.status.title_sandbox", file, sandbox.Badge(), apiclient.Sanitize(s.Profile)))
	} else {
		dest := apiclient.DestinationOf(s.API, false)
		fmt.Fprintln(w, i18n.T("import.status.title", file, dest.Badge(), dest.Host, apiclient.Sanitize(s.Profile)))
	}
	if !s.Found {
		if opts.Globals.Sandbox {
			fmt.Fprintln(w, i18n.T("import.status.no_journal_sandbox"))
		} else {
			fmt.Fprintln(w, i18n.T("import.status.no_journal"))
		}
		fmt.Fprintln(w, i18n.T("import.status.looked_for", apiclient.Sanitize(s.Journal)))
		return
	}
	line := i18n.T("import.status.runs", s.Runs)
	if s.LastRun != nil {
		line += i18n.T("import.status.last", s.LastRun.Local().Format("2006-01-02 15:04"))
	}
	if s.Running {
		line += i18n.T("import.status.running")
	}
	fmt.Fprintln(w, line)
	c := s.Counts
	rows := []countRow{{label: i18n.T("import.status.created"), n: c.Created}, {label: i18n.T("import.status.rejected"), n: c.Rejected},
		{label: i18n.T("import.status.unknown"), n: c.Unknown + c.Sending}, {label: i18n.T("import.status.not_sent"), n: c.NotSent}}
	if c.ViaLookup > 0 {
		rows[0].note = i18n.T("import.status.by_lookup", c.ViaLookup)
	}
	if c.Unknown+c.Sending > 0 {
		rows[2].note = i18n.T("import.status.unknown_note") // none: nothing may exist
	}
	lines := countLines(rows)
	if c.Sending > 0 {
		lines = append(lines[:3], append([]string{i18n.T("import.status.sending", c.Sending)}, lines[3:]...)...)
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if c.ImagesSent+c.ImagesFailed+c.ImagesSending > 0 {
		fmt.Fprintln(w, i18n.T("import.status.images", c.ImagesSent, c.ImagesFailed, c.ImagesSending))
	}
	fmt.Fprintln(w, i18n.T("import.status.never_sent"))
	for _, f := range []struct{ label, path string }{{"import.label.results", s.Results}, {"import.label.rejects", s.Rejects}} {
		path := i18n.T("import.status.none")
		if f.path != "" {
			path = apiclient.Sanitize(f.path)
		}
		fmt.Fprintln(w, i18n.T(f.label), path)
	}
	fmt.Fprintln(w, i18n.T("import.label.journal"), apiclient.Sanitize(s.Journal))
}
