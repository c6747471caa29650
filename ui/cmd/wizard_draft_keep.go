package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
)

// keeping is how a run keeps the record between sessions, decided before
// the first field and said then, so that what the wizard says on exit can
// never contradict it.
type keeping int

const (
	// keepEncrypted: drafts are saved encrypted under a key in the OS
	// keyring.
	keepEncrypted keeping = iota
	// keepClear: there is no OS keyring at all; drafts are saved unencrypted
	// and the wizard says so.
	keepClear
	// keepNone: no draft is kept in this run (wizardDrafts.why says why);
	// on exit the record can be saved to a file instead.
	keepNone
)

// decide reads (or makes) the draft key now and settles how the run keeps
// the record.
func (w *wizardDrafts) decide(ctx context.Context, store *draft.Store) {
	err := store.Prepare(ctx)
	switch {
	case err == nil:
		w.keep = keepEncrypted
	case errors.Is(err, draft.ErrPlainRefused):
		w.keepNone(i18n.T("drafts.why.plain_refused"), "")
	case errors.Is(err, draft.ErrKeyUnavailable):
		// A keyring is there but gave no key: never clear text instead.
		w.keepNone(keyringWhy(err), unlockNotice(err))
	default: // no OS keyring at all
		w.keep = keepClear
		w.plainPath = store.Path()
		w.opts.Unencrypted = true // a standing state: a badge in the wizard's header

	}
}

// keepNone settles that no draft is kept in this run, and says so before
// the first field: notice when given, else why no draft is kept.
func (w *wizardDrafts) keepNone(why, notice string) {
	w.keep, w.why, w.plainPath, w.opts.Store = keepNone, why, "", nil
	w.opts.Unencrypted = false
	if notice == "" {
		notice = i18n.T("drafts.wizard.none_kept", why)
	}
	w.warn(notice)
}

// unlockNotice is the warning of its own for a keyring that asks to be
// unlocked (locked, or not answering), "" for any other failure.
func unlockNotice(err error) string {
	switch {
	case errors.Is(err, keyring.ErrLocked):
		return i18n.T("drafts.wizard.keyring_locked")
	case errors.Is(err, keyring.ErrTimeout):
		return i18n.T("drafts.wizard.keyring_timeout")
	}
	return ""
}

// keyringWhy says, in the keyring's one wording, why a keyring that is
// there gave no draft key, and what to do about it.
func keyringWhy(err error) string {
	switch s := keyring.Summary(err); {
	case errors.Is(err, keyring.ErrLocked), errors.Is(err, keyring.ErrTimeout):
		return i18n.T("drafts.why.unlock", s)
	case s != "":
		return s
	}
	var ke *draft.KeyError
	if errors.As(err, &ke) {
		return apiclient.Sanitize(i18n.Text(ke))
	}
	return i18n.T("drafts.why.no_draft_key", apiclient.Sanitize(i18n.Text(err)))
}

// reseal encrypts a draft found stored in clear now that drafts are
// encrypted, and says so.
func (w *wizardDrafts) reseal(ctx context.Context, store *draft.Store, d *draft.Draft) {
	if !d.Plain || w.keep != keepEncrypted {
		return
	}
	if err := store.Reseal(ctx, *d); err != nil {
		w.warn(i18n.T("drafts.wizard.not_resealed", apiclient.Sanitize(i18n.Text(err))))
		return
	}
	d.Plain = false
	w.note(i18n.T("drafts.wizard.resealed"))
}

// maxExportTries bounds how often a path is asked for again.
const maxExportTries = 3

// offerExport says, first and plainly, that no draft holds the record, and
// offers to keep it in a file only the user can read, in the `submit
// --file` format that --from opens. On a terminal the agent names the file
// (or takes the one named for them, or drops the record); without one (the
// run was ended by a signal, or there is no terminal) the record goes to the
// named file, unless --no-plain-drafts forbids writing it in clear.
func (w *wizardDrafts) offerExport(ctx context.Context, f *Factory, rec apiclient.Submission, why string) {
	out := f.IO.ErrOut
	fmt.Fprintln(out, i18n.T("drafts.exit.not_kept", why))
	path := exportName(f, w.opts.Profile)
	if !f.IO.InTTY || !f.IO.ErrTTY || ctx.Err() != nil {
		if w.noPlain {
			fmt.Fprintln(out, i18n.T("drafts.exit.lost"))
			return
		}
		w.export(f, path, rec)
		return
	}
	for range maxExportTries {
		fmt.Fprint(out, i18n.T("drafts.exit.offer", apiclient.Sanitize(path))+" ")
		answer, err := readTerminalLine(ctx, f.IO)
		switch a := strings.TrimSpace(answer); {
		case err != nil:
			fmt.Fprintln(out)
			if !w.noPlain {
				w.export(f, path, rec)
			}
			return
		case isNo(a):
			fmt.Fprintln(out, i18n.T("drafts.exit.dropped"))
			return
		case a != "":
			path = expandHome(f, a)
		}
		if w.export(f, path, rec) {
			return
		}
	}
}

// export writes rec to a new file at path (never over a file, never through
// a link, mode 0600) and says where and what next; false when it could not.
func (w *wizardDrafts) export(f *Factory, path string, rec apiclient.Submission) bool {
	if err := writeExport(path, rec); err != nil {
		fmt.Fprintln(f.IO.ErrOut, failed(i18n.T("drafts.exit.not_saved", apiclient.Sanitize(i18n.Text(err)))))
		return false
	}
	fmt.Fprintln(f.IO.ErrOut, i18n.T("drafts.exit.saved", apiclient.Sanitize(path), profileCommand(&GlobalOptions{Profile: w.opts.Profile}, w.opts.Profile)+" --from "+shellWord(path)))
	return true
}

// writeExport writes the record in the body format to a new owner-only
// file.
func writeExport(path string, rec apiclient.Submission) error {
	var buf bytes.Buffer
	if err := writeRecord(&buf, rec); err != nil {
		return err
	}
	file, err := settings.OpenPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return err
	}
	if _, err := file.Write(buf.Bytes()); err != nil {
		file.Close()
		return i18n.Errorf("settings.file.writing", path, err)
	}
	if err := file.Sync(); err != nil {
		file.Close()
		return i18n.Errorf("settings.file.writing", path, err)
	}
	return file.Close()
}

// exportName is the file named for the agent: in the working folder, with
// the profile and the time, e.g. argos-migrate-record-default-20261125-140233.json.
func exportName(f *Factory, profile string) string {
	name := "argos-migrate-record-" + profile + "-" + f.Now().Format("20060102-150405") + ".json"
	if dir, err := os.Getwd(); err == nil {
		return filepath.Join(dir, name)
	}
	return name
}

// expandHome turns a leading ~/ into the home folder, as a shell would.
func expandHome(f *Factory, path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home := f.Getenv("HOME"); home != "" {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// isNo reads a no to a yes/no question: n or no, or the Korean words for
// it, in any case and whatever the run's language, so that an answer works
// in every language.
func isNo(a string) bool {
	for _, no := range []string{"n", "no", i18n.In(i18n.KO, "drafts.exit.no"), i18n.In(i18n.KO, "drafts.exit.no_short")} {
		if strings.EqualFold(a, no) {
			return true
		}
	}
	return false
}
