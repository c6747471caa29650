package cmd

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// imageLast is what `image` takes from the last success the draft store
// keeps for the profile (the record the wizard or accessible mode created
// last): what the flags leave out, and where to record the outcome.
type imageLast struct {
	store *draft.Store
	last  draft.LastSuccess
	// used: the call is for this record, so its outcome is recorded there.
	used bool
}

// lastSuccess reads the profile's last success; nil when there is none,
// or it cannot be read (no key for it now, say): it only fills defaults.
func lastSuccess(ctx context.Context, f *Factory, g *GlobalOptions) *imageLast {
	store, err := openDraftStore(f, g)
	if err != nil {
		return nil
	}
	l, err := store.LastSuccess(ctx)
	if err != nil || l.ID == "" {
		return nil
	}
	return &imageLast{store: store, last: l}
}

// applyLastSuccess fills what the flags left out from the last success:
// with no --submission, its id; then, whenever the call is for that record,
// its admin when no --admin was given, its pending images when no image
// flag was, and the record's idType for the front or back of the ID when
// no --id-type was. It says on
// stderr what it took. Without a last success, --submission stays required.
func (o *ImageOptions) applyLastSuccess(ctx context.Context) (*imageLast, error) {
	f := o.Factory
	il := lastSuccess(ctx, f, o.Globals)
	if o.SubmissionID == "" {
		if il == nil {
			return nil, usageErrorMsg("commands.image.no_submission", SelectedProfile(f, o.Globals))
		}
		o.SubmissionID = il.last.ID
	}
	if il == nil || il.last.ID != o.SubmissionID {
		return nil, nil
	}
	il.used = true
	l := il.last
	var took []string
	if o.Admin == "" && l.Admin != "" {
		o.Admin = l.Admin
		took = append(took, i18n.T("commands.image.took_admin", apiclient.Sanitize(l.Admin)))
	}
	if !o.namesImages() && l.ImagesPending() {
		paths := l.ImagePaths()
		o.setPaths(paths)
		took = append(took, i18n.T("commands.image.took_images", len(paths), pendingNames(paths)))
	}
	// The idType goes only with the front or back of the ID, which need it.
	if o.IDType == "" && l.IDType != "" && (o.Front != "" || o.Back != "") {
		o.IDType = l.IDType
		took = append(took, i18n.T("commands.image.took_id_type", apiclient.Sanitize(l.IDType)))
	}
	args := []any{SelectedProfile(f, o.Globals), apiclient.Sanitize(l.ID), apiclient.Sanitize(l.Email), draft.When(l.At, f.Now())}
	if len(took) > 0 {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.using_last_took", append(args, strings.Join(took, ", "))...))
	} else {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.using_last", args...))
	}
	return il, nil
}

// namesImages reports whether any image flag was given.
func (o *ImageOptions) namesImages() bool {
	return o.Front != "" || o.Back != "" || o.Selfie != "" || o.AddressProof != ""
}

func (o *ImageOptions) setPaths(paths map[apiclient.ImageKind]string) {
	o.Front, o.Back = paths[apiclient.ImageIDFront], paths[apiclient.ImageIDBack]
	o.Selfie, o.AddressProof = paths[apiclient.ImageSelfie], paths[apiclient.ImageAddressProof]
}

// pendingNames names the files by their base names, cleaned to draw.
func pendingNames(paths map[apiclient.ImageKind]string) string {
	var names []string
	for _, k := range apiclient.ImageKinds {
		if p := paths[k]; p != "" {
			names = append(names, apiclient.Sanitize(filepath.Base(p)))
		}
	}
	return strings.Join(names, ", ")
}

// noteURL says when the record was created at another API than this run's:
// the image call will not find it there.
func (il *imageLast) noteURL(f *Factory, url string) {
	if il == nil || !il.used || il.last.APIURL == "" || il.last.APIURL == url {
		return
	}
	fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.other_api", apiclient.Sanitize(il.last.APIURL), apiclient.Sanitize(url)))
}

// record keeps the call's outcome with the last success when the call was
// for that record: the images attached are no longer pending; after a
// failure the images sent are, with how it ended, so that the next
// `argos-migrate --resume` offers to attach them again. A file refused
// before sending changes nothing: nothing was tried.
func (il *imageLast) record(ctx context.Context, f *Factory, u apiclient.ImageUpload, err error) {
	var ie *apiclient.ImageError
	if il == nil || !il.used || (err != nil && !errors.As(err, &ie)) {
		return
	}
	sent := map[apiclient.ImageKind]string{}
	for _, p := range u.Parts() {
		sent[p.Kind] = absPath(p.File.Path)
	}
	uerr := il.store.UpdateSuccess(ctx, il.last.ID, func(l *draft.LastSuccess) {
		paths := l.ImagePaths()
		for k, p := range sent {
			if err == nil {
				delete(paths, k)
			} else {
				paths[k] = p
			}
		}
		keepImages(l, paths, err, f.Now())
		if l.IDType == "" {
			l.IDType = u.IDType
		}
	})
	if uerr != nil && !errors.Is(uerr, draft.ErrNoDraft) {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.image.not_updated", apiclient.Sanitize(i18n.Text(uerr))))
	}
}

// keepImages sets the images of l that wait to be attached, and how their
// last send ended (err nil: they were not sent, or nothing waits).
func keepImages(l *draft.LastSuccess, pending map[apiclient.ImageKind]string, err error, now time.Time) {
	for k, p := range pending {
		pending[k] = absPath(p)
	}
	l.Images = draft.PendingImages(pending)
	l.ImagesOutcome = draft.Outcome{}
	if err != nil && len(l.Images) > 0 {
		l.ImagesOutcome = draft.OutcomeOf(err, apiclient.Submission{}, now)
	}
}

// absPath is p made absolute, so that a later run from another folder
// finds the file; p itself when that fails.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
