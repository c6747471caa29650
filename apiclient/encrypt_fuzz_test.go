package apiclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzOpen feeds decryption anything: truncated, non-block-aligned, badly
// padded and non-base64 text, under the right and a wrong key. It must never
// panic; a failure must be a DecryptError with the clear message; a success
// must be exactly what Seal would seal back to the same bytes. The seeds run
// in every `go test`; explore with
//
//	go test ./apiclient -run '^$' -fuzz FuzzOpen -fuzztime 1m
func FuzzOpen(f *testing.F) {
	for _, v := range katVectors {
		f.Add(v.key, v.b64)
		f.Add(v.key, v.hex)
		f.Add(v.key, v.b64[:len(v.b64)/2])                // truncated
		f.Add(v.key, v.hex[:len(v.hex)-2])                // not block-aligned
		f.Add(v.key, v.hex[:len(v.hex)-2]+"ff")           // bad padding
		f.Add("wrong-key", v.b64)                         // wrong key
		f.Add(v.key, strings.ReplaceAll(v.b64, "+", "*")) // not base64
		f.Add(v.key, strings.NewReplacer("+", "-", "/", "_").Replace(v.b64))
	}
	f.Add("k", "")
	f.Add("", "Nt95eV32ZkMXITW52QkFMA==")
	f.Add("k", "====")
	f.Add("k", "0")
	f.Add("k", "\x00\xff한글")
	f.Fuzz(func(t *testing.T, key, text string) {
		plain, err := Open(key, text)
		if err != nil {
			if plain != nil {
				t.Fatalf("bytes returned with an error: %q", plain)
			}
			if !errors.Is(err, ErrDecrypt) || !strings.HasPrefix(err.Error(), "could not decrypt: check the API key") {
				t.Fatalf("unclear error: %v", err)
			}
			return
		}
		// Decoding is many-to-one (hex, four base64 forms), so compare by
		// re-opening what Seal makes rather than by text.
		again, err := Seal(key, plain)
		if err != nil {
			t.Fatalf("Seal after a successful Open: %v", err)
		}
		back, err := Open(key, again)
		if err != nil || !bytes.Equal(back, plain) {
			t.Fatalf("Open(Seal(Open(x))) = %q, %v; want %q", back, err, plain)
		}
		if j, err := openJSON(key, text); err == nil && !json.Valid(j) {
			t.Fatalf("openJSON returned non-JSON %q", j)
		}
	})
}

// FuzzOpenRequest feeds the sandbox's reader of {"body": ...} anything; it
// must never panic, and what it returns is JSON.
func FuzzOpenRequest(f *testing.F) {
	f.Add([]byte(`{"body":"` + katVectors[0].b64 + `"}`))
	f.Add([]byte(`{"body":"` + katVectors[0].hex[:30] + `"}`))
	f.Add([]byte(`{"body":null}`))
	f.Add([]byte(`{"admin":"a@b.c"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		plain, err := OpenRequest("sandbox-not-a-secret", data)
		if err == nil && !json.Valid(plain) {
			t.Fatalf("OpenRequest returned non-JSON %q", plain)
		}
	})
}
