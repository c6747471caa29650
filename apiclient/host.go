package apiclient

import (
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/idna"

	"argos-migrate/apiclient/i18n"
)

// VendorDomain is the vendor's registered domain. Its API host
// (rest-api.argosidentity.com) and every other host under it are the
// vendor's; any other host is shown as "not an ARGOS host", however much
// its name looks like one.
const VendorDomain = "argosidentity.com"

// ASCIIHost returns a host, with its port if it has one, in the form that
// goes on the wire: an internationalised name becomes its ASCII (punycode)
// form, mapped as net/http maps it before it connects, so what is shown is
// where requests go and a look-alike ("аrgosidentity.com" with a Cyrillic
// "а") reads "xn--rgosidentity-w9j.com". IP addresses and ASCII names come
// back lower-cased and otherwise unchanged.
func ASCIIHost(hostport string) (string, error) {
	host, port := hostport, ""
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	}
	if strings.HasPrefix(host, "[") || net.ParseIP(strings.Trim(host, "[]")) != nil {
		return strings.ToLower(hostport), nil // an IP literal has no name to map
	}
	ascii := host
	if !isASCII(host) {
		// net/http maps only names that are not ASCII already.
		var err error
		if ascii, err = idna.Lookup.ToASCII(host); err != nil || ascii == "" {
			return "", i18n.Errorf("apiurl.parse.bad_host", Sanitize(host))
		}
	}
	if ascii == "" {
		return "", i18n.Errorf("apiurl.parse.bad_host", Sanitize(host))
	}
	ascii = strings.ToLower(ascii)
	if port != "" {
		return net.JoinHostPort(ascii, port), nil
	}
	return ascii, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// DestinationKind says what kind of server requests go to.
type DestinationKind int

// The kinds of server the tool can talk to.
const (
	// DestinationVendor is the vendor's API (a host under VendorDomain).
	DestinationVendor DestinationKind = iota
	// DestinationOther is a remote host that is not the vendor's: a proxy,
	// a regional gateway the operator knows about, or a wrong URL.
	DestinationOther
	// DestinationLocal is a server on this machine that is not the
	// built-in sandbox.
	DestinationLocal
	// DestinationSandbox is the built-in sandbox.
	DestinationSandbox
)

// Destination is where requests go, for headers and confirmations: the
// kind of server and its host in ASCII.
type Destination struct {
	Kind DestinationKind
	Host string // host[:port], ASCII (punycode for a name in another script), safe to draw
	URL  string // the base URL with that host, safe to draw
}

// DestinationOf describes the API base URL raw; sandbox says it is the
// built-in sandbox's.
func DestinationOf(raw string, sandbox bool) Destination {
	d := Destination{Kind: DestinationOther}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		d.Host, d.URL = Sanitize(raw), Sanitize(raw)
		return d
	}
	if h, err := ASCIIHost(u.Host); err == nil {
		u.Host = h
	}
	d.Host, d.URL = Sanitize(u.Host), Sanitize(strings.TrimSuffix(u.String(), "/"))
	name := strings.TrimSuffix(strings.ToLower(hostOnly(d.Host)), ".")
	switch {
	case sandbox:
		d.Kind = DestinationSandbox
	case IsLoopback(hostOnly(d.Host)):
		d.Kind = DestinationLocal
	case name == VendorDomain || strings.HasSuffix(name, "."+VendorDomain):
		d.Kind = DestinationVendor
	}
	return d
}

// hostOnly drops the port of host[:port].
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// Badge is the word a header shows for the destination, in the run's
// language: "LIVE", "LOCAL", "SANDBOX", "NOT ARGOS".
func (d Destination) Badge() string {
	switch d.Kind {
	case DestinationVendor:
		return i18n.T("destination.badge.vendor")
	case DestinationLocal:
		return i18n.T("destination.badge.local")
	case DestinationSandbox:
		return i18n.T("destination.badge.sandbox")
	}
	return i18n.T("destination.badge.elsewhere")
}

// Phrase names the destination after "submit to" or "checking the key
// with", in the run's language: "ARGOS at https://rest-api.argosidentity.com",
// "https://api.example.com, which is not an ARGOS host", "the LOCAL server
// at http://127.0.0.1:8080", "the SANDBOX".
func (d Destination) Phrase() string {
	switch d.Kind {
	case DestinationVendor:
		return i18n.T("destination.phrase.vendor", d.URL)
	case DestinationLocal:
		return i18n.T("destination.phrase.local", d.URL)
	case DestinationSandbox:
		return i18n.T("destination.phrase.sandbox")
	}
	return i18n.T("destination.phrase.elsewhere", d.URL)
}
