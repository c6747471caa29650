package accessible

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"argos-migrate/apiclient"
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
	yes, err := s.yesNo("Attach the ID, selfie and address images to "+apiclient.Sanitize(id)+" now?", "the images question")
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
	line := "The record " + apiclient.Sanitize(p.ID) + " (" + apiclient.Sanitize(p.Email) + ") was created, but its images were not attached: " + strings.Join(names, ", ") + "."
	if p.LastTry != "" {
		line += " Last try: " + p.LastTry + "."
	}
	s.println(line)
	if !s.d.Interactive {
		s.println("With answers from a file they are not asked about here: `argos-migrate image` sends them.")
		return nil
	}
	yes, err := s.yesNo("Attach them now?", "the earlier images question")
	if err != nil {
		return err
	}
	if !yes {
		s.println("They are kept for a later run.")
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
			s.println("✗ " + k.Label() + " " + apiclient.Sanitize(filepath.Base(path)) + " " + imageProblem(err) + ": give another file or Enter to skip it.")
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
	s.println("Now the new record.")
	return nil
}

// attachImages asks for the files (those given keep theirs on Enter),
// says what will be sent, and sends on a yes, until the images are
// attached or the operator stops.
func (s *session) attachImages(id, admin, idType string, files []*apiclient.ImageFile) Images {
	out := Images{IDType: idType}
	s.println("Give the path of each image file, a jpg or png (its content is checked, not its name). Enter alone skips an image.")
	for {
		if err := s.askImages(files); err != nil {
			return s.imagesEnded(out, files, err)
		}
		u := apiclient.ImageUpload{SubmissionID: id, Admin: admin}
		for i, k := range apiclient.ImageKinds {
			u.SetFile(k, files[i])
		}
		if len(u.Parts()) == 0 {
			s.println("No image was given; none is sent.")
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
			s.println("Not sent.")
			return s.imagesEnded(out, files, nil)
		}
		for {
			s.println("Sending the images.")
			err := s.d.Attach(s.ctx, u)
			if err == nil {
				out.Attached = attachedNames(u)
				s.println(fmt.Sprintf("✓ Attached %s to submission %s: %s.", countWords(len(u.Parts()), "image"), apiclient.Sanitize(id), out.Attached))
				return out
			}
			var ce *apiclient.ImageCheckError
			if errors.As(err, &ce) {
				// A file changed after its check: ask for it again.
				for _, p := range ce.Problems {
					s.println("✗ Not sent: " + apiclient.Sanitize(p.Error()))
					for i, k := range apiclient.ImageKinds {
						if p.Field == string(k) {
							files[i] = nil
						}
					}
				}
				break
			}
			again, aerr := s.afterImageFailure(id, err)
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
// safe, other files when the server refused these.
func (s *session) afterImageFailure(id string, cause error) (imageNext, error) {
	if errors.Is(cause, context.Canceled) && s.ctx.Err() != nil {
		return stopImages, cause // ctrl+c
	}
	f := apiclient.Classify(cause, apiclient.Submission{})
	s.println("✗ Error: " + f.Title + ".")
	if f.Detail != "" {
		s.println("  Detail: " + f.Detail)
	}
	s.println("The record " + apiclient.Sanitize(id) + " was created; its images were not attached. " + f.Explain)
	if f.MayExist() {
		s.println("! Warning: " + f.Consequence())
	} else {
		s.println(f.Consequence())
	}
	switch {
	case f.Retryable():
		yes, err := s.yesNo("Send the same images again?", "the retry question")
		if err != nil || !yes {
			return stopImages, err
		}
		return retrySame, nil
	case f.Outcome == apiclient.OutcomeRejected && !f.KeyRefused() && f.Field != apiclient.ImageFieldSubmissionID:
		yes, err := s.yesNo("Give other files?", "the files question")
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
			prompt := k.Label() + ", a file path"
			if files[i] != nil {
				prompt += " (Enter keeps " + files[i].Name() + ", - removes it)"
			}
			a, err := s.ask(prompt+": ", k.Label(), func(string) bool { return false })
			if err != nil {
				return err
			}
			a = strings.TrimSpace(a)
			switch {
			case a == "" && files[i] != nil:
				s.println("  kept: " + files[i].Describe())
			case a == "":
			case a == "-":
				files[i] = nil
			default:
				f, cerr := apiclient.CheckImageFile(k, a)
				if cerr != nil {
					if err := s.refuse(k.Label() + " " + apiclient.Sanitize(filepath.Base(a)) + " " + imageProblem(cerr)); err != nil {
						return err
					}
					continue
				}
				files[i] = f
				s.println("  ✓ " + f.Describe() + largeNote(f))
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
	line := fmt.Sprintf("To send: %s, %s, to submission %s for admin %s", countWords(len(parts), "image"),
		apiclient.ByteSize(size), apiclient.Sanitize(u.SubmissionID), apiclient.Sanitize(u.Admin))
	if u.IDType != "" {
		line += ", ID type " + apiclient.Sanitize(u.IDType) + " (the record's)"
	}
	s.println("")
	s.println(line + ": " + strings.Join(parts, "; ") + ".")
	where := apiclient.DestinationOf(s.d.Target.URL, s.d.Target.Sandbox).Phrase()
	return s.yesNo("Send them to "+where+"?", "the images confirmation")
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
		s.println("The images were not sent; the record exists without them.")
	}
	if len(out.Pending) > 0 && s.d.KeepsImages {
		s.println("The files are kept: the next run offers to attach them, and `argos-migrate image` sends them.")
	}
	return out
}

// imageProblem is what a file check said, as a verb phrase.
func imageProblem(err error) string {
	var p *apiclient.ImageProblem
	if errors.As(err, &p) {
		return apiclient.Sanitize(p.Message)
	}
	return apiclient.Sanitize(err.Error())
}

func largeNote(f *apiclient.ImageFile) string {
	if !f.Large() {
		return ""
	}
	return " (above " + apiclient.ByteSize(apiclient.LargeImageBytes) + ", which ARGOS recommends; sent all the same)"
}

func attachedNames(u apiclient.ImageUpload) string {
	var names []string
	for _, p := range u.Parts() {
		names = append(names, p.File.Name())
	}
	return strings.Join(names, ", ")
}

func countWords(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
