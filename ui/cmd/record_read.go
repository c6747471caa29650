package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// readRecord loads a record for submit --file ("-" is standard input). It
// can be stopped: a FIFO with no writer blocks in open, a terminal or an
// idle pipe in read, and ctrl+c or SIGTERM must still end the run, with
// nothing sent.
func readRecord(ctx context.Context, f *Factory, path string) (apiclient.Submission, error) {
	if path == "-" && f.IO.InTTY {
		fmt.Fprintln(f.IO.ErrOut, i18n.T("commands.record.paste"))
	}
	sub, err := decodeRecordFrom(ctx, f, path)
	var fe *apiclient.FileError
	if errors.As(err, &fe) {
		return sub, err // it names the file
	}
	if err != nil {
		return sub, i18n.Errorf("commands.record.reading", pathArg(path), err)
	}
	return sub, nil
}

// decodeRecordFrom opens path (or takes standard input for "-") and decodes
// one record from it, giving up as soon as ctx ends. A folder is a usage
// mistake (exit 2), found before anything blocks.
func decodeRecordFrom(ctx context.Context, f *Factory, path string) (apiclient.Submission, error) {
	open := func() (io.ReadCloser, error) { return io.NopCloser(f.IO.In), nil }
	if path != "-" {
		info, err := os.Stat(path)
		if err != nil {
			return apiclient.Submission{}, usageError(apiclient.OpenError(path, err))
		}
		if info.IsDir() {
			return apiclient.Submission{}, usageErrorMsg("commands.record.folder", path)
		}
		open = func() (io.ReadCloser, error) {
			file, err := os.Open(path)
			if err != nil {
				return nil, usageError(apiclient.OpenError(path, err))
			}
			return file, nil
		}
	}
	return whileNotCancelled(ctx, pathArg(path), func() (apiclient.Submission, error) {
		r, err := open()
		if err != nil {
			return apiclient.Submission{}, err
		}
		defer r.Close()
		return apiclient.DecodeSubmission(r)
	})
}

// whileNotCancelled runs read, which may block in a system call nothing can
// interrupt (open on a FIFO, read on a terminal), and returns its result, or
// ErrCancelled as soon as ctx ends. The abandoned read ends with the process.
// what names what was read: a path, or an i18n.Msg.
func whileNotCancelled[T any](ctx context.Context, what any, read func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := read()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, i18n.Errorf("commands.cancelled.waiting", ErrCancelled, what)
	}
}

// cancellableReader reads r until ctx ends. A read still blocked then (a
// pipe nobody writes to, a terminal) is abandoned, to end with the
// process, and every read after it says the run was cancelled: a signal
// must stop a command that waits for its input.
type cancellableReader struct {
	ctx  context.Context
	r    io.Reader
	what any // what is read, as pathArg names it
	buf  []byte
	done chan readResult
	err  error // once cancelled
}

type readResult struct {
	n   int
	err error
}

func newCancellableReader(ctx context.Context, r io.Reader, what any) *cancellableReader {
	return &cancellableReader{ctx: ctx, r: r, what: what, done: make(chan readResult, 1)}
}

func (c *cancellableReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	// The read goes into a buffer of its own: one abandoned may still
	// write into it, never into p.
	buf := c.buf[:len(p)]
	go func() {
		n, err := c.r.Read(buf)
		c.done <- readResult{n, err}
	}()
	select {
	case r := <-c.done:
		return copy(p, buf[:r.n]), r.err
	case <-c.ctx.Done():
		c.err = i18n.Errorf("commands.cancelled.waiting", ErrCancelled, c.what)
		return 0, c.err
	}
}

// displayPath is a file as messages name it: its path, sanitized, or "standard
// input" for "-", in the run's language.
func displayPath(p string) string {
	if p == "-" {
		return i18n.T("commands.record.stdin")
	}
	return apiclient.Sanitize(p)
}

// pathArg is a file as an i18n.Errorf argument names it: its path, or
// "standard input" for "-", said in the error's language.
func pathArg(p string) any {
	if p == "-" {
		return i18n.Msg("commands.record.stdin")
	}
	return p
}
