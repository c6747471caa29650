#!/usr/bin/env bash
# Generates the known-answer vectors in apiclient/encrypt_test.go with OpenSSL,
# independently of the Go code under test:
#
#   key bytes = SHA-256 of the API key string (the vendor's createHash('sha256'))
#   openssl enc -aes-256-ecb -K <hex of sha256(key)> -nosalt | base64 -w0
#
# OpenSSL pads with PKCS#7 by default, which is the inferred padding.
# Run: bash apiclient/testdata/kat.sh
set -euo pipefail

vector() { # api-key plaintext
	local khex
	khex=$(printf '%s' "$1" | openssl dgst -sha256 -r | cut -d' ' -f1)
	printf 'key=%q\nplain=%s\nsha256=%s\nbase64=' "$1" "$2" "$khex"
	printf '%s' "$2" | openssl enc -aes-256-ecb -K "$khex" -nosalt | base64 -w0
	printf '\nhex='
	printf '%s' "$2" | openssl enc -aes-256-ecb -K "$khex" -nosalt | od -An -v -tx1 | tr -d ' \n'
	printf '\n\n'
}

vector 'sandbox-not-a-secret' '{"message":"success"}'
vector 'sandbox-not-a-secret' '{"a":"0123456789abcdefghijklmn"}'
vector 'sandbox-not-a-secret' '{"errorCode":"invalid_admin","message":"Invalid admin."}'
vector 'test-key-0123456789' '{"fullName":"홍길동","address_city":"서울특별시"}'
vector 'test-key-0123456789' ''
