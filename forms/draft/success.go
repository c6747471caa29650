package draft

import (
	"context"
	"slices"
	"strconv"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// LastSuccess is the small record kept after a successful submit, so that
// the next session can say what was created last and, when images chosen
// for it were not attached ("record created, images failed"), offer to
// attach them. It is stored like a draft: owner-only, encrypted when a key
// can be had. It never holds an image, only where the files are.
type LastSuccess struct {
	ID    string    `json:"id"`
	At    time.Time `json:"at"`
	Email string    `json:"email"`
	// Admin and IDType are the record's, which the image call takes again
	// (IDType the one last chosen for its images, if another was);
	// APIURL is where the record was created (images go to the same API).
	Admin  string `json:"admin,omitempty"`
	IDType string `json:"idType,omitempty"`
	APIURL string `json:"apiUrl,omitempty"`
	// Images are the files chosen for the record and not attached yet.
	Images []PendingImage `json:"images,omitempty"`
	// ImagesOutcome is how the last attempt to attach them ended (the
	// failure policy's outcome of an *apiclient.ImageError); its Kind is
	// OutcomeNone when they were chosen and never sent.
	ImagesOutcome Outcome `json:"imagesOutcome,omitzero"`
}

// PendingImage is one image file waiting to be attached: its kind and its
// path, never its bytes (the file is checked again before it is sent).
type PendingImage struct {
	Kind apiclient.ImageKind `json:"kind"`
	Path string              `json:"path"`
}

// ImagesPending reports whether images chosen for the record wait to be
// attached.
func (l LastSuccess) ImagesPending() bool { return l.ID != "" && len(l.ImagePaths()) > 0 }

// ImagePaths are the pending images by kind, as PrepareImages takes them.
// An entry of a kind the image call does not know, or without a path (a
// hand-edited file), is left out.
func (l LastSuccess) ImagePaths() map[apiclient.ImageKind]string {
	paths := map[apiclient.ImageKind]string{}
	for _, p := range l.Images {
		if slices.Contains(apiclient.ImageKinds, p.Kind) && p.Path != "" {
			paths[p.Kind] = p.Path
		}
	}
	return paths
}

// PendingImages lists paths by kind in the image call's order, for
// LastSuccess.Images.
func PendingImages(paths map[apiclient.ImageKind]string) []PendingImage {
	var out []PendingImage
	for _, k := range apiclient.ImageKinds {
		if p := paths[k]; p != "" {
			out = append(out, PendingImage{Kind: k, Path: p})
		}
	}
	return out
}

// Cause is an error the failure policy (apiclient.Classify) reads as it
// read the one the outcome was kept from; false when the outcome is none.
// Wrap it in an *apiclient.ImageError for an outcome of the image call.
func (o Outcome) Cause() (error, bool) {
	switch {
	case o.Status != 0:
		return &apiclient.APIError{Status: o.Status, Code: o.Code, Field: o.Field}, true
	case o.Kind == OutcomeUnknown:
		return apiclient.ErrOutcomeUnknown, true
	case o.Kind == OutcomeNotSent:
		return apiclient.ErrNotSent, true
	case o.Kind == OutcomeRejected && o.Code != "":
		return &apiclient.APIError{Status: 400, Code: o.Code, Field: o.Field}, true
	}
	return nil, false
}

// ImagesLastTry says how the last send of the pending images ended, in the
// failure policy's words: "The images are too large (HTTP 413)"; "" when
// they were never sent.
func (l LastSuccess) ImagesLastTry() string {
	cause, ok := l.ImagesOutcome.Cause()
	if !ok {
		return ""
	}
	f := apiclient.Classify(&apiclient.ImageError{Err: cause}, apiclient.Submission{})
	switch {
	case f.Code != "":
		return i18n.T("drafts.images.last_try", f.Title, apiclient.Sanitize(f.Code))
	case f.Status != 0:
		return i18n.T("drafts.images.last_try", f.Title, "HTTP "+strconv.Itoa(f.Status))
	}
	return f.Title
}

// UpdateSuccess changes the record of the last success if it is still the
// one of submission id, and writes it back: `argos-migrate image` clears
// the pending images it attached, or records how it failed. It returns
// ErrNoDraft, and writes nothing, when the last success is another
// record's or there is none.
func (s *Store) UpdateSuccess(ctx context.Context, id string, change func(*LastSuccess)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ReadOnly {
		return i18n.Errorf("drafts.store.saving_success", ErrReadOnly)
	}
	var l LastSuccess
	if err := s.readLocked(ctx, s.lastPath(), kindLast, &l); err != nil || l.ID != id {
		return ErrNoDraft
	}
	change(&l)
	if err := s.writeLocked(ctx, s.lastPath(), kindLast, l); err != nil {
		return i18n.Errorf("drafts.store.saving_success", err)
	}
	return nil
}
