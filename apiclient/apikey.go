package apiclient

import (
	"errors"
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
type keyTextError struct{ why text }

func (e *keyTextError) Error() string { return e.why.String() }

// Is makes it match ErrInvalidKey.
func (e *keyTextError) Is(target error) bool { return target == ErrInvalidKey }

// CheckKeyText refuses text that cannot be an API key, without echoing it.
// The error matches ErrInvalidKey; its message, in the run's language,
// suits a form field.
func CheckKeyText(key string) error {
	refuse := func(id string, args ...any) error { return &keyTextError{say(id, args...)} }
	switch i := strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }); {
	case key == "":
		return refuse("apikey.text.empty")
	case len(key) > MaxKeyLen:
		return refuse("apikey.text.too_long", MaxKeyLen)
	case i >= 0 && (key[i] == '\n' || key[i] == '\r'):
		return refuse("apikey.text.line_break", len([]rune(key[:i]))+1)
	case i >= 0:
		return refuse("apikey.text.space", len([]rune(key[:i]))+1)
	}
	return nil
}
