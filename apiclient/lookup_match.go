package apiclient

import (
	"strings"
)

// LookupMatch is what a lookup's answer says about one record. The lookup
// is inferred and its filter unproven (a server may ignore ?email= and list
// anyone's submissions), so only the entries that are this record's count.
type LookupMatch struct {
	// Matches are the entries for this record: the same email and, when the
	// record has a user id, the same user id; in the answer's order.
	Matches []FoundSubmission
	// Others counts the entries for anyone else. Some, and no match, means
	// the server answered but did not filter as asked: whether this record
	// exists is unknown, not "no".
	Others int
}

// MatchFound sorts a lookup's answer into this record's entries and the
// others. The rule, the one every front end and the batch import use:
//
//   - emails are equal ignoring case, in both parts: the domain is
//     case-insensitive by definition, and mail providers and servers treat
//     the local part so too (one that stored "Kim@x.com" as "kim@x.com" must
//     still be found); nothing else is normalised (no dots or +tags removed,
//     no spaces trimmed);
//   - when the record has a user id, the entry must carry exactly the same
//     one (case and all: it is the customer's own key); an entry without
//     one does not match such a record;
//   - an entry with no email matches nothing.
func MatchFound(rec Submission, found []FoundSubmission) LookupMatch {
	var m LookupMatch
	for _, f := range found {
		if SameEmail(f.Email, rec.Email) && (rec.UserID == "" || f.UserID == rec.UserID) {
			m.Matches = append(m.Matches, f)
		} else {
			m.Others++
		}
	}
	return m
}

// SameEmail reports whether two email addresses name the same mailbox by
// MatchFound's rule: equal ignoring case, nothing else normalised.
func SameEmail(a, b string) bool {
	return a != "" && b != "" && strings.EqualFold(a, b)
}

// Taken is the match an operator takes as this record ("that's the one"):
// the newest, which is the last attempt; in the answer's order when times
// are missing or equal. It is the zero value when nothing matched.
func (m LookupMatch) Taken() FoundSubmission {
	if len(m.Matches) == 0 {
		return FoundSubmission{}
	}
	t := m.Matches[0]
	for _, f := range m.Matches[1:] {
		if f.CreatedAt.After(t.CreatedAt) {
			t = f
		}
	}
	return t
}
