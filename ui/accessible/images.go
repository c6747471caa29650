package accessible

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// AttachFunc sends images to a submission that exists; the real one is
// (*apiclient.Client).AttachImages.
type AttachFunc func(ctx context.Context, u apiclient.ImageUpload) error

// Images is what a session did about the images of the record it created.
type Images struct {
	// Attached names the files attached ("front.jpg, selfie.png"); "" when
	// none was.
	Attached string
	// Pending are the files chosen and not attached, by kind, with IDType
	// and how their last send failed (nil when they were never sent): the
	// caller keeps them with the last success, so that a later run offers
	// them ("record created, images failed").
	Pending map[apiclient.ImageKind]string
	IDType  string
	Err     error
	// Refused is the piped answer that stopped the images (an
	// *AnswerError): the record exists, but the answers were wrong, and
	// the run must not end as if they were fine. nil otherwise.
	Refused error
}

// offerImages asks, once the record exists, whether to attach its images:
// a path for each image (Enter skips it; the file is checked by its
// content at once), what will be sent, a yes, the send, and a failure
// explained through the policy with the next step it allows. The record
// exists whatever happens here, so nothing here fails the session: the end
// of the answers (an answer file written before images existed) simply
// ends it.
func (s *session) offerImages(id string) Images {
	s.println("")
	yes, err := s.yesNo(i18n.T("accessible.images.offer", apiclient.Sanitize(id)), i18n.T("accessible.what.images"))
	if err != nil || !yes {
		return Images{IDType: s.sub.IDType}
	}
	return s.attachImages(id, s.sub.Admin, s.sub.IDType, make([]*apiclient.ImageFile, len(apiclient.ImageKinds)))
}

// Pending is a record created by an earlier run whose images were not
// attached ("record created, images failed").
type Pending struct {
	ID, Email, Admin, IDType string
	Paths                    map[apiclient.ImageKind]string
	// LastTry is how their last send ended, in the failure policy's words;
	// "" when they were never sent.
	LastTry string
}

// offerPending offers, before anything else, the images an earlier run
// could not attach. With piped answers it only says where they wait: a
// question the answer file does not expect would take a line meant for a
// field.
func (s *session) offerPending() error {
	p := s.d.PendingImages
	if p == nil || s.d.Attach == nil || len(p.Paths) == 0 {
		return nil
	}
	var names []string
	for _, k := range apiclient.ImageKinds {
		if path := p.Paths[k]; path != "" {
			names = append(names, apiclient.LowerFirst(k.Label())+" "+apiclient.Sanitize(filepath.Base(path)))
		}
	}
	s.println("")
	line := i18n.T("accessible.pending.line", apiclient.Sanitize(p.ID), apiclient.Sanitize(p.Email), strings.Join(names, ", "))
	if p.LastTry != "" {
		line = i18n.T("accessible.pending.last_try", line, p.LastTry)
	}
	s.println(line)
	if !s.d.Interactive {
		s.println(i18n.T("accessible.pending.piped"))
		return nil
	}
	yes, err := s.yesNo(i18n.T("accessible.pending.offer"), i18n.T("accessible.what.pending"))
	if err != nil {
		return err
	}
	if !yes {
		s.println(i18n.T("accessible.pending.kept"))
		return nil
	}
	files := make([]*apiclient.ImageFile, len(apiclient.ImageKinds))
	for i, k := range apiclient.ImageKinds {
		path := p.Paths[k]
		if path == "" {
			continue
		}
		f, err := apiclient.CheckImageFile(k, path)
		if err != nil {
			s.println(i18n.T("accessible.pending.unusable", fileProblem(k, path, err)))
			continue
		}
		files[i] = f
	}
	res := s.attachImages(p.ID, p.Admin, p.IDType, files)
	s.earlier = &res
	if errors.Is(s.ctx.Err(), context.Canceled) {
		return s.ctx.Err()
	}
	s.println("")
	s.println(i18n.T("accessible.pending.now_new"))
	return nil
}

// attachImages asks for the files (those given keep theirs on Enter),
// says what will be sent, and sends on a yes, until the images are
// attached or the operator stops.
func (s *session) attachImages(id, admin, idType string, files []*apiclient.ImageFile) Images {
	out := Images{IDType: idType}
	s.println(i18n.T("accessible.images.how"))
	for {
		if err := s.askImages(files); err != nil {
			return s.imagesEnded(out, files, err)
		}
		u := apiclient.ImageUpload{SubmissionID: id, Admin: admin}
		for i, k := range apiclient.ImageKinds {
			u.SetFile(k, files[i])
		}
		if len(u.Parts()) == 0 {
			s.println(i18n.T("accessible.images.none"))
			return out
		}
		if u.NeedsIDType() {
			u.IDType = idType
		}
		send, err := s.confirmImages(u)
		if err != nil {
			return s.imagesEnded(out, files, err)
		}
		if !send {
			s.println(i18n.T("accessible.images.not_sent"))
			return s.imagesEnded(out, files, nil)
		}
		for {
			s.println(i18n.T("accessible.images.sending"))
			err := s.d.Attach(s.ctx, u)
			if err == nil {
				out.Attached = attachedNames(u)
				s.println(i18n.T("accessible.images.attached", len(u.Parts()), apiclient.Sanitize(id), out.Attached))
				return out
			}
			var ce *apiclient.ImageCheckError
			if errors.As(err, &ce) {
				// A file changed after its check: ask for it again.
				for _, p := range ce.Problems {
					s.println(i18n.T("accessible.images.changed", apiclient.Sanitize(i18n.Text(p))))
					for i, k := range apiclient.ImageKinds {
						if p.Field == string(k) {
							files[i] = nil
						}
					}
				}
				break
			}
			again, aerr := s.afterImageFailure(id, err, files)
			out.Err = err
			if aerr != nil {
				return s.imagesEnded(out, files, aerr)
			}
			if again == retrySame {
				continue
			}
			if again == chooseAgain {
				break
			}
			return s.imagesEnded(out, files, nil)
		}
	}
}

// What to do after a failed send.
type imageNext int

const (
	stopImages imageNext = iota
	retrySame
	chooseAgain
)

// afterImageFailure explains a failed send in the failure policy's words
// and asks for the next step it allows: the same images again when that is
// safe, other files when the server refused these, naming the one the
// policy blames (Failure.Image) among files, those sent.
func (s *session) afterImageFailure(id string, cause error, files []*apiclient.ImageFile) (imageNext, error) {
	if errors.Is(cause, context.Canceled) && s.ctx.Err() != nil {
		return stopImages, cause // ctrl+c
	}
	f := apiclient.Classify(cause, apiclient.Submission{})
	s.println(i18n.T("accessible.failure.error", f.Title))
	if f.Detail != "" {
		s.println(i18n.T("accessible.failure.detail", f.Detail))
	}
	s.println(i18n.T("accessible.images.failed", apiclient.Sanitize(id), f.Explain))
	if f.MayExist() {
		s.println(i18n.T("accessible.failure.warning", f.Consequence()))
	} else {
		s.println(f.Consequence())
	}
	switch {
	case f.Retryable():
		yes, err := s.yesNo(i18n.T("accessible.images.retry"), i18n.T("accessible.what.retry"))
		if err != nil || !yes {
			return stopImages, err
		}
		return retrySame, nil
	case f.Outcome == apiclient.OutcomeRejected && !f.KeyRefused() && f.Field != apiclient.ImageFieldSubmissionID:
		if i := slices.Index(apiclient.ImageKinds, f.Image); i >= 0 && files[i] != nil {
			id := "accessible.images.blamed_unread"
			if f.Reason == apiclient.ReasonTooLarge {
				id = "accessible.images.blamed_large"
			}
			s.println(i18n.T(id, apiclient.LowerFirst(f.Image.Label()), files[i].Name()))
		}
		yes, err := s.yesNo(i18n.T("accessible.images.other_files"), i18n.T("accessible.what.other_files"))
		if err != nil || !yes {
			return stopImages, err
		}
		return chooseAgain, nil
	}
	return stopImages, nil
}

// askImages asks for each image's path, checking each file at once; a
// refused file is asked again on a terminal, and ends the run with piped
// answers (an *AnswerError). A kind already filled keeps its file on Enter.
func (s *session) askImages(files []*apiclient.ImageFile) error {
	for i, k := range apiclient.ImageKinds {
		for {
			prompt := i18n.T("accessible.images.prompt", k.Label())
			if files[i] != nil {
				prompt = i18n.T("accessible.images.prompt_kept", k.Label(), files[i].Name(), clearWord)
			}
			a, err := s.ask(prompt, k.Label(), func(string) bool { return false })
			if err != nil {
				return err
			}
			a = strings.TrimSpace(a)
			switch {
			case a == "" && files[i] != nil:
				s.println(i18n.T("accessible.images.kept", files[i].Describe()))
			case a == "":
			case fold(a) == clearWord:
				files[i] = nil
			default:
				f, cerr := apiclient.CheckImageFile(k, a)
				if cerr != nil {
					if err := s.refuse(fileProblem(k, a, cerr)); err != nil {
						return err
					}
					continue
				}
				files[i] = f
				s.println(i18n.T("accessible.images.checked", f.Describe()+largeNote(f)))
			}
			break
		}
	}
	return nil
}

// confirmImages says what will be sent, the files by name, type and size,
// never their content, and asks for a yes.
func (s *session) confirmImages(u apiclient.ImageUpload) (bool, error) {
	var parts []string
	var size int64
	for _, p := range u.Parts() {
		parts = append(parts, apiclient.LowerFirst(p.Kind.Label())+" ("+p.File.Describe()+")")
		size += p.File.Size
	}
	line := i18n.T("accessible.images.to_send", len(parts), apiclient.ByteSize(size),
		apiclient.Sanitize(u.SubmissionID), apiclient.Sanitize(u.Admin))
	if u.IDType != "" {
		line = i18n.T("accessible.images.to_send_id_type", line, apiclient.Sanitize(u.IDType))
	}
	s.println("")
	s.println(i18n.T("accessible.images.to_send_line", line, strings.Join(parts, "; ")))
	return s.yesNo(i18n.T("accessible.images.confirm", destination(s.d.Target)), i18n.T("accessible.what.images_confirmation"))
}

// imagesEnded is the way out of the images with files chosen and not
// attached: they are handed back to be kept, and the operator is told.
// err is why (the answers ended, ctrl+c), nil after a no.
func (s *session) imagesEnded(out Images, files []*apiclient.ImageFile, err error) Images {
	out.Pending = map[apiclient.ImageKind]string{}
	for i, k := range apiclient.ImageKinds {
		if f := files[i]; f != nil {
			out.Pending[k] = f.Path
		}
	}
	if errors.Is(err, ErrEndOfInput) || errors.Is(err, ErrRefusedAnswer) {
		s.println(i18n.T("accessible.images.ended"))
	}
	if errors.Is(err, ErrRefusedAnswer) {
		out.Refused = err
	}
	if len(out.Pending) > 0 && s.d.KeepsImages {
		s.println(i18n.T("accessible.images.files_kept"))
	}
	return out
}

// fileProblem says what a file check found: the image, the file's name,
// and the check's words ("Selfie notes.txt is not a JPEG or PNG image").
func fileProblem(k apiclient.ImageKind, path string, err error) string {
	msg := apiclient.Sanitize(i18n.Text(err))
	var p *apiclient.ImageProblem
	if errors.As(err, &p) {
		msg = apiclient.Sanitize(p.Message)
	}
	return i18n.T("accessible.images.problem", k.Label(), apiclient.Sanitize(filepath.Base(path)), msg)
}

func largeNote(f *apiclient.ImageFile) string {
	if !f.Large() {
		return ""
	}
	return i18n.T("accessible.images.large", apiclient.ByteSize(apiclient.LargeImageBytes))
}

func attachedNames(u apiclient.ImageUpload) string {
	var names []string
	for _, p := range u.Parts() {
		names = append(names, p.File.Name())
	}
	return strings.Join(names, ", ")
}
