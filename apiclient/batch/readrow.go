package batch

import (
	"io"
	"strconv"

	"argos-migrate/apiclient/i18n"
)

// ReadRow reads an input up to its data row n (1-based, as Record.Row counts)
// and returns that row mapped, with the problems the mapping found; the
// rulebook's are for the caller (apiclient.Validate, or the wizard's review).
// It reads the rows before n to get there, one at a time: `argos-migrate
// --from FILE --row N` opens a refused row in the wizard this way.
func ReadRow(r io.Reader, o ReadOptions, m *Mapper, n int) (Record, error) {
	if n < 1 {
		return Record{}, &InputError{Msg: i18n.Err("batch.input.no_row", strconv.Itoa(n))}
	}
	rd, err := Open(r, o)
	if err != nil {
		return Record{}, err
	}
	var row Row
	for {
		err := rd.Next(&row)
		if err == io.EOF {
			return Record{}, &InputError{Msg: i18n.Err("batch.input.no_row_beyond", strconv.Itoa(n), rd.Rows())}
		}
		if err != nil {
			return Record{}, err
		}
		if row.Num == n {
			return m.Map(&row, rd.Columns())
		}
	}
}
