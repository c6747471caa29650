package draft

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/keyring"
)

// draftKeyLen is the AES-256 key size.
const draftKeyLen = 32

// KeyUser is the keyring account that holds the draft key of a
// profile, next to the API key (whose account is the profile's name).
func KeyUser(profile string) string { return "draft-key:" + profile }

// Keys hands out the key that encrypts a profile's drafts.
type Keys interface {
	// DraftKey returns the profile's key; with create, a missing key is made
	// and stored. Errors match keyring.ErrKeyNotFound (no key, create
	// false), keyring.ErrNoKeyring or keyring.ErrTimeout.
	DraftKey(ctx context.Context, profile string, create bool) ([]byte, error)
}

// KeyringKeys keeps a random 32-byte key per profile in the OS keyring
// (base64, under DraftKeyUser), through the same KeyStore as API keys.
type KeyringKeys struct {
	Store keyring.Store
}

// DraftKey reads the profile's key, making and storing one if asked. Its
// errors are *DraftKeyError: worded for the draft key, never for the API key.
func (k KeyringKeys) DraftKey(ctx context.Context, profile string, create bool) ([]byte, error) {
	user := KeyUser(profile)
	text, err := k.Store.Get(ctx, user)
	if err == nil {
		key, derr := base64.StdEncoding.DecodeString(text)
		if derr != nil || len(key) != draftKeyLen {
			return nil, &KeyError{Op: "reading", Profile: profile, Err: errDamagedKey}
		}
		return key, nil
	}
	if !create || !errors.Is(err, keyring.ErrKeyNotFound) {
		return nil, &KeyError{Op: "reading", Profile: profile, Err: err}
	}
	key := make([]byte, draftKeyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, i18n.Errorf("drafts.key.making", err)
	}
	if err := k.Store.Set(ctx, user, base64.StdEncoding.EncodeToString(key)); err != nil {
		return nil, &KeyError{Op: "storing", Profile: profile, Err: err}
	}
	return key, nil
}

// errDamagedKey: the keyring holds something under the draft key's account
// that is not a key.
var errDamagedKey = i18n.Errorf("drafts.key.damaged", strconv.Itoa(draftKeyLen))

// KeyError is a keyring failure about a profile's draft key. The
// keyring's errors speak of the API key and of ARGOS_API_KEY, which says
// nothing true about drafts; this one names the draft key and its keyring
// entry, in the keyring's one wording of what went wrong (keyring.Summary).
// errors.Is still matches the keyring's kinds (keyring.ErrNoKeyring,
// ErrLocked, ErrKeyNotFound, ErrTimeout).
type KeyError struct {
	Op      string // "reading" or "storing"
	Profile string
	Err     error
}

// Error says what failed about the draft key, in words about drafts, in
// English.
func (e *KeyError) Error() string { return e.in(i18n.EN) }

// Localize says it in the run's language.
func (e *KeyError) Localize() string { return e.in(i18n.Language()) }

func (e *KeyError) in(l i18n.Lang) string {
	text := func(err error) string {
		if l == i18n.EN {
			return err.Error()
		}
		return i18n.Text(err)
	}
	id := "drafts.key.reading"
	if e.Op == "storing" {
		id = "drafts.key.storing"
	}
	what := i18n.In(l, id, e.Profile, KeyUser(e.Profile))
	var ke *keyring.Error
	cause := ""
	if errors.As(e.Err, &ke) && ke.Err != nil {
		cause = " (" + apiclient.Sanitize(text(ke.Err)) + ")"
	}
	why := apiclient.Sanitize(text(e.Err))
	switch {
	case errors.Is(e.Err, errDamagedKey):
		why = text(e.Err)
	case errors.Is(e.Err, keyring.ErrKeyNotFound):
		return i18n.In(l, "drafts.key.not_found", e.Profile, KeyUser(e.Profile))
	case errors.Is(e.Err, keyring.ErrLocked), errors.Is(e.Err, keyring.ErrTimeout), errors.Is(e.Err, keyring.ErrNoKeyring):
		why = keyring.SummaryIn(l, e.Err) + cause
	case errors.Is(e.Err, context.DeadlineExceeded):
		why = i18n.In(l, "drafts.key.too_long")
	case errors.Is(e.Err, context.Canceled):
		why = i18n.In(l, "drafts.key.cancelled")
	}
	return i18n.In(l, "drafts.key.because", what, why)
}

// Unwrap returns the keyring's failure.
func (e *KeyError) Unwrap() error { return e.Err }

// seal encrypts plain with AES-256-GCM under key; aad binds the ciphertext to
// the file's name and format so a draft cannot be swapped for another
// profile's.
func seal(key, plain, aad []byte) (nonce, ct []byte, err error) {
	gcm, err := newGCM(key)
	if err != nil {
		return nil, nil, err
	}
	nonce = make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, nil, i18n.Errorf("drafts.store.encrypting", err)
	}
	return nonce, gcm.Seal(nil, nonce, plain, aad), nil
}

// errWrongKey: the draft does not open with the key in the keyring.
var errWrongKey = i18n.Errorf("drafts.key.wrong")

func open(key, nonce, ct, aad []byte) ([]byte, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(nonce) != gcm.NonceSize() {
		return nil, i18n.Errorf("drafts.key.nonce")
	}
	plain, err := gcm.Open(nil, nonce, ct, aad)
	if err != nil {
		return nil, errWrongKey
	}
	return plain, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, i18n.Errorf("drafts.key.bad_key", err)
	}
	return cipher.NewGCM(block)
}
