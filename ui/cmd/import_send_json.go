package cmd

import (
	"errors"
	"time"

	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
)

// sendSummary is the last object `import --json` prints.
type sendSummary struct {
	Type     string         `json:"type"` // "summary"
	OK       bool           `json:"ok"`
	File     string         `json:"file"`
	Format   string         `json:"format,omitempty"`
	Encoding string         `json:"encoding,omitempty"`
	API      string         `json:"api,omitempty"`
	Profile  string         `json:"profile,omitempty"`
	Check    *batch.Summary `json:"check,omitempty"`
	// Totals count every row by what has become of it, over every run.
	Totals *batch.Totals `json:"totals,omitempty"`
	// Run counts what this run did.
	Run       *runJSON `json:"run,omitempty"`
	Stopped   string   `json:"stopped,omitempty"`
	Seconds   float64  `json:"seconds"`
	PerSecond float64  `json:"perSecond,omitempty"`
	Results   string   `json:"results,omitempty"`
	Rejects   string   `json:"rejects,omitempty"`
	Journal   string   `json:"journal,omitempty"`
	// ImageFailures name the first rows whose images were not attached
	// (their records exist) and why; MoreImageFailures counts the rest,
	// in the results file. The next step is in Message.
	ImageFailures     []imageFailure `json:"imageFailures,omitempty"`
	MoreImageFailures int            `json:"moreImageFailures,omitempty"`
	// Encryption is "not_applied" when the profile has secure data
	// transmission on and the run sent images: the image call goes plain.
	Encryption string `json:"encryption,omitempty"`
	ExitCode   int    `json:"exitCode"`
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	Line       int    `json:"line,omitempty"`
}

// runJSON is what one run did.
type runJSON struct {
	ToSend        int `json:"toSend"`
	Created       int `json:"created"`
	FoundByLookup int `json:"foundByLookup"`
	Rejected      int `json:"rejected"`
	Unknown       int `json:"unknown"`
	NotSent       int `json:"notSent"`
	Pending       int `json:"pending"`
	Earlier       int `json:"createdEarlier"`
	Changed       int `json:"changedSinceCreated"`
	Invalid       int `json:"invalid"`
	// Rows whose images this run attached, or failed to (their record
	// stays created).
	ImagesSent   int `json:"imagesSent"`
	ImagesFailed int `json:"imagesFailed"`
}

func newRunJSON(c batch.Counts) *runJSON {
	return &runJSON{ToSend: c.ToSend, Created: c.Created, FoundByLookup: c.FoundByLookup, Rejected: c.Rejected,
		Unknown: c.Unknown, NotSent: c.NotSent, Pending: c.Pending, Earlier: c.Earlier, Changed: c.Changed, Invalid: c.Invalid,
		ImagesSent: c.ImagesSent, ImagesFailed: c.ImagesFailed}
}

// finish fills the outcome in from the run's error, its message in
// English whatever the run's language.
func (s *sendSummary) finish(err error, took time.Duration) {
	s.Seconds = took.Seconds()
	if s.Run != nil && took > 0 {
		// Records that reached the server, as the summary's "sent": not
		// those it could not be reached for.
		s.PerSecond = float64(s.Run.Created+s.Run.Rejected+s.Run.Unknown) / took.Seconds()
	}
	s.OK = err == nil
	if err == nil {
		return
	}
	var ir *ImportResultError
	if errors.As(err, &ir) {
		s.ExitCode, s.Message = ir.Code, ir.English()
		s.Code = map[int]string{importExitRefused: "refused", importExitUnknown: "unknown", importExitStopped: "stopped"}[ir.Code]
		if ir.Images {
			s.Code = "images_failed"
		}
		return
	}
	s.Code, s.Message = importErrorCode(err), i18n.EnglishOf(err)
	s.ExitCode = ExitCodeOf(err) // the code the process exits with
	var ie *batch.InputError
	var me *batch.MappingError
	switch {
	case errors.As(err, &ie):
		s.Line = ie.Line
	case errors.As(err, &me):
		s.Line = me.Line
	}
}
