package apiclient

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// MaxKeyLen bounds what is accepted as an API key; real ones are far shorter.
const MaxKeyLen = 1024

// ErrInvalidKey: the API key is text no key can be (empty, too long, with a
// line break, a space or a control character inside). Nothing was sent:
// the key would not even fit in a header.
var ErrInvalidKey = errors.New("invalid API key")

// keyTextError is a reason an API key was refused; it never quotes the key.
type keyTextError string

func (e keyTextError) Error() string { return string(e) }

// Is makes it match ErrInvalidKey.
func (e keyTextError) Is(target error) bool { return target == ErrInvalidKey }

// CheckKeyText refuses text that cannot be an API key, without echoing it.
// The error matches ErrInvalidKey; its message suits a form field.
func CheckKeyText(key string) error {
	switch i := strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }); {
	case key == "":
		return keyTextError("the API key is empty")
	case len(key) > MaxKeyLen:
		return keyTextError(fmt.Sprintf("the API key is longer than %d characters", MaxKeyLen))
	case i >= 0 && (key[i] == '\n' || key[i] == '\r'):
		return keyTextError(fmt.Sprintf("the API key contains a line break (at character %d): copy the key alone, without the end of the line", len([]rune(key[:i]))+1))
	case i >= 0:
		return keyTextError(fmt.Sprintf("the API key contains a space, a control or an invisible character (at character %d)", len([]rune(key[:i]))+1))
	}
	return nil
}
