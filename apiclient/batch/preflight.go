package batch

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"argos-migrate/apiclient"
)

// Checker decides, row after row, whether a record may be sent: the one
// rulebook (apiclient.Validate) after mapping, and no repeat of an earlier
// row's email or user id. Checking the same rows in the same order gives
// the same verdicts, so a sender can check again as it goes rather than
// keep the preflight's verdicts.
type Checker struct {
	today time.Time
	seen  *seenTable
	// ImageDir is the folder relative image paths are read from: the
	// input file's folder (ImageDir), "" for the current one.
	ImageDir string
	// ShownDir, when set, is the folder a message names a relative image
	// path from, in place of ImageDir: the one the import named (the
	// input's folder as given, "." for the current one), so that a later
	// command reading the files from elsewhere (--from FILE --row N, with
	// ImageDir absolute) writes the same words as the import did.
	ShownDir string
}

// NewChecker returns a Checker for an operator whose date is today.
func NewChecker(today time.Time) *Checker {
	return &Checker{today: today, seen: newSeenTable()}
}

// Check adds the rulebook's problems to rec (leaving out a field the mapping
// already found wrong) and flags a repeat. Every row's email and user id are
// remembered, an invalid row's too: once it is fixed and imported from the
// rejects file, a later row with its email would be its duplicate.
func (c *Checker) Check(rec *Record) {
	if err := apiclient.Validate(rec.Submission, c.today); err != nil {
		var ve *apiclient.ValidationError
		if errors.As(err, &ve) {
			mapped := len(rec.Problems)
		next:
			for _, p := range ve.Problems {
				for _, q := range rec.Problems[:mapped] {
					if q.Field == p.Field {
						continue next
					}
				}
				rec.Problems = append(rec.Problems, p)
			}
		}
	}
	c.checkImages(rec)
	if e := emailKey(rec.Submission.Email); e != "" {
		if first := c.seen.check(keyEmail, e, rec.Row); first != 0 && rec.RepeatField == "" {
			rec.RepeatOf, rec.RepeatField = first, apiclient.FieldEmail
		}
	}
	if u := strings.TrimSpace(rec.Submission.UserID); u != "" {
		if first := c.seen.check(keyUserID, u, rec.Row); first != 0 && rec.RepeatField == "" {
			rec.RepeatOf, rec.RepeatField = first, apiclient.FieldUserID
		}
	}
}

// Summary counts a preflight's rows. Total = Valid + Invalid + Repeated: a
// row that breaks a rule and repeats another counts as invalid.
type Summary struct {
	Total    int `json:"total"`
	Valid    int `json:"valid"`
	Invalid  int `json:"invalid"`
	Repeated int `json:"repeated"`
	// Sent counts rows the check refuses that were sent all the same,
	// fixed in the wizard (Preflight.Sent): they are not in the rejects
	// file, whose rows are imported again.
	Sent int `json:"sentFromWizard,omitempty"`
	// Rejects is the path of the rejects file, "" when no row was refused
	// (and then no file was written).
	Rejects string `json:"rejects,omitempty"`
	// StaleRejects is true when a rejects file of an earlier run was at
	// the path and, every row now being valid, was removed.
	StaleRejects bool `json:"staleRejectsRemoved,omitempty"`
	// RejectsBeside is the path asked for the rejects file when a file
	// there was not this input's: it was kept, and Rejects is beside it.
	RejectsBeside string `json:"rejectsKeptBeside,omitempty"`
	// Images describes the image columns, when the input has any.
	Images *ImageSummary `json:"images,omitempty"`
}

// ImageSummary is what a preflight found of the image columns: which
// fields the input fills, and the files that passed the check (never
// their bytes).
type ImageSummary struct {
	Fields []string `json:"fields"`
	Files  int      `json:"files"`
	Bytes  int64    `json:"bytes"`
	// Large counts the files above the size ARGOS recommends (1 MB):
	// sent, with a warning.
	Large int `json:"large"`
	// Refused counts the files that failed the check.
	Refused int `json:"refused"`
}

// imageSummary is the image columns of a mapper's plan, nil when none.
func imageSummary(mp *Mapper) *ImageSummary {
	var out *ImageSummary
	for _, p := range mp.Plan() {
		if p.fills() && isImageColumn(p.Field) && p.How != HowConflict {
			if out == nil {
				out = &ImageSummary{}
			}
			out.Fields = append(out.Fields, p.Field)
		}
	}
	return out
}

// add counts a checked record's image files.
func (s *ImageSummary) add(rec *Record) {
	if s == nil {
		return
	}
	files, bytes, large := rec.ImageStats()
	s.Files, s.Bytes, s.Large = s.Files+files, s.Bytes+bytes, s.Large+large
	for _, p := range rec.Problems[len(rec.Problems)-rec.imageProblems:] {
		if isImageColumn(p.Field) {
			s.Refused++
		}
	}
}

// ImageColumns is what the mapper's plan and the records checked so far
// say of the image columns, nil when the input has none: for --inspect.
func ImageColumns(mp *Mapper, recs []Record) *ImageSummary {
	s := imageSummary(mp)
	for i := range recs {
		s.add(&recs[i])
	}
	return s
}

// Refused is the number of rows in the rejects file.
func (s Summary) Refused() int { return s.Invalid + s.Repeated }

// Preflight reads every row, maps and checks it, and writes the refused
// ones to a rejects file. It sends nothing.
type Preflight struct {
	Reader  *Reader
	Mapper  *Mapper
	Checker *Checker
	// RejectsPath is where the rejects file goes; "" writes none.
	RejectsPath string
	// OnRecord, when set, sees every record after its check, in file
	// order (a progress line, a spool of valid rows); an error stops.
	OnRecord func(*Record) error
	// Sent, when set, reports whether a row was sent already although
	// the file's values break a rule: fixed and sent from the wizard, as
	// the import's journal says (created, or sent with no outcome). Such
	// a row counts in Summary.Sent, not as refused.
	Sent func(row int) bool
	// Owner says which files at RejectsPath are this input's own (see
	// RejectsOwner): only those are replaced or removed.
	Owner RejectsOwner
}

// RejectsOwner says which existing rejects file is an input's own: one
// its journal names (Owned), or, for an input with a name (not
// Anonymous), one whose header is this input's columns then the rejects
// columns.
type RejectsOwner struct {
	Owned     func(path string) bool
	Anonymous bool
}

// Run checks the whole input. A malformed input or a mapping that cannot
// work stops it with an error and leaves no rejects file; so does ctx.
func (p *Preflight) Run(ctx context.Context) (Summary, error) {
	var sum Summary
	var rj *RejectsWriter
	if p.RejectsPath != "" {
		var err error
		if rj, err = CreateRejects(p.RejectsPath); err != nil {
			return sum, err
		}
		rj.ImageDir = p.Checker.ImageDir
		rj.Owned, rj.Anonymous = p.Owner.Owned, p.Owner.Anonymous
		defer rj.Discard() // a no-op once committed
	}
	var row Row
	images := &ImageSummary{}
	for {
		if sum.Total%1024 == 0 && ctx.Err() != nil {
			return sum, ctx.Err()
		}
		err := p.Reader.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, err
		}
		rec, err := p.Mapper.Map(&row, p.Reader.Columns())
		if err != nil {
			return sum, err
		}
		p.Checker.Check(&rec)
		images.add(&rec)
		sum.Total++
		sent := !rec.Valid() && p.Sent != nil && p.Sent(rec.Row)
		switch {
		case sent:
			sum.Sent++
		case rec.Valid():
			sum.Valid++
		case rec.Repeated():
			sum.Repeated++
		default:
			sum.Invalid++
		}
		if !rec.Valid() && !sent && rj != nil {
			rj.Unguard = p.Mapper.RejectsInput()
			if err := rj.Add(&rec, &row); err != nil {
				return sum, err
			}
		}
		if p.OnRecord != nil {
			if err := p.OnRecord(&rec); err != nil {
				return sum, err
			}
		}
	}
	// A JSON input's keys arrive as they first appear: the image columns
	// are known at its end.
	if found := imageSummary(p.Mapper); found != nil {
		images.Fields, sum.Images = found.Fields, images
	}
	if rj != nil {
		n, stale, err := rj.Commit(p.Reader.Columns(), p.Reader.Delimiter(), p.Mapper.RejectsInput())
		if err != nil {
			return sum, err
		}
		if n > 0 {
			sum.Rejects, sum.RejectsBeside = rj.Path(), rj.Beside
		}
		sum.StaleRejects = stale
	}
	return sum, nil
}
