package cmd

import (
	"context"
	"fmt"
	"strconv"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// attachImages sends the images the row names, once the wizard has
// created its record: with the submission id and the admin and idType the
// wizard sent (the file's row may still hold the admin the server
// refused), journaled as the import journals images, so the results file
// and a rerun know what became of them. It says on the terminal what was
// attached, or why not and what to do.
func (x *rowFix) attachImages(ctx context.Context, s *wizardSession, rec *batch.Record) {
	if !rec.HasImages() {
		return
	}
	out := x.f.IO.ErrOut
	row := strconv.Itoa(x.row)
	c, err := s.currentClient()
	if err != nil {
		x.images = batch.ImagesPending
		fmt.Fprintln(out, i18n.T("import.fix.images_not_sent", row, apiclient.Sanitize(i18n.Text(err))))
		return
	}
	res, jerr := batch.AttachFixed(ctx, c, x.j, rec, x.sent.id, x.sent.fp, x.sent.with, x.src.ImageDir)
	x.images = res.Outcome
	switch res.Outcome {
	case batch.ImagesSent:
		fmt.Fprintln(out, i18n.T("import.fix.images_sent", row, res.Files, apiclient.Sanitize(x.sent.id)))
	case batch.ImagesFailed:
		fmt.Fprintln(out, i18n.T("import.fix.images_failed", row, res.Error(i18n.Language())))
	default:
		fmt.Fprintln(out, i18n.T("import.fix.images_not_sent", row, apiclient.Sanitize(i18n.Text(jerr))))
		return
	}
	if jerr != nil {
		fmt.Fprintln(out, i18n.T("import.fix.images_unjournaled", row, apiclient.Sanitize(i18n.Text(jerr))))
	}
}
