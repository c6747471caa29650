package apiclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// katVectors were computed with OpenSSL, not with the code under test, by
// apiclient/testdata/kat.sh:
//
//	khex=$(printf '%s' "$KEY" | openssl dgst -sha256 -r | cut -d' ' -f1)
//	printf '%s' "$PLAIN" | openssl enc -aes-256-ecb -K "$khex" -nosalt | base64 -w0
//	printf '%s' "$PLAIN" | openssl enc -aes-256-ecb -K "$khex" -nosalt | od -An -v -tx1 | tr -d ' \n'
var katVectors = []struct {
	name, key, plain, b64, hex string
}{
	{
		name: "short, one block", key: "sandbox-not-a-secret",
		plain: `{"message":"success"}`,
		b64:   "c2MjpsB0CJ3NYllb+OjLoxa9vhNblbsXQzHPP3jmNRc=",
		hex:   "736323a6c074089dcd62595bf8e8cba316bdbe135b95bb174331cf3f78e63517",
	},
	{
		name: "exactly two blocks: a whole padding block", key: "sandbox-not-a-secret",
		plain: `{"a":"0123456789abcdefghijklmn"}`,
		b64:   "luVwMUF2604cz9x2TVomsPYiziVexB+WEjqOgbmK0AQWXAv6tsrIkUbPI3Eb7KiW",
		hex:   "96e570314176eb4e1ccfdc764d5a26b0f622ce255ec41f96123a8e81b98ad004165c0bfab6cac89146cf23711beca896",
	},
	{
		name: "multi-block error body", key: "sandbox-not-a-secret",
		plain: `{"errorCode":"invalid_admin","message":"Invalid admin."}`,
		b64:   "byemaYne97m90wq/2kNx05u6xw5qyCYpKoOMq0xF89aipz4uuigJ/GEyfqcJXSz/UyWkUTflzUtTbObR7StOwA==",
		hex:   "6f27a66989def7b9bdd30abfda4371d39bbac70e6ac826292a838cab4c45f3d6a2a73e2eba2809fc61327ea7095d2cff5325a45137e5cd4b536ce6d1ed2b4ec0",
	},
	{
		name: "Korean text", key: "test-key-0123456789",
		plain: `{"fullName":"홍길동","address_city":"서울특별시"}`,
		b64:   "GFv8mH2g9eJsaKWDJBvqm11i+FPDoDxzOyXE4F9m8AKjjEl7/0fZxsRXDDfKn3G6E6ELKPIZGzRagHx7TRLAFA==",
		hex:   "185bfc987da0f5e26c68a583241bea9b5d62f853c3a03c733b25c4e05f66f002a38c497bff47d9c6c4570c37ca9f71ba13a10b28f2191b345a807c7b4d12c014",
	},
	{
		name: "empty: padding only", key: "test-key-0123456789",
		plain: ``,
		b64:   "Nt95eV32ZkMXITW52QkFMA==",
		hex:   "36df79795df66643172135b9d9090530",
	},
}

func TestSealKnownAnswers(t *testing.T) {
	for _, v := range katVectors {
		t.Run(v.name, func(t *testing.T) {
			got, err := Seal(v.key, []byte(v.plain))
			if err != nil {
				t.Fatal(err)
			}
			if got != v.b64 {
				t.Errorf("Seal(%q) =\n %s\nwant (openssl)\n %s", v.plain, got, v.b64)
			}
		})
	}
}

// TestOpenAcceptsEveryEncoding reads the OpenSSL ciphertexts in each text
// form the inferred decoder accepts; the variants are derived from the
// expected text, not produced by Seal.
func TestOpenAcceptsEveryEncoding(t *testing.T) {
	urlSafe := strings.NewReplacer("+", "-", "/", "_")
	for _, v := range katVectors {
		forms := map[string]string{
			"base64":               v.b64,
			"base64 unpadded":      strings.TrimRight(v.b64, "="),
			"base64url":            urlSafe.Replace(v.b64),
			"base64url unpadded":   strings.TrimRight(urlSafe.Replace(v.b64), "="),
			"hex":                  v.hex,
			"HEX":                  strings.ToUpper(v.hex),
			"base64 with newlines": "\n" + v.b64[:8] + "\r\n" + v.b64[8:] + "\n",
		}
		for form, text := range forms {
			t.Run(v.name+"/"+form, func(t *testing.T) {
				got, err := Open(v.key, text)
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				if string(got) != v.plain {
					t.Errorf("Open = %q, want %q", got, v.plain)
				}
			})
		}
	}
}

func TestOpenFailsClearly(t *testing.T) {
	good := katVectors[2]
	cases := map[string]struct{ key, text, reason string }{
		"wrong key":         {"sandbox-not-the-key", good.b64, "padding"},
		"no key":            {"", good.b64, "no API key"},
		"empty":             {good.key, "", "empty"},
		"not base64":        {good.key, "this is not base64!", "neither base64 nor hex"},
		"truncated":         {good.key, good.b64[:20], "whole number"},
		"not block aligned": {good.key, good.hex[:len(good.hex)-2], "whole number"},
		"last block cut":    {good.key, good.hex[:96], "padding"},
		"last byte flipped": {good.key, good.hex[:126] + "00", "padding"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Open(c.key, c.text)
			if err == nil {
				t.Fatalf("Open succeeded with %q", got)
			}
			if got != nil {
				t.Errorf("Open returned bytes with an error: %q", got)
			}
			if !errors.Is(err, ErrDecrypt) {
				t.Errorf("error %v does not match ErrDecrypt", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "could not decrypt: check the API key") || !strings.Contains(msg, c.reason) {
				t.Errorf("error %q: want the clear message and %q", msg, c.reason)
			}
		})
	}
}

// TestWrongKeyNeverGarbage tries many wrong keys: some leave valid padding by
// chance (about 1 in 256), and openJSON must still refuse every one.
func TestWrongKeyNeverGarbage(t *testing.T) {
	v := katVectors[2]
	paddedByChance := 0
	for i := range 2000 {
		key := "wrong-key-" + strconv.Itoa(i)
		if _, err := Open(key, v.b64); err == nil {
			paddedByChance++
		}
		if got, err := openJSON(key, v.b64); err == nil || !errors.Is(err, ErrDecrypt) {
			t.Fatalf("key %q: openJSON = %q, %v; want ErrDecrypt", key, got, err)
		}
	}
	t.Logf("%d of 2000 wrong keys left valid padding; all refused as not JSON", paddedByChance)
}

func TestSealOpenRoundTrip(t *testing.T) {
	for n := range 70 {
		plain := bytes.Repeat([]byte("한"), n)[:n]
		text, err := Seal("k", plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Open("k", text)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("n=%d: Open(Seal) = %q, %v", n, got, err)
		}
	}
	if _, err := Seal("", []byte("{}")); !errors.Is(err, ErrNoKey) {
		t.Errorf("Seal with no key: %v, want ErrNoKey", err)
	}
}

// TestECBLimits pins down what the README warns about: equal plain blocks
// give equal cipher blocks, and cutting whole blocks off the front goes
// unnoticed (no integrity).
func TestECBLimits(t *testing.T) {
	v := katVectors[2]
	if tail, err := Open(v.key, v.hex[96:]); err != nil || string(tail) != v.plain[48:] {
		t.Errorf("last block alone = %q, %v; want it to decrypt to %q", tail, err, v.plain[48:])
	}
	text, err := Seal("k", bytes.Repeat([]byte("0123456789abcdef"), 2))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := decodeCiphertext(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw[:16], raw[16:32]) {
		t.Error("equal plain blocks gave different cipher blocks: not ECB")
	}
}

func TestRequestAndResponseEnvelopes(t *testing.T) {
	const key = "sandbox-not-a-secret"
	body, err := SealRequest(key, []byte(`{"message":"success"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"body":"` + katVectors[0].b64 + `"}`; string(body) != want {
		t.Errorf("SealRequest = %s, want %s", body, want)
	}
	plain, err := OpenRequest(key, body)
	if err != nil || string(plain) != `{"message":"success"}` {
		t.Errorf("OpenRequest = %q, %v", plain, err)
	}
	for _, bad := range []string{`{"admin":"a@b.c"}`, `{"body":"x","cf1":"y"}`, `{"body":1}`, `[]`, `null`, `nope`} {
		if _, err := OpenRequest(key, []byte(bad)); err == nil {
			t.Errorf("OpenRequest(%s) succeeded", bad)
		}
	}
	ans, err := SealResponse(key, []byte(`{"message":"success"}`))
	if err != nil {
		t.Fatal(err)
	}
	var env map[string]any
	if err := json.Unmarshal(ans, &env); err != nil {
		t.Fatal(err)
	}
	if len(env) != 2 || env["data"] != katVectors[0].b64 || env["isEncrypted"] != true {
		t.Errorf("SealResponse = %s", ans)
	}
}

func TestPKCS7(t *testing.T) {
	for n := range 40 {
		p := pad(make([]byte, n), 16)
		if len(p)%16 != 0 || len(p) <= n || len(p)-n > 16 {
			t.Fatalf("pad(%d) has length %d", n, len(p))
		}
		got, err := unpad(p, 16)
		if err != nil || len(got) != n {
			t.Fatalf("unpad(pad(%d)) = %d bytes, %v", n, len(got), err)
		}
	}
	bad := append(bytes.Repeat([]byte{0}, 14), 3, 2) // says 2, previous byte is 3
	if _, err := unpad(bad, 16); err == nil {
		t.Error("unpad accepted inconsistent padding")
	}
	if _, err := unpad(append(make([]byte, 15), 0), 16); err == nil {
		t.Error("unpad accepted a zero pad byte")
	}
	if _, err := unpad(append(make([]byte, 15), 17), 16); err == nil {
		t.Error("unpad accepted a pad longer than a block")
	}
}
