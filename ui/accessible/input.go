package accessible

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// maxLine bounds one answer; a real field is far shorter, and a longer line
// is a paste gone wrong, not a value.
const maxLine = 64 << 10

// errLineTooLong reports an answer longer than maxLine.
var errLineTooLong error = errorText("accessible.error.line_too_long")

// lineReader reads the whole session's answers through one buffer, so that a
// piped answer file is consumed exactly one line per question. A read runs in
// its own goroutine so that ctrl+c (the context) ends a session waiting for a
// line; at most one read is ever outstanding.
type lineReader struct {
	r       *bufio.Reader
	pending chan lineResult // non-nil while a read is outstanding
	eof     bool
	line    int // lines read so far: the number of the last one
	// afterCR: the last line ended with "\r" and nothing was buffered after
	// it; a "\n" that comes next belongs to that ending. Only the reading
	// goroutine touches it, and only one read is outstanding at a time.
	afterCR bool
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
		go func() { ch <- l.readLine() }()
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

// readLine reads one line, ended by "\n", "\r\n" or a lone "\r" (an
// answer file saved with old Mac line endings is still one answer a line,
// not one long answer).
func (l *lineReader) readLine() lineResult {
	var b []byte
	tooLong := false
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			if tooLong {
				return lineResult{err: errLineTooLong}
			}
			return lineResult{line: string(b), err: err}
		}
		if l.afterCR {
			l.afterCR = false
			if c == '\n' {
				continue
			}
		}
		if c == '\n' || c == '\r' {
			if c == '\r' {
				// Take a "\n" that follows now if it is there; if not,
				// do not wait for it (a terminal may send nothing more).
				if l.r.Buffered() > 0 {
					if next, _ := l.r.Peek(1); len(next) == 1 && next[0] == '\n' {
						_, _ = l.r.ReadByte()
					}
				} else {
					l.afterCR = true
				}
			}
			if tooLong {
				// The rest of the line is dropped, so that the next
				// question gets the next line.
				return lineResult{err: errLineTooLong}
			}
			return lineResult{line: string(b)}
		}
		if len(b) >= maxLine {
			tooLong, b = true, b[:0]
			continue
		}
		if !tooLong {
			b = append(b, c)
		}
	}
}

// repeatable says whether a piped answer may be repeated in the
// transcript (nil: a secret, never repeated nor measured): only one whose form shows it is no sensitive value (a choice
// among the expected answers, a date, an email address, a country, an IP
// address). A line of an answer file shifted by one, or of one whose line
// endings were not read as such, can be the identity number or the key at
// any question, so free text is never repeated, whatever was asked.
type repeatable func(answer string) bool

// oneOf repeats an answer that is one of the words of the catalog lists
// ids, in any language and any case.
func oneOf(ids ...string) repeatable {
	return func(a string) bool {
		for _, id := range ids {
			if isWord(id, a) {
				return true
			}
		}
		return false
	}
}

// ask prints prompt (without a newline) and reads one answer. With piped
// answers, the answer is repeated so that the transcript shows it, when
// repeat says its form cannot be a sensitive value; otherwise only that an
// answer was given. what names the question ("Birth date") for the
// end-of-input message and an AnswerError.
func (s *session) ask(prompt, what string, repeat repeatable) (string, error) {
	s.asking, s.withheld = what, ""
	for {
		_, _ = io.WriteString(s.d.Out, prompt)
		line, err := s.in.next(s.ctx)
		switch {
		case errors.Is(err, errLineTooLong):
			s.println("")
			if err := s.refuse(errLineTooLong.Error()); err != nil {
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
			switch {
			case repeat == nil:
				s.withheld = line
				s.println(i18n.T("accessible.echo.hidden"))
			case line == "" || repeat(line):
				s.println(apiclient.Sanitize(line))
			default:
				s.withheld = line
				s.println(i18n.T("accessible.echo.withheld", utf8.RuneCountInString(line)))
			}
		}
		return line, nil
	}
}

// askSecret reads the API key: without echo on a terminal (ReadSecret), or
// as the next line of a pipe.
func (s *session) askSecret(prompt string) (string, error) {
	what := i18n.T("accessible.what.key")
	if s.d.ReadSecret == nil {
		return s.ask(prompt, what, nil)
	}
	s.asking = what
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
			return "", s.endOfInput(what)
		}
		return r.key, r.err
	}
}

// yesNo asks a yes-or-no question until it gets one: y or n, or a yes or
// a no in any language (예, 아니오…).
func (s *session) yesNo(prompt, what string) (bool, error) {
	for {
		a, err := s.ask(i18n.T("accessible.prompt.yes_no", prompt), what, oneOf(wordsYes, wordsNo))
		if err != nil {
			return false, err
		}
		switch {
		case isWord(wordsYes, a):
			return true, nil
		case isWord(wordsNo, a):
			return false, nil
		}
		if err := s.refuse(i18n.T("accessible.refused.yes_no")); err != nil {
			return false, err
		}
	}
}

// unquote keeps an answer that was not repeated out of a message about it
// ("there is no field "…""): with piped answers it could be a secret.
func (s *session) unquote(msg string) string {
	w := strings.TrimSpace(s.withheld)
	if s.d.Interactive || w == "" {
		return msg
	}
	// And as folded: a choice or a country is read folded, full-width
	// digits as ASCII, and a refusal may quote it so.
	for _, form := range []string{apiclient.Sanitize(w), w, fold(w)} {
		msg = strings.ReplaceAll(msg, form, i18n.T("accessible.echo.the_answer"))
	}
	return msg
}
