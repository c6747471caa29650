package batch

import (
	"encoding/csv"
	"io"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// JournalView is what Report reads of a journal: an open *Journal, or a
// *JournalSnapshot.
type JournalView interface {
	Decide(row int, fp string) (Action, RowState)
	Row(row int) RowState
}

// Totals count every row of an input by what has become of it, over every
// run so far.
type Totals struct {
	// RejectsPath is where Report wrote the rejects file, "" when it
	// wrote none; RejectsBeside the path it was asked for when a file
	// there was not this input's (kept, and the rejects written beside).
	RejectsPath   string `json:"-"`
	RejectsBeside string `json:"-"`

	Rows     int `json:"rows"`
	Created  int `json:"created"`
	Changed  int `json:"changedSinceCreated,omitempty"` // of Created: the row changed after
	Fixed    int `json:"fixedInWizard,omitempty"`       // of Created: fixed and sent from the wizard
	Rejected int `json:"rejected"`
	NotSent  int `json:"notSent"`
	Unknown  int `json:"unknown"`
	Invalid  int `json:"invalid"`
	Pending  int `json:"pending"`
	// The rows' images: attached, failed (the record exists without
	// them), or not sent yet (the record not created, or a run stopped
	// first). Rows that name no image count in none of them.
	ImagesSent    int `json:"imagesSent"`
	ImagesFailed  int `json:"imagesFailed"`
	ImagesPending int `json:"imagesPending"`
}

// Outcome is what the journal says of a checked record: what the results
// file's line for it says. It is the same rule as the resume's (Decide).
func Outcome(j JournalView, rec *Record) RowResult {
	r := outcome(j, rec)
	if r.Images == "" {
		r.Images = unsentImages(rec, r.Status)
	}
	return r
}

func outcome(j JournalView, rec *Record) RowResult {
	r := RowResult{Row: rec.Row, Email: rec.Submission.Email}
	if !rec.Valid() && rec.RecordValid() {
		// Only its images fail the check: a record created already stays
		// created (as the send settles it), its images not attached.
		if action, st := j.Decide(rec.Row, rec.Fingerprint()); action == ActionSkip || action == ActionChanged {
			r.Status, r.ID, r.ViaLookup, r.Fixed = StatusCreated, st.ID, st.ViaLookup, st.ViaWizard
			r.setImages(imageOutcomeOf(st.Images, true), st.ImageFailure)
			if !st.Images.Done() {
				r.sayImagesRefused(rec)
			}
			return r
		}
	}
	if !rec.Valid() {
		// The import never sends a row the check refuses, but the wizard
		// may have (the row fixed there): a record that exists, or may,
		// is not "invalid", and must stay out of the rejects file, whose
		// rows are imported again.
		switch st := j.Row(rec.Row); {
		case st.Status == StatusCreated:
			r.Status, r.ID, r.ViaLookup, r.Fixed = StatusCreated, st.ID, st.ViaLookup, st.ViaWizard
			if !r.Fixed {
				r.Changed = true
				r.sayChanged()
			}
			// Its images are the created record's: attached or not as the
			// journal says (their lines name the record the wizard sent).
			r.setImages(imageOutcomeOf(st.Images, rec.HasImages()), st.ImageFailure)
			return r
		case st.Uncertain():
			r.Status, r.Failure, r.Lookup, r.Matches = StatusUnknown, st.Failure, st.Lookup, st.Matches
			if st.Sending {
				r.Failure, r.Lookup = apiclient.FailureRecord{}, ""
			}
			r.sayFailure()
			return r
		}
		r.Status = StatusInvalid
		r.sayRefusal(rec)
		return r
	}
	action, st := j.Decide(rec.Row, rec.Fingerprint())
	switch action {
	case ActionSkip, ActionChanged:
		r.Status, r.ID, r.ViaLookup, r.Fixed = StatusCreated, st.ID, st.ViaLookup, st.ViaWizard
		if action == ActionChanged && !r.Fixed {
			r.Changed = true
			r.sayChanged()
		}
		r.setImages(imageOutcomeOf(st.Images, rec.HasImages()), st.ImageFailure)
		return r
	case ActionLookUp:
		r.Status = StatusUnknown
	default:
		r.Status = st.Status
		if r.Status == "" {
			r.Status = StatusPending
			return r
		}
	}
	r.Failure, r.Lookup, r.Matches = st.Failure, st.Lookup, st.Matches
	if st.Sending {
		r.Failure, r.Lookup = apiclient.FailureRecord{}, ""
	}
	r.sayFailure()
	return r
}

// Report reads the input once more and writes, from the journal, the
// results file (one line per row, in the file's order: an import resumed
// any number of times still has one) and the rejects file (the rows the
// check refused and those the server refused, with the reason beside each,
// to fix and import again). Either path may be "". each, when set, sees
// every row's line. It returns the totals.
func Report(src Source, j JournalView, resultsPath, rejectsPath string, each func(*RowResult)) (Totals, error) {
	var t Totals
	p, err := src.open()
	if err != nil {
		return t, err
	}
	defer p.close()
	var rj *RejectsWriter
	if rejectsPath != "" {
		if rj, err = CreateRejects(rejectsPath); err != nil {
			return t, err
		}
		rj.ImageDir = src.ImageDir
		rj.Owned, rj.Anonymous = src.Owner.Owned, src.Owner.Anonymous
		defer rj.Discard()
	}
	write := func(out io.Writer) error {
		var cw *csv.Writer
		if out != nil {
			cw = csv.NewWriter(out)
			if err := writeResultsHeader(out, cw); err != nil {
				return err
			}
		}
		for {
			rec, err := p.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return i18n.Err("batch.io.read_again_results", err)
			}
			r := Outcome(j, &rec)
			t.add(&r)
			if each != nil {
				each(&r)
			}
			if cw != nil {
				if err := writeResult(cw, &r); err != nil {
					return err
				}
			}
			if rj != nil && (r.Status == StatusInvalid || r.Status == StatusRejected) {
				if r.Status == StatusRejected {
					rec.Problems = []*apiclient.FieldError{{Field: r.Failure.Field, Code: r.Failure.Code, Message: r.Error}}
				}
				rj.Unguard = p.mp.RejectsInput()
				if err := rj.Add(&rec, &p.row); err != nil {
					return err
				}
			}
		}
		if cw != nil {
			cw.Flush()
			return cw.Error()
		}
		return nil
	}
	if resultsPath != "" {
		err = settings.Replace(resultsPath, write)
	} else {
		err = write(nil)
	}
	if err != nil {
		return t, i18n.Err("batch.io.results_write", err)
	}
	if rj != nil {
		n, _, err := rj.Commit(p.rd.Columns(), p.rd.Delimiter(), p.mp.RejectsInput())
		if err != nil {
			return t, err
		}
		if n > 0 {
			t.RejectsPath, t.RejectsBeside = rj.Path(), rj.Beside
		}
	}
	return t, nil
}

func (t *Totals) add(r *RowResult) {
	t.Rows++
	switch r.Images {
	case ImagesSent:
		t.ImagesSent++
	case ImagesFailed:
		t.ImagesFailed++
	case ImagesPending:
		t.ImagesPending++
	}
	switch r.Status {
	case StatusCreated:
		t.Created++
		if r.Changed {
			t.Changed++
		}
		if r.Fixed {
			t.Fixed++
		}
	case StatusRejected:
		t.Rejected++
	case StatusNotSent:
		t.NotSent++
	case StatusUnknown:
		t.Unknown++
	case StatusInvalid:
		t.Invalid++
	default:
		t.Pending++
	}
}
