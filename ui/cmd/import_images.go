package cmd

import (
	"fmt"
	"io"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// writeImageSummary says what the check found of the image columns: the
// fields, how many files and how big (never their bytes), how many are
// above the size ARGOS recommends, how many were refused.
func writeImageSummary(w io.Writer, s *batch.ImageSummary) {
	if s == nil {
		return
	}
	fmt.Fprintln(w, i18n.T("import.images.found", strings.Join(s.Fields, ", "), s.Files, apiclient.ByteSize(s.Bytes)))
	if s.Large > 0 {
		fmt.Fprintln(w, i18n.T("import.images.large", s.Large, apiclient.ByteSize(apiclient.LargeImageBytes)))
	}
	if s.Refused > 0 {
		fmt.Fprintln(w, i18n.T("import.images.refused", s.Refused))
	}
}

// imageNotice says, once per run that sends images with a profile whose
// secure data transmission is on, that the image call goes without it,
// as the image command does: the vendor documents the option for JSON
// bodies, and the image call as plain multipart/form-data. It reports
// whether it said so ("encryption": "not_applied" in the --json summary).
func (s *sendJob) imageNotice() bool {
	if !s.target.Encrypted || s.plan.ImageFiles == 0 {
		return false
	}
	note := i18n.T("commands.image.not_encrypted")
	if strings.HasPrefix(s.target.URL, "https://") {
		note = i18n.T("commands.image.not_encrypted_tls")
	}
	fmt.Fprintln(s.f.IO.ErrOut, note)
	return true
}

// imagesLine is the summary's line about this run's images, "" when it
// sent none.
func imagesLine(c batch.Counts, t batch.Totals) string {
	if c.ImagesSent+c.ImagesFailed+t.ImagesPending == 0 {
		return ""
	}
	return i18n.T("import.images.summary", c.ImagesSent, c.ImagesFailed, t.ImagesPending)
}
