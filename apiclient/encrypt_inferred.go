package apiclient

// INFERRED. Everything in this file is a guess about the encryption option
// that the vendor does not state; it is kept here, in one place, so that it
// can change in one place when a real project says otherwise.
//
//   - Padding: PKCS#7 (Node's crypto.createCipheriv default, and OpenSSL's).
//   - Ciphertext as text, when sending: standard base64 with padding (Node's
//     cipher.update(..., 'base64')).
//   - Ciphertext as text, when reading: standard or URL-safe base64, padded
//     or not, and hex (Node's other usual output), so that an answer in any of
//     these forms is read.

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// pad returns a fresh copy of b with PKCS#7 padding: 1 to size bytes, each
// holding the pad length, so a whole block is added when b is aligned.
func pad(b []byte, size int) []byte {
	n := size - len(b)%size
	out := make([]byte, len(b)+n)
	copy(out, b)
	for i := len(b); i < len(out); i++ {
		out[i] = byte(n)
	}
	return out
}

// unpad checks and strips PKCS#7 padding. A wrong key leaves random bytes at
// the end, so this is where most wrong keys are caught.
func unpad(b []byte, size int) ([]byte, error) {
	if len(b) == 0 || len(b)%size != 0 {
		return nil, decryptErr("the length is not a whole number of blocks")
	}
	n := int(b[len(b)-1])
	if n == 0 || n > size {
		return nil, decryptErr("the padding is not valid")
	}
	for _, c := range b[len(b)-n:] {
		if int(c) != n {
			return nil, decryptErr("the padding is not valid")
		}
	}
	return b[:len(b)-n], nil
}

// encodeCiphertext writes ciphertext as standard, padded base64.
func encodeCiphertext(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// decodeCiphertext reads ciphertext written as hex or as any of the four
// base64 alphabets/paddings. Text made only of hex digits is read as hex:
// base64 of a ciphertext (16 bytes or more) is all hex digits with odds of
// about 4^-22, and a wrong guess still fails on the padding check.
func decodeCiphertext(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, decryptErr("the ciphertext is empty")
	}
	if len(text)%2 == 0 && isHex(text) {
		b, err := hex.DecodeString(text)
		if err == nil {
			return b, nil
		}
	}
	s := strings.TrimRight(text, "=")
	if strings.ContainsAny(s, "-_") {
		s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return nil, decryptErr("the ciphertext is neither base64 nor hex")
	}
	return b, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
