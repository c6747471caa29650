package apiclient

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"io"
	"mime/multipart"
	"os"
)

// imageBody is the multipart form of one upload, written as it is read: a
// goroutine writes the form into a pipe, reading each image from its file
// and base64-encoding it straight into its part. What it holds at any time
// is a few small buffers (measured in TestAttachImagesMemoryIsBounded),
// whatever the size of the images; nothing is read before it is sent.
type imageBody struct {
	u        ImageUpload
	boundary string
	// length is the exact size of the form, worked out before sending
	// without reading the images (their base64 length follows from their
	// size), so the request has a Content-Length rather than chunks.
	length int64
}

// bodyBuffer is what the writer gathers before each hand-over to the
// transport: few hand-overs, little memory.
const bodyBuffer = 32 << 10

func newImageBody(u ImageUpload) (*imageBody, error) {
	b := &imageBody{u: u, boundary: multipart.NewWriter(io.Discard).Boundary()}
	var n countingWriter
	err := b.write(&n, func(_ io.Writer, p ImagePart) error {
		n += countingWriter(p.File.EncodedSize())
		return nil
	})
	b.length = int64(n)
	return b, err
}

// contentType is the header that names the form's boundary.
func (b *imageBody) contentType() string { return "multipart/form-data; boundary=" + b.boundary }

// open starts writing the form and returns its reading end. The transport
// always closes it, even when it never reads it; the writer then stops.
func (b *imageBody) open() io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, bodyBuffer)
		err := b.write(bw, encodeImage)
		if err == nil {
			err = bw.Flush()
		}
		pw.CloseWithError(err) // nil closes with io.EOF
	}()
	return pr
}

// write writes the form to w: the text fields, then each image through
// image (which writes its part's content), in the vendor's order.
func (b *imageBody) write(w io.Writer, image func(io.Writer, ImagePart) error) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(b.boundary); err != nil {
		return err
	}
	fields := [][2]string{{ImageFieldSubmissionID, b.u.SubmissionID}, {ImageFieldAdmin, b.u.Admin}}
	if b.u.IDType != "" {
		fields = append(fields, [2]string{ImageFieldIDType, b.u.IDType})
	}
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	for _, p := range b.u.Parts() {
		part, err := mw.CreateFormField(string(p.Kind))
		if err != nil {
			return err
		}
		if err := image(part, p); err != nil {
			return err
		}
	}
	return mw.Close()
}

// encodeImage streams one image file into its part as base64. The file is
// read again here, not when it was checked, so it is refused if it is no
// longer the file that passed CheckImageFile (replaced, grown, shrunk,
// edited): its hash is compared at the end of its part, and a mismatch
// stops the form before its closing boundary, which no server can read as
// complete. What is attached is always what was checked.
func encodeImage(w io.Writer, p ImagePart) error {
	f := p.File
	changed := func(msg text, err error) error { return imageProblem(string(p.Kind), f.Path, msg, err) }
	file, err := os.Open(f.Path)
	if err != nil {
		return changed(fileErrorWords(err), err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return changed(fileErrorWords(err), err)
	}
	if !os.SameFile(st, f.info) || st.Size() != f.Size {
		return changed(say("images.file.changed_after"), nil)
	}
	src := &hashingReader{r: io.LimitReader(file, f.Size+1), h: sha256.New()}
	enc := base64.NewEncoder(base64.StdEncoding, w)
	n, err := io.Copy(enc, src)
	switch {
	case src.err != nil:
		return changed(fileErrorWords(src.err), src.err)
	case err != nil:
		return err // the pipe was closed: the request is over
	case n != f.Size || [32]byte(src.h.Sum(nil)) != f.SHA256:
		return changed(say("images.file.changed_sending"), nil)
	}
	return enc.Close()
}

// hashingReader hashes what is read through it and remembers a failure to
// read the file itself (as opposed to the pipe's).
type hashingReader struct {
	r   io.Reader
	h   hash.Hash
	err error
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	if err != nil && err != io.EOF {
		h.err = err
	}
	return n, err
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
