package accessible

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// An answer means the same in every language: the words a question takes
// are those of every catalog (y and 예 alike, edit and 수정 alike), whatever
// the run's language, so that an answer file written for one language runs
// unchanged in the other. Only what the session says follows the language.

// The catalog lists of words a question takes, comma-separated, one list
// per language (accessible.<lang>.toml, [answer]).
const (
	wordsYes  = "accessible.answer.yes"
	wordsNo   = "accessible.answer.no"
	wordsQuit = "accessible.answer.quit"
	wordsEdit = "accessible.answer.edit"
)

// fold is an answer as it is compared with words: NFKC (the full-width
// letters and digits of an input method become ASCII, and Hangul is
// composed) without the space around it.
func fold(a string) string { return strings.TrimSpace(norm.NFKC.String(a)) }

// compact is fold in lower case without any space: "IP주소" is "ip 주소".
func compact(a string) string {
	return strings.Join(strings.Fields(strings.ToLower(fold(a))), "")
}

// answerWords are the words of the catalog list id in every language.
func answerWords(id string) []string {
	var out []string
	for _, l := range i18n.Langs {
		for _, w := range strings.Split(i18n.In(l, id), ",") {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// isWord reports whether a is one of the words of the catalog list id, in
// any language and any case.
func isWord(id, a string) bool {
	a = fold(a)
	for _, w := range answerWords(id) {
		// Both folded: NFKC turns the compatibility jamo of "ㅇ" into
		// conjoining ones.
		if strings.EqualFold(a, fold(w)) {
			return true
		}
	}
	return false
}

// inAnyLanguage is what the message id says in every language, for
// comparing an answer with: a field's label, an option's words.
func inAnyLanguage(words func(l i18n.Lang) string) []string {
	out := make([]string, 0, len(i18n.Langs))
	for _, l := range i18n.Langs {
		out = append(out, words(l))
	}
	return out
}

// namesMatch reports whether answer a is name, in any case and whatever
// the spaces: "IP주소" is "IP 주소".
func namesMatch(a, name string) bool {
	a = compact(a)
	return a != "" && a == compact(name)
}

// optionMatch is namesMatch for an option's words, which also match
// without their note in parentheses: "PAN card" is "PAN card (India)".
func optionMatch(a, words string) bool {
	if namesMatch(a, words) {
		return true
	}
	full := compact(words)
	i := strings.IndexAny(full, "(（")
	return i > 0 && compact(a) == full[:i]
}

// destination names where records go, after "submit this record to": the
// words of apiclient.Destination.Phrase in the run's language.
func destination(t Target) string {
	d := apiclient.DestinationOf(t.URL, t.Sandbox)
	switch d.Kind {
	case apiclient.DestinationVendor:
		return i18n.T("accessible.destination.vendor", d.URL)
	case apiclient.DestinationLocal:
		return i18n.T("accessible.destination.local", d.URL)
	case apiclient.DestinationSandbox:
		return i18n.T("accessible.destination.sandbox")
	}
	return i18n.T("accessible.destination.not_argos", d.URL)
}
