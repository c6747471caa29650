package batch

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// Image columns: a row may name, besides its record, the image files to
// attach to the submission once it exists (PUT /v3/submission/image):
// idImage, idBackImage, selfieImage and addressImage, each a file path,
// relative to the input file's folder (Checker.ImageDir) unless absolute.
// An empty cell is no image of that kind. The paths are not part of the
// record (nor of its fingerprint): adding image columns to an input
// imported already sends the images of its created rows, nothing else.

// imageKinds are the image columns' fields, in the vendor's order: the
// index of a kind here is its slot in Record.Images.
var imageKinds = apiclient.ImageKinds

// imageSlot is the slot of an image field in Record.Images, or -1 when
// field is not an image field.
func imageSlot(field string) int {
	return slices.IndexFunc(imageKinds, func(k apiclient.ImageKind) bool { return string(k) == field })
}

// isImageColumn reports whether field is one of the image columns' fields
// (idImage, idBackImage, selfieImage, addressImage).
func isImageColumn(field string) bool { return imageSlot(field) >= 0 }

// HasImages reports whether the record names at least one image file.
func (r *Record) HasImages() bool {
	for _, p := range r.Images {
		if p != "" {
			return true
		}
	}
	return false
}

// ImagePaths are the record's image files by kind, each resolved against
// dir (see ResolveImagePath); kinds without a file are left out.
func (r *Record) ImagePaths(dir string) map[apiclient.ImageKind]string {
	out := map[apiclient.ImageKind]string{}
	for i, p := range r.Images {
		if p != "" {
			out[imageKinds[i]] = ResolveImagePath(dir, p)
		}
	}
	return out
}

// ResolveImagePath is the file an image cell names: itself when absolute,
// else relative to dir (the input file's folder; for standard input, the
// folder the command runs in).
func ResolveImagePath(dir, p string) string {
	if filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

// ImageDir is the folder an input's relative image paths are read from:
// the input file's folder, or "" (the current folder) for standard input.
func ImageDir(input string) string {
	if input == "" || input == "-" {
		return ""
	}
	return filepath.Dir(input)
}

// imageMessage is what an image check says is wrong with a file, as an
// argument of a message: in the run's language, or in English.
type imageMessage struct{ p *apiclient.ImageProblem }

func (m imageMessage) Error() string { return m.p.MessageIn(i18n.EN) }

// In is the message in language l.
func (m imageMessage) In(l i18n.Lang) string { return m.p.MessageIn(l) }

// checkImages checks every image file the record names with the image
// command's own check (apiclient.CheckImageFile: the type by its bytes,
// readable, not empty, not above apiclient.MaxImageBytes), and the image
// call's rule that the ID's images go with an idType. Each finding is a
// problem of the record at the image's field; the files that pass are
// counted (Record.ImageStats).
func (c *Checker) checkImages(rec *Record) {
	if !rec.HasImages() {
		return
	}
	needsIDType := false
	for i, p := range rec.Images {
		if p == "" {
			continue
		}
		k := imageKinds[i]
		needsIDType = needsIDType || k.NeedsIDType()
		f, err := apiclient.CheckImageFile(k, ResolveImagePath(c.ImageDir, p))
		if err != nil {
			var ip *apiclient.ImageProblem
			if !errors.As(err, &ip) {
				ip = &apiclient.ImageProblem{Field: string(k), Path: ResolveImagePath(c.ImageDir, p), Message: apiclient.Sanitize(err.Error()), Err: err}
			}
			shown := ip.Path
			if c.ShownDir != "" && !filepath.IsAbs(p) {
				shown = ResolveImagePath(c.ShownDir, p)
			}
			rec.addImageProblem(string(k), i18n.Err("batch.images.problem", apiclient.Sanitize(shown), imageMessage{ip}))
			continue
		}
		rec.imageFiles++
		rec.imageBytes += f.Size
		if f.Large() {
			rec.largeImages++
		}
	}
	// The record's rulebook requires an idType too: one problem is enough.
	if needsIDType && strings.TrimSpace(rec.Submission.IDType) == "" && !slices.ContainsFunc(rec.Problems,
		func(p *apiclient.FieldError) bool { return p.Field == apiclient.FieldIDType }) {
		rec.addImageProblem(apiclient.FieldIDType, i18n.Err("images.rule.id_type_required", idTypeList()))
	}
}

func idTypeList() string {
	values := make([]string, len(apiclient.IDTypes))
	for i, o := range apiclient.IDTypes {
		values[i] = o.Value
	}
	return strings.Join(values, ", ")
}

// addImageProblem adds a problem of the record's images, in words of the
// catalog, after the rulebook's problems.
func (r *Record) addImageProblem(field string, words *i18n.Error) {
	for len(r.said) < len(r.Problems) {
		r.said = append(r.said, nil)
	}
	r.Problems = append(r.Problems, &apiclient.FieldError{Field: field, Code: apiclient.CodeInvalidParameter, Message: words.Error()})
	r.said = append(r.said, words)
	r.imageProblems++
}

// RecordValid reports whether the record itself may be sent: its only
// problems, if any, are its images'. A created record stays created when
// an image file breaks later: only its images fail.
func (r *Record) RecordValid() bool {
	return r.RepeatField == "" && len(r.Problems) == r.imageProblems
}

// ImageStats are the image files a record names that passed the check:
// how many, their bytes, and how many are above the size ARGOS
// recommends.
func (r *Record) ImageStats() (files int, bytes int64, large int) {
	return r.imageFiles, r.imageBytes, r.largeImages
}
