package batch

import (
	"bytes"
	"io"
	"unicode/utf8"

	"argos-migrate/apiclient/i18n"
)

// textReader passes UTF-8 text through and stops with an InputError naming
// the line of the first byte that is not text in the input's encoding: bytes
// that are not UTF-8, or (for a decoded input) bytes the decoder could not
// read, which it turns into U+FFFD. Every reader of the package reads through
// one, so no format can let a broken byte into a record. It also counts
// lines and, for the JSON array reader, remembers where they start.
type textReader struct {
	r       io.Reader
	decoded bool   // the bytes were converted to UTF-8; look for U+FFFD
	what    string // the encoding, in an error message
	line    int    // newlines passed on so far
	off     int64  // bytes passed on so far
	carry   [utf8.UTFMax]byte
	ncarry  int
	err     error
	small   [64]byte
	pending []byte // what is left of small

	track  bool    // remember newline offsets for lineAt
	nls    []int64 // offsets of newlines not yet passed by lineAt
	nlHead int
	nlBase int // newlines before nls[nlHead]

	limit    int64 // with markOff: the most bytes one record may take; 0 for no limit
	markOff  int64
	markLine int
	limitMsg *i18n.Error
}

var replacementChar = []byte(string(utf8.RuneError))

func (t *textReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if len(t.pending) > 0 {
		n := copy(p, t.pending)
		t.pending = t.pending[n:]
		return n, nil
	}
	if len(p) < len(t.small) {
		// Room for less than a rune, as bufio asks when its buffer is
		// nearly full: read into our own and hand it out in pieces.
		n, err := t.read(t.small[:])
		c := copy(p, t.small[:n])
		t.pending = t.small[c:n]
		return c, err
	}
	return t.read(p)
}

func (t *textReader) read(p []byte) (int, error) {
	for {
		n := copy(p, t.carry[:t.ncarry])
		t.ncarry = 0
		m, err := t.r.Read(p[n:])
		n += m
		keep := 0
		if err == nil {
			keep = incompleteTail(p[:n])
		} else if err != io.EOF {
			t.err = i18n.Err("batch.io.reading_input", err)
		}
		good := n - keep
		if bad := t.firstBad(p[:good], err == io.EOF); bad >= 0 {
			t.err = &InputError{Line: t.line + bytes.Count(p[:bad], []byte{'\n'}) + 1, Msg: t.badText()}
			good = bad
			keep = 0
		}
		copy(t.carry[:], p[good:good+keep])
		t.ncarry = keep
		t.pass(p[:good])
		if t.limit > 0 && t.off-t.markOff > t.limit && t.err == nil {
			t.err = &InputError{Line: t.markLine, Msg: t.limitMsg}
		}
		switch {
		case good > 0:
			return good, nil
		case t.err != nil:
			return 0, t.err
		case err == io.EOF:
			if t.ncarry > 0 { // a rune cut off by the end of the file
				t.err = &InputError{Line: t.line + 1, Msg: t.badText()}
				return 0, t.err
			}
			return 0, io.EOF
		}
	}
}

// firstBad is the offset of the first byte in b that is not text, or -1.
func (t *textReader) firstBad(b []byte, atEOF bool) int {
	if t.decoded {
		return bytes.Index(b, replacementChar)
	}
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !atEOF && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += size
	}
	return -1
}

func (t *textReader) badText() *i18n.Error {
	if t.decoded {
		return i18n.Err("batch.input.bad_bytes", t.what)
	}
	return i18n.Err("batch.input.bad_utf8")
}

// pass counts the lines in text handed on.
func (t *textReader) pass(b []byte) {
	if t.track {
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				break
			}
			t.nls = append(t.nls, t.off+int64(i+j))
			t.line++
			i += j + 1
		}
	} else {
		t.line += bytes.Count(b, []byte{'\n'})
	}
	t.off += int64(len(b))
}

// lineAt is the line holding the byte at offset off of the text. Offsets
// must not decrease from one call to the next.
func (t *textReader) lineAt(off int64) int {
	for t.nlHead < len(t.nls) && t.nls[t.nlHead] < off {
		t.nlHead++
		t.nlBase++
	}
	if t.nlHead > 4096 && t.nlHead*2 > len(t.nls) {
		t.nls = append(t.nls[:0], t.nls[t.nlHead:]...)
		t.nlHead = 0
	}
	return t.nlBase + 1
}

// mark starts a record at offset off on line: from here on at most
// limit bytes may pass before the next mark, or reading stops with msg.
func (t *textReader) mark(off int64, line int, limit int64, msg *i18n.Error) {
	t.markOff, t.markLine, t.limit, t.limitMsg = off, line, limit, msg
}
