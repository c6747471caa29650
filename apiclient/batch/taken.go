package batch

import (
	"io"
	"strings"

	"argos-migrate/apiclient"
)

// Taken is what the rows of a file claim: every row's email and user id,
// as the preflight remembers them (a hash and the first row that had each,
// no value). A row of the file fixed in the wizard must not be sent with an
// email or user id that another row of the same file has: that row is
// (or will be) imported too, and the two would be one person's two
// submissions. The preflight refuses the later row of such a pair; Taken
// keeps the wizard to the same rule, whatever the operator types.
type Taken struct {
	seen *seenTable
}

// Taken reads the whole source once and returns what its rows claim.
func (s Source) Taken() (*Taken, error) {
	p, err := s.open()
	if err != nil {
		return nil, err
	}
	defer p.close()
	for {
		if _, err := p.next(); err == io.EOF {
			return &Taken{seen: p.checker.seen}, nil
		} else if err != nil {
			return nil, err
		}
	}
}

// Repeat says whether sub, sent as row, would repeat another row of the
// file: the field ("email" or "userid") and that row (-1 when it is past
// what the table numbers), or "" and 0. The row that had a value first may
// be sent with it; any other may not.
func (t *Taken) Repeat(row int, sub apiclient.Submission) (field string, other int) {
	// A row past maxRow is remembered as -1: one of those that had the
	// value first is taken to be this row.
	notSelf := func(first int) int {
		if first == row || first == -1 && row >= maxRow {
			return 0
		}
		return first
	}
	if e := emailKey(sub.Email); e != "" {
		if first := notSelf(t.seen.find(keyEmail, e)); first != 0 {
			return apiclient.FieldEmail, first
		}
	}
	if u := strings.TrimSpace(sub.UserID); u != "" {
		if first := notSelf(t.seen.find(keyUserID, u)); first != 0 {
			return apiclient.FieldUserID, first
		}
	}
	return "", 0
}
