package batch

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"argos-migrate/apiclient/i18n"
)

// The text encodings an input may be in, as --encoding names them.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF16   = "utf-16" // either byte order: the byte-order mark says which
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
	EncodingCP949   = "cp949" // Windows' Korean code page, a superset of EUC-KR
	EncodingEUCKR   = "euc-kr"
)

// Encodings lists the names --encoding accepts.
var Encodings = []string{EncodingUTF8, EncodingUTF16, EncodingUTF16LE, EncodingUTF16BE, EncodingCP949, EncodingEUCKR}

// ParseEncoding returns the canonical name of an --encoding value ("" means
// detect), accepting common spellings (UTF8, utf_16, ms949, euckr).
func ParseEncoding(s string) (string, error) {
	n := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch n {
	case "", "auto":
		return "", nil
	case "utf8":
		return EncodingUTF8, nil
	case "utf16":
		return EncodingUTF16, nil
	case "utf16le":
		return EncodingUTF16LE, nil
	case "utf16be":
		return EncodingUTF16BE, nil
	case "cp949", "ms949", "uhc", "windows949":
		return EncodingCP949, nil
	case "euckr":
		return EncodingEUCKR, nil
	}
	return "", i18n.Err("batch.encoding.unknown", s, strings.Join(Encodings, ", "))
}

// Encoding says how the bytes of an input were read.
type Encoding struct {
	Name     string // utf-8, utf-16le, utf-16be, cp949 or euc-kr
	BOM      bool   // the file starts with a byte-order mark
	Detected bool   // chosen by looking at the bytes, not by --encoding
}

// String reads "UTF-8 with a byte-order mark" or "CP949 (detected: the
// bytes are not UTF-8)".
func (e Encoding) String() string {
	s := strings.ToUpper(e.Name)
	switch {
	case e.BOM:
		return i18n.T("batch.encoding.bom", s)
	case e.Detected && (e.Name == EncodingCP949 || e.Name == EncodingEUCKR):
		return i18n.T("batch.encoding.detected_not_utf8", s)
	case e.Detected && e.Name != EncodingUTF8:
		return i18n.T("batch.encoding.detected", s)
	}
	return s
}

// sniffSize is how much of the input is looked at to choose the encoding
// and the format.
const sniffSize = 64 << 10

// openText turns raw bytes into UTF-8 text: it strips a byte-order mark,
// decodes UTF-16 and CP949, and checks every byte on the way (see
// textReader). want is a ParseEncoding name or "" to detect.
func openText(raw io.Reader, want string) (*textReader, Encoding, error) {
	br := bufio.NewReaderSize(raw, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, Encoding{}, i18n.Err("batch.io.reading_input", err)
	}
	atEOF := err == io.EOF
	bom := sniffBOM(head)
	enc := Encoding{Name: want, BOM: bom != ""}
	conflict := func() error {
		return inputError(1, "batch.input.bom_conflict", strings.ToUpper(bom), want)
	}
	switch want {
	case "":
		enc.Detected = true
		switch {
		case bom != "":
			enc.Name = bom
		case looksUTF16(head) != "":
			enc.Name = looksUTF16(head)
		case validUTF8Prefix(head, atEOF):
			enc.Name = EncodingUTF8
		default:
			enc.Name = EncodingCP949
		}
	case EncodingUTF8:
		if bom != "" && bom != EncodingUTF8 {
			return nil, enc, conflict()
		}
	case EncodingUTF16:
		switch {
		case bom == EncodingUTF8:
			return nil, enc, conflict()
		case bom != "":
			enc.Name = bom
		case looksUTF16(head) == EncodingUTF16BE:
			enc.Name = EncodingUTF16BE
		default:
			enc.Name = EncodingUTF16LE // what Windows writes
		}
	case EncodingUTF16LE, EncodingUTF16BE:
		if bom != "" && bom != want {
			return nil, enc, conflict()
		}
	case EncodingCP949, EncodingEUCKR:
		if bom != "" {
			return nil, enc, conflict()
		}
	default:
		return nil, enc, i18n.Err("batch.encoding.unknown", want, strings.Join(Encodings, ", "))
	}
	if bom != "" {
		n := 3
		if bom != EncodingUTF8 {
			n = 2
		}
		if _, err := br.Discard(n); err != nil {
			return nil, enc, i18n.Err("batch.io.reading_input", err)
		}
	}
	t := &textReader{r: br, what: "UTF-8"}
	switch enc.Name {
	case EncodingUTF16LE:
		t.r, t.decoded, t.what = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()), true, "UTF-16"
	case EncodingUTF16BE:
		t.r, t.decoded, t.what = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()), true, "UTF-16"
	case EncodingCP949, EncodingEUCKR:
		// x/text's EUC-KR decoder reads the whole of CP949 (Unified Hangul
		// Code), which Korean Excel writes.
		t.r, t.decoded, t.what = transform.NewReader(br, korean.EUCKR.NewDecoder()), true, "CP949"
	}
	return t, enc, nil
}

func sniffBOM(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return EncodingUTF8
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return EncodingUTF16LE
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return EncodingUTF16BE
	}
	return ""
}

// looksUTF16 recognises UTF-16 without a byte-order mark by its zero bytes:
// text that is mostly ASCII has one in every pair, on the high byte's side.
func looksUTF16(b []byte) string {
	b = b[:min(len(b), 1024)&^1]
	var even, odd int
	for i := 0; i < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := len(b) / 2
	switch {
	case pairs == 0:
		return ""
	case odd*4 >= pairs && even == 0:
		return EncodingUTF16LE
	case even*4 >= pairs && odd == 0:
		return EncodingUTF16BE
	}
	return ""
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut off at the
// end when more bytes follow.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		b = b[:len(b)-incompleteTail(b)]
	}
	return utf8.Valid(b)
}

// incompleteTail is the number of bytes at the end of b that start a rune
// but do not finish it.
func incompleteTail(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if utf8.RuneStart(c) {
			if c >= utf8.RuneSelf && !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}
