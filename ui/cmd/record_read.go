package cmd

import (
	"context"
	"fmt"
	"io"
	"os"

	"argos-migrate/apiclient"
)

// readRecord loads a record for submit --file ("-" is standard input). It
// can be stopped: a FIFO with no writer blocks in open, a terminal or an
// idle pipe in read, and ctrl+c or SIGTERM must still end the run, with
// nothing sent.
func readRecord(ctx context.Context, f *Factory, path string) (apiclient.Submission, error) {
	if path == "-" && f.IO.InTTY {
		fmt.Fprintln(f.IO.ErrOut, "Reading the record from the terminal: paste its JSON, then press ctrl+d on an empty line (ctrl+c cancels).")
	}
	sub, err := decodeRecordFrom(ctx, f, path)
	if err != nil {
		return sub, fmt.Errorf("reading %s: %w", displayPath(path), err)
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
			return apiclient.Submission{}, usageErrorf("opening record file: %w", err)
		}
		if info.IsDir() {
			return apiclient.Submission{}, usageErrorf("%s is a folder, not a record file", path)
		}
		open = func() (io.ReadCloser, error) {
			file, err := os.Open(path)
			if err != nil {
				return nil, usageErrorf("opening record file: %w", err)
			}
			return file, nil
		}
	}
	return whileNotCancelled(ctx, displayPath(path), func() (apiclient.Submission, error) {
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
func whileNotCancelled[T any](ctx context.Context, what string, read func() (T, error)) (T, error) {
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
		return zero, fmt.Errorf("%w while waiting for %s: nothing was sent", ErrCancelled, what)
	}
}

func displayPath(p string) string {
	if p == "-" {
		return "standard input"
	}
	return p
}
