package cmd

import (
	"errors"
	"strings"
	"unicode/utf8"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// maxRawDetail bounds the raw error text --json keeps beside the message:
// enough for a support ticket, never a whole web page a proxy answered.
const maxRawDetail = 300

// jsonMessage is what --json says of a failed run, for a program and its
// log: message, a short line in plain English (for a failed send, the
// failure policy's title and the fact behind it, as the screen says them:
// "submitting the record: no answer from the server (127.0.0.1:8080: the
// server closed the connection without answering)", never "EOF" or the
// HTML of a gateway's error page); and detail, the error's own text when
// it says more than the message, control characters neutralised and cut
// to maxRawDetail bytes, or "".
func jsonMessage(err error) (message, detail string) {
	raw := englishMessage(err)
	if !apiclient.SendFailed(err) {
		return apiclient.Sanitize(raw), ""
	}
	prev := i18n.SetLanguage(i18n.EN)
	defer i18n.SetLanguage(prev)
	f := apiclient.Classify(err, apiclient.Submission{})
	message = sendContext(err) + apiclient.LowerFirst(f.Title)
	if f.Detail != "" {
		message += " (" + f.Detail + ")"
	}
	message = apiclient.Sanitize(message)
	if raw != message {
		detail = capBytes(apiclient.Sanitize(strings.Join(strings.Fields(raw), " ")), maxRawDetail)
	}
	return message, detail
}

// sendContext is the English words err's chain puts before the failed send
// itself ("submitting the record: "), or "".
func sendContext(err error) string {
	var send error
	for inner := err; inner != nil && send == nil; inner = lastWrapped(inner) {
		switch inner.(type) {
		case *apiclient.APIError, *apiclient.TransportError, *apiclient.RedirectError:
			send = inner
		}
	}
	if send == nil {
		return ""
	}
	outer, in := i18n.EnglishOf(err), i18n.EnglishOf(send)
	if !strings.HasSuffix(outer, in) {
		return ""
	}
	return outer[:len(outer)-len(in)]
}

// lastWrapped is the error err wraps, the last of several.
func lastWrapped(err error) error {
	if errs, ok := err.(interface{ Unwrap() []error }); ok {
		if e := errs.Unwrap(); len(e) > 0 {
			return e[len(e)-1]
		}
		return nil
	}
	return errors.Unwrap(err)
}

// capBytes cuts s to at most n bytes at a character's edge, marking the cut.
func capBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
