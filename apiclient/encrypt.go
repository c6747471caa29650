package apiclient

// The vendor's "secure data transmission" option, as documented in its notice
// of 2024-08-01: AES-256 in ECB mode, no IV, the key being the 32-byte SHA-256
// digest of the project's API key string. The request body becomes
// {"body":"<ciphertext>"} and the answer {"data":"<ciphertext>","isEncrypted":true}.
//
// What the vendor does not state (the padding, and how ciphertext is written
// as text) lives apart, in encrypt_inferred.go.
//
// ECB is the vendor's choice: equal 16-byte blocks of plain text give equal
// blocks of ciphertext, and nothing detects tampering. TLS is what protects
// a record in transit; this layer only satisfies projects that demand it.

import (
	"crypto/aes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrDecrypt means an encrypted text could not be turned back into what was
// sealed: almost always because it was sealed under another API key.
var ErrDecrypt = errors.New("could not decrypt: check the API key")

// DecryptError is a failure to decrypt, with the reason; it matches
// ErrDecrypt.
type DecryptError struct {
	Reason string // e.g. "the padding is not valid"
}

// Error starts with ErrDecrypt's message and adds the reason.
func (e *DecryptError) Error() string {
	if e.Reason == "" {
		return ErrDecrypt.Error()
	}
	return ErrDecrypt.Error() + " (" + e.Reason + ")"
}

// Is makes a DecryptError match ErrDecrypt.
func (e *DecryptError) Is(target error) bool { return target == ErrDecrypt }

func decryptErr(reason string) error { return &DecryptError{Reason: reason} }

// EncryptedRequest is the request body of a project with encryption on.
type EncryptedRequest struct {
	Body string `json:"body"`
}

// EncryptedResponse is the answer of a project with encryption on.
type EncryptedResponse struct {
	Data        string `json:"data"`
	IsEncrypted bool   `json:"isEncrypted"`
}

// deriveKey is the vendor's createHash('sha256').update(APIKEY).digest().
func deriveKey(apiKey string) [32]byte { return sha256.Sum256([]byte(apiKey)) }

// Seal encrypts plain with the key derived from apiKey and returns the
// ciphertext as text, ready for the "body" or "data" field.
func Seal(apiKey string, plain []byte) (string, error) {
	if apiKey == "" {
		return "", fmt.Errorf("encrypting: %w", ErrNoKey)
	}
	k := deriveKey(apiKey)
	block, err := aes.NewCipher(k[:])
	if err != nil {
		return "", fmt.Errorf("encrypting: %w", err)
	}
	buf := pad(plain, aes.BlockSize)
	// ECB, block by block: the standard library leaves it out on purpose.
	for i := 0; i < len(buf); i += aes.BlockSize {
		block.Encrypt(buf[i:i+aes.BlockSize], buf[i:i+aes.BlockSize])
	}
	return encodeCiphertext(buf), nil
}

// Open decrypts a text made by Seal (or by the vendor) with the key derived
// from apiKey. Any failure is a *DecryptError matching ErrDecrypt; it never
// returns bytes that did not unpad cleanly.
func Open(apiKey, text string) ([]byte, error) {
	if apiKey == "" {
		return nil, decryptErr("no API key")
	}
	buf, err := decodeCiphertext(text)
	if err != nil {
		return nil, err
	}
	if len(buf) == 0 || len(buf)%aes.BlockSize != 0 {
		return nil, decryptErr(fmt.Sprintf("%d bytes is not a whole number of %d-byte blocks", len(buf), aes.BlockSize))
	}
	k := deriveKey(apiKey)
	block, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, decryptErr(err.Error())
	}
	for i := 0; i < len(buf); i += aes.BlockSize {
		block.Decrypt(buf[i:i+aes.BlockSize], buf[i:i+aes.BlockSize])
	}
	return unpad(buf, aes.BlockSize)
}

// openJSON is Open for texts that must hold JSON: a wrong key that happens
// to leave valid padding (about 1 in 256) is still caught, never shown.
func openJSON(apiKey, text string) ([]byte, error) {
	plain, err := Open(apiKey, text)
	if err != nil {
		return nil, err
	}
	if !json.Valid(plain) {
		return nil, decryptErr("the decrypted text is not JSON")
	}
	return plain, nil
}

// SealRequest turns a JSON request body into {"body":"<ciphertext>"}.
func SealRequest(apiKey string, body []byte) ([]byte, error) {
	text, err := Seal(apiKey, body)
	if err != nil {
		return nil, err
	}
	return json.Marshal(EncryptedRequest{Body: text})
}

// OpenRequest is the server's side of SealRequest: it reads
// {"body":"<ciphertext>"} and returns the JSON inside. A body of any other
// shape is an error that does not match ErrDecrypt.
func OpenRequest(apiKey string, data []byte) ([]byte, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		return nil, errors.New(`reading encrypted body: not a JSON object`)
	}
	var req EncryptedRequest
	if len(raw) != 1 || raw["body"] == nil || json.Unmarshal(raw["body"], &req.Body) != nil {
		return nil, errors.New(`reading encrypted body: want exactly {"body": "<ciphertext>"}`)
	}
	return openJSON(apiKey, req.Body)
}

// SealResponse turns a JSON answer into {"data":"<ciphertext>","isEncrypted":true}.
func SealResponse(apiKey string, body []byte) ([]byte, error) {
	text, err := Seal(apiKey, body)
	if err != nil {
		return nil, err
	}
	return json.Marshal(EncryptedResponse{Data: text, IsEncrypted: true})
}

// sealRequest wraps an encoded body for projects with secure data
// transmission turned on.
func (c *Client) sealRequest(body []byte) ([]byte, error) {
	return SealRequest(c.key, body)
}

// openResponse decrypts the data field of an encrypted answer.
func (c *Client) openResponse(data json.RawMessage) ([]byte, error) {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return nil, decryptErr("the data field is not a string")
	}
	return openJSON(c.key, text)
}
