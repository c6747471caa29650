package batch

import (
	"math"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// dateLayout reads one column's dates and writes them as YYYY-MM-DD.
type dateLayout struct {
	name  string
	excel int // 1900 or 1904 for serial day numbers, 0 otherwise
	parts []datePart
}

// datePart is a run of digits (Y, M or D, at least min and at most max of
// them) or a literal separator.
type datePart struct {
	unit     byte // 'Y', 'M', 'D', or 0 for a literal
	min, max int
	lit      string
}

// parseDateLayout reads a layout name such as "DD.MM.YYYY" or "excel".
func parseDateLayout(s string) (*dateLayout, error) {
	name := strings.TrimSpace(s)
	switch strings.ToLower(name) {
	case "excel", "excel1900":
		return &dateLayout{name: "excel", excel: 1900}, nil
	case "excel1904":
		return &dateLayout{name: "excel1904", excel: 1904}, nil
	}
	up := strings.ToUpper(name)
	l := &dateLayout{name: up}
	seen := map[byte]bool{}
	for i := 0; i < len(up); {
		switch c := up[i]; {
		case c == 'Y' || c == 'M' || c == 'D':
			n := 1
			for i+n < len(up) && up[i+n] == c {
				n++
			}
			p := datePart{unit: c, min: n, max: n}
			switch {
			case c == 'Y' && n != 4:
				return nil, i18n.Err("batch.date_layout.year_digits")
			case c != 'Y' && n > 2:
				return nil, i18n.Err("batch.date_layout.too_many", up, string(c))
			case c != 'Y' && n == 1:
				p.max = 2
			}
			if seen[c] {
				return nil, i18n.Err("batch.date_layout.twice", up, string(c))
			}
			seen[c] = true
			l.parts = append(l.parts, p)
			i += n
		case (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'):
			return nil, i18n.Err("batch.date_layout.letters", s)
		default:
			l.parts = append(l.parts, datePart{lit: string(c)})
			i++
		}
	}
	if !seen['Y'] || !seen['M'] || !seen['D'] {
		return nil, i18n.Err("batch.date_layout.missing", s)
	}
	return l, nil
}

// dateProblem says why a value is not a date, for the operator (the
// rulebook's words, or the catalog's), and whether the value has the
// layout's shape at least (29.02.1993 has; 1993.02 has not).
type dateProblem struct {
	err    error
	shaped bool
}

// convert reads v in the layout and returns it as YYYY-MM-DD, or why v is
// not a date. A value already written as YYYY-MM-DD is taken as it is,
// whatever the layout: it cannot be read two ways, and it is what a person
// fixing a rejects file would type.
func (l *dateLayout) convert(v string) (string, *dateProblem) {
	v = strings.TrimSpace(v)
	if len(v) == 10 && v[4] == '-' && v[7] == '-' {
		if _, err := apiclient.ParseDate(v); err != nil {
			return "", &dateProblem{err: err, shaped: true}
		}
		return v, nil
	}
	if l.excel != 0 {
		return l.serial(v)
	}
	var y, m, d int
	rest := v
	for _, p := range l.parts {
		if p.unit == 0 {
			if !strings.HasPrefix(rest, p.lit) {
				return "", l.notLayout()
			}
			rest = rest[len(p.lit):]
			continue
		}
		n := 0
		for n < p.max && n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n < p.min {
			return "", l.notLayout()
		}
		x, _ := strconv.Atoi(rest[:n])
		switch p.unit {
		case 'Y':
			y = x
		case 'M':
			m = x
		case 'D':
			d = x
		}
		rest = rest[n:]
	}
	if rest != "" {
		return "", l.notLayout()
	}
	if d == 0 {
		return "", &dateProblem{err: i18n.Err("batch.date.no_day"), shaped: true}
	}
	if y == 0 {
		return "", &dateProblem{err: i18n.Err("batch.date.no_year"), shaped: true}
	}
	iso := isoDate(y, m, d)
	if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Year() != y || int(t.Month()) != m || t.Day() != d {
		// Not a day of the calendar: the rulebook says why, in its words
		// ("is not a real date: February 2023 has 28 days").
		if _, err := apiclient.ParseDate(iso); err != nil {
			return "", &dateProblem{err: err, shaped: true}
		}
		return "", &dateProblem{err: i18n.Err("batch.date.not_real"), shaped: true}
	}
	return iso, nil
}

// isoDate writes YYYY-MM-DD for a year of four digits.
func isoDate(y, m, d int) string {
	b := [10]byte{byte('0' + y/1000%10), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10%10), byte('0' + m%10), '-', byte('0' + d/10%10), byte('0' + d%10)}
	return string(b[:])
}

func (l *dateLayout) notLayout() *dateProblem {
	return &dateProblem{err: i18n.Err("batch.date.not_layout", l.name)}
}

// Excel counts days from 1 January 1900 as day 1 and, copying an old bug of
// Lotus 1-2-3, counts a 29 February 1900 that never was as day 60. The 1904
// system counts from 1 January 1904 as day 0.
var (
	excelEpoch1900 = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC) // day 0
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// excelLastDay is 31 December 9999, the last day a spreadsheet shows.
const excelLastDay = 2958465

func (l *dateLayout) serial(v string) (string, *dateProblem) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return "", &dateProblem{err: i18n.Err("batch.date.not_serial")}
	}
	n := int(math.Floor(f)) // a fraction is the time of day
	var t time.Time
	switch {
	case l.excel == 1904 && n >= 0 && n <= excelLastDay-1462:
		t = excelEpoch1904.AddDate(0, 0, n)
	case l.excel == 1900 && n == 60:
		return "", &dateProblem{err: i18n.Err("batch.date.day_60")}
	case l.excel == 1900 && n >= 1 && n < 60:
		t = excelEpoch1900.AddDate(0, 0, n)
	case l.excel == 1900 && n > 60 && n <= excelLastDay:
		t = excelEpoch1900.AddDate(0, 0, n-1)
	default:
		return "", &dateProblem{err: i18n.Err("batch.date.serial_range")}
	}
	return isoDate(t.Year(), int(t.Month()), t.Day()), nil
}

// guessDateLayouts returns the layouts that read the shape of every one of
// samples (a date that does not exist, such as 29.02.1993, still has the
// shape): for a mapping skeleton's suggestion. Nothing when they are all
// YYYY-MM-DD already.
func guessDateLayouts(samples []string) []string {
	var out []string
	iso := true
	for _, s := range samples {
		if _, err := apiclient.ParseDate(strings.TrimSpace(s)); err != nil {
			iso = false
		}
	}
	if iso || len(samples) == 0 {
		return nil
	}
	for _, name := range []string{"DD.MM.YYYY", "YYYY/MM/DD", "YYYYMMDD", "MM/DD/YYYY", "DD/MM/YYYY", "YYYY.MM.DD", "excel"} {
		l, err := parseDateLayout(name)
		if err != nil {
			continue
		}
		all := true
		for _, s := range samples {
			if _, p := l.convert(s); p != nil && !p.shaped {
				all = false
				break
			}
		}
		if all {
			out = append(out, l.name)
		}
	}
	return out
}
