package accessible

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
)

// maxLine bounds one answer; a real field is far shorter, and a longer line
// is a paste gone wrong, not a value.
const maxLine = 64 << 10

// errLineTooLong reports an answer longer than maxLine.
var errLineTooLong = errors.New("the answer is longer than 64 KiB")

// lineReader reads the whole session's answers through one buffer, so that a
// piped answer file is consumed exactly one line per question. A read runs in
// its own goroutine so that ctrl+c (the context) ends a session waiting for a
// line; at most one read is ever outstanding.
type lineReader struct {
	r       *bufio.Reader
	pending chan lineResult // non-nil while a read is outstanding
	eof     bool
	line    int // lines read so far: the number of the last one
}

type lineResult struct {
	line string
	err  error
}

func newLineReader(r io.Reader) *lineReader {
	if r == nil {
		r = strings.NewReader("")
	}
	return &lineReader{r: bufio.NewReader(r)}
}

// next returns the next line without its line ending. It returns io.EOF once
// the input has ended (a last line without a newline is still returned).
func (l *lineReader) next(ctx context.Context) (string, error) {
	if l.eof {
		return "", io.EOF
	}
	if l.pending == nil {
		ch := make(chan lineResult, 1)
		l.pending = ch
		go func() { ch <- readLine(l.r) }()
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case res := <-l.pending:
		l.pending = nil
		if res.err == io.EOF {
			l.eof = true
			if res.line == "" {
				return "", io.EOF
			}
			res.err = nil // a last line without a newline still counts
		}
		l.line++
		if l.line == 1 {
			res.line = strings.TrimPrefix(res.line, "\uFEFF") // a BOM from a Windows editor
		}
		return res.line, res.err
	}
}

// readLine reads up to a newline, dropping "\n" or "\r\n".
func readLine(r *bufio.Reader) lineResult {
	var b strings.Builder
	for {
		chunk, err := r.ReadSlice('\n')
		if b.Len()+len(chunk) > maxLine {
			// Drop the rest of the line so the next question gets the next line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.ReadSlice('\n')
			}
			return lineResult{err: errLineTooLong}
		}
		b.Write(chunk)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line := strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), "\r")
		return lineResult{line: line, err: err}
	}
}

// ask prints prompt (without a newline) and reads one answer. With piped
// answers, the answer is repeated so that the transcript shows it; secret
// answers (the key, the identity number) are never repeated. what names the
// question ("Birth date") for the end-of-input message and an AnswerError.
func (s *session) ask(prompt, what string, secret bool) (string, error) {
	s.asking = what
	for {
		_, _ = io.WriteString(s.d.Out, prompt)
		line, err := s.in.next(s.ctx)
		switch {
		case errors.Is(err, errLineTooLong):
			s.println("")
			if err := s.refuse("the answer is longer than 64 KiB"); err != nil {
				return "", err
			}
			continue
		case errors.Is(err, io.EOF):
			return "", s.endOfInput(what)
		case err != nil:
			s.println("")
			return "", err
		}
		if !s.d.Interactive {
			if secret {
				s.println("(not shown)")
			} else {
				s.println(sanitizeAnswer(line))
			}
		}
		return line, nil
	}
}

// askSecret reads the API key: without echo on a terminal (ReadSecret), or
// as the next line of a pipe.
func (s *session) askSecret(prompt string) (string, error) {
	if s.d.ReadSecret == nil {
		return s.ask(prompt, "the API key", true)
	}
	s.asking = "the API key"
	_, _ = io.WriteString(s.d.Out, prompt)
	type result struct {
		key string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		k, err := s.d.ReadSecret()
		ch <- result{k, err}
	}()
	select {
	case <-s.ctx.Done():
		s.println("")
		return "", s.ctx.Err()
	case r := <-ch:
		s.println("")
		if errors.Is(r.err, io.EOF) {
			return "", s.endOfInput("the API key")
		}
		return r.key, r.err
	}
}

// yesNo asks a yes-or-no question until it gets one.
func (s *session) yesNo(prompt, what string) (bool, error) {
	for {
		a, err := s.ask(prompt+" (y/n): ", what, false)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		if err := s.refuse("answer y for yes or n for no"); err != nil {
			return false, err
		}
	}
}
