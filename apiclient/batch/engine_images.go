package batch

import (
	"context"
	"errors"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// ImageAPI is what an import needs of the client to attach a row's
// images: *apiclient.Client. An API without it sends no images.
type ImageAPI interface {
	AttachImages(ctx context.Context, u apiclient.ImageUpload) error
}

// imagesNext makes j's next step the PUT of its images, once its record
// exists (created now, found by the lookup, or in an earlier run): r is
// the row's result, settled when the images are. It settles r at once
// when the row names no image or they were attached already.
func (e *Engine) imagesNext(j *job, r *RowResult, id, fp string, st ImageState) {
	if !j.rec.HasImages() || st.Done() {
		r.setImages(imageOutcomeOf(st, j.rec.HasImages()), apiclient.FailureRecord{})
		e.settle(r)
		return
	}
	j.done, j.id, j.cfp, j.imgState = r, id, fp, st
	j.notSent, j.throttled = 0, 0
	r.setImages(ImagesPending, apiclient.FailureRecord{})
	e.sendImages(j)
}

// sendImages sends j's images in one PUT /v3/submission/image with the
// record's submission id, admin and idType, through the client the image
// command uses, paced as the records are (each call counts against the
// API's rate limit) by the worker that holds the row. The files are
// checked again first: one that changed since the preflight (or while it
// streams) fails the row's images, never its record. Re-sending images
// replaces them (the call adds or overwrites), so images cut short by a
// crash are simply sent again; a record is never sent again because its
// images failed.
func (e *Engine) sendImages(j *job) {
	api, ok := e.API.(ImageAPI)
	if !ok {
		e.finish(j)
		return
	}
	with, ok := ImagesWith(&j.rec, j.prior, j.fp)
	if j.with != nil {
		with, ok = *j.with, true
	}
	if !ok {
		e.imagesFailed(j, wizardValuesFailure())
		return
	}
	s := with.apply(j.rec.Submission)
	u, err := imageUpload(&j.rec, j.id, with, e.Source.ImageDir)
	if err != nil {
		e.imagesFailed(j, fileFailure(err))
		return
	}
	if err := e.pace.wait(e.stopCtx); err != nil {
		e.finish(j) // stopped before it left: the images stay pending
		return
	}
	if err := e.Journal.ImagesSending(j.rec.Row, j.cfp); err != nil {
		e.halt(StopJournal, err)
		e.finish(j)
		return
	}
	j.imgState = ImageStateSending
	if err := e.pace.hold(e.stopCtx); err != nil {
		e.finish(j)
		return
	}
	err = api.AttachImages(e.runCtx, u)
	if err != nil && e.aborted.Load() {
		e.finish(j) // abandoned: the journal keeps "images_sending"
		return
	}
	if err == nil {
		e.pace.answered()
		e.streak.Store(0)
		if werr := e.Journal.ImagesSent(j.rec.Row, j.cfp); werr != nil {
			e.halt(StopJournal, werr)
		}
		j.imgState = ImageStateSent
		j.done.setImages(ImagesSent, apiclient.FailureRecord{})
		e.settleImages(j)
		return
	}
	var ce *apiclient.ImageCheckError
	if errors.As(err, &ce) {
		e.imagesFailed(j, fileFailure(err))
		return
	}
	f := apiclient.Classify(err, s)
	switch {
	case f.Reason == apiclient.ReasonRateLimited:
		wait := e.pace.throttled(f.RetryAfter)
		e.emit(Event{Kind: EventWait, Wait: wait})
		if j.throttled++; j.throttled < maxThrottled {
			e.later(j, 0)
			return
		}
	case f.Retryable():
		// Nothing reached the server, or the images may have been
		// attached: sending them again replaces them.
		e.failedRequest(f)
		if j.notSent++; j.notSent < e.Retries {
			e.later(j, e.backoff(j.notSent))
			return
		}
	default:
		e.pace.answered()
		e.streak.Store(0)
	}
	e.imagesFailed(j, f.Record())
}

// imagesFailed journals why j's images were not attached and settles the
// row: its record stays created.
func (e *Engine) imagesFailed(j *job, fr apiclient.FailureRecord) {
	if err := e.Journal.ImagesFailed(j.rec.Row, j.cfp, fr); err != nil {
		e.halt(StopJournal, err)
	}
	j.imgState = ImageStateFailed
	j.done.setImages(ImagesFailed, fr)
	e.settleImages(j)
}

// settleImages settles the row whose images are done with.
func (e *Engine) settleImages(j *job) {
	r := j.done
	j.done = nil
	e.settle(r)
}

// fileFailure is the journal's words for images not sent because a file
// no longer passed the check: the first file named, nothing sent.
func fileFailure(err error) apiclient.FailureRecord {
	fr := apiclient.FailureRecord{Reason: reasonImageFile, Outcome: apiclient.OutcomeNotSent, Images: true}
	var ce *apiclient.ImageCheckError
	if errors.As(err, &ce) && len(ce.Problems) > 0 {
		fr.Field = ce.Problems[0].Field
	}
	return fr
}

// ImagesWith is the admin and idType the images of rec's record go with:
// those it was created with. For a record the import created, the row's.
// For one sent from the wizard, what the wizard sent (the journal keeps
// it, as it does for a wizard's record a lookup found): the file's row
// may still hold the admin the server refused. ok is
// false for a record sent from the wizard by a version that did not keep
// them, and whose row now differs from it: no value is guessed, the
// images are not sent (the operator attaches them with the image command).
func ImagesWith(rec *Record, prior RowState, fp string) (SentWith, bool) {
	if prior.Status == StatusCreated && prior.SentWith != nil {
		return *prior.SentWith, true
	}
	if prior.Status == StatusCreated && prior.ViaWizard {
		if prior.Fingerprint != fp {
			return SentWith{}, false
		}
	}
	return SentWith{Admin: rec.Submission.Admin, IDType: rec.Submission.IDType}, true
}

// apply is s with the admin and idType of w.
func (w SentWith) apply(s apiclient.Submission) apiclient.Submission {
	s.Admin, s.IDType = w.Admin, w.IDType
	return s
}

// imageUpload is the PUT of rec's images: submission id, the admin and
// idType the record was created with, the row's files read from dir. The
// import and the wizard's fix of a row both build it here.
func imageUpload(rec *Record, id string, with SentWith, dir string) (apiclient.ImageUpload, error) {
	return apiclient.PrepareImages(id, with.Admin, with.IDType, rec.ImagePaths(dir))
}

// wizardValuesFailure is the journal's words for images not sent because
// the record was sent from the wizard with values the journal does not
// have: nothing was sent.
func wizardValuesFailure() apiclient.FailureRecord {
	return apiclient.FailureRecord{Reason: reasonWizardValues, Outcome: apiclient.OutcomeNotSent, Images: true}
}

// FixedImages is what became of the images of a row fixed in the wizard,
// attached right after the wizard created its record.
type FixedImages struct {
	Outcome ImageOutcome
	Failure apiclient.FailureRecord
	Files   int
}

// Error is why the images were not attached, in language l ("" when they
// were).
func (f FixedImages) Error(l i18n.Lang) string {
	if f.Outcome != ImagesFailed {
		return ""
	}
	return ImageErrorText(l, f.Failure)
}

// AttachFixed attaches the images of rec (a row fixed in the wizard) to
// the submission id the wizard created with fp (its fingerprint) and the
// admin and idType it sent, journaled as the import journals a row's
// images (images_sending before the PUT, images_sent or images_failed
// after), so that a rerun sends only what failed, with the same values.
// One attempt: a failure is journaled and said; the import's rerun sends
// the images again. A journal that cannot be written returns its error
// and sends nothing more.
func AttachFixed(ctx context.Context, api ImageAPI, j *Journal, rec *Record, id, fp string, with SentWith, dir string) (FixedImages, error) {
	out := FixedImages{Outcome: ImagesNone}
	if !rec.HasImages() {
		return out, nil
	}
	out.Files = len(rec.ImagePaths(dir))
	fail := func(fr apiclient.FailureRecord) (FixedImages, error) {
		out.Outcome, out.Failure = ImagesFailed, fr
		return out, j.ImagesFailed(rec.Row, fp, fr)
	}
	u, err := imageUpload(rec, id, with, dir)
	if err != nil {
		return fail(fileFailure(err))
	}
	if err := j.ImagesSending(rec.Row, fp); err != nil {
		out.Outcome = ImagesPending
		return out, err
	}
	err = api.AttachImages(ctx, u)
	if err == nil {
		out.Outcome = ImagesSent
		return out, j.ImagesSent(rec.Row, fp)
	}
	var ce *apiclient.ImageCheckError
	if errors.As(err, &ce) {
		return fail(fileFailure(err))
	}
	return fail(apiclient.Classify(err, with.apply(rec.Submission)).Record())
}
