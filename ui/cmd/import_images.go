package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/ui"
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

// imagesLine is the summary's line about the rows' images, as the journal
// has them after this run (the same counts --status gives): there
// whenever a row names an image, a run that sent none included (a rerun
// with nothing left to send); "" when no row names one.
func imagesLine(t batch.Totals) string {
	if t.ImagesSent+t.ImagesFailed+t.ImagesPending == 0 {
		return ""
	}
	return i18n.T("import.images.summary", t.ImagesSent, t.ImagesFailed, t.ImagesPending)
}

// maxImageFailsShown bounds the rows whose images failed that the summary,
// the finished screen and --json name: the results file has every one.
const maxImageFailsShown = 3

// imageFailure is a row whose images were not attached, and why: the
// failure policy's words (the results file's image_error), in the run's
// language and in English for --json.
type imageFailure struct {
	Row    int    `json:"row"`
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error"`
	text   string
}

// keepImageFailure notes a row whose images failed: the first few by
// row, a count of the rest.
func (s *sendJob) keepImageFailure(r *batch.RowResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.imageFails) >= maxImageFailsShown {
		s.moreImages++
		return
	}
	s.imageFails = append(s.imageFails, imageFailure{Row: r.Row, Reason: string(r.ImageFailure.Reason),
		Error: apiclient.Sanitize(r.ImageEnglish()), text: apiclient.Sanitize(r.ImageError)})
}

// imageFailureLines name the rows whose images failed, why, and how many
// more the results file holds, for the plain summary ("" when none).
func (s *sendJob) imageFailureLines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.imageFails) == 0 {
		return nil
	}
	lines := []string{"  " + i18n.T("import.images.failed_title")}
	for _, f := range s.imageFails {
		lines = append(lines, "    "+i18n.T("import.screen.row", strconv.Itoa(f.Row))+"  "+f.text)
	}
	if s.moreImages > 0 {
		lines = append(lines, "    "+i18n.T("import.images.failed_more", s.moreImages))
	}
	return lines
}

// imageFailuresLocked are the rows the finished screen names, and the
// rest; s.mu is held.
func (s *sendJob) imageFailuresLocked() ([]ui.BatchRefusal, int) {
	out := make([]ui.BatchRefusal, len(s.imageFails))
	for i, f := range s.imageFails {
		out[i] = ui.BatchRefusal{Row: f.Row, Status: batch.StatusCreated, Text: f.text}
	}
	return out, s.moreImages
}
