package batch

import (
	"hash/maphash"
	"strings"
)

// seenTable remembers the emails and user ids of the rows read so far, to
// flag a row that repeats one. It keeps no value, only a hash: each key
// takes one uint64 slot holding 40 bits of its 64-bit hash and the 24-bit
// number of the row that had it first. The top 12 bits of the hash choose
// one of 4,096 segments, so 52 bits of the hash tell keys apart: two
// different keys pass for a repeat with a chance of about n²/2⁵³ (about
// 1 in 2,000 for a file of a million rows with an email and a user id
// each). Segments are open-addressed tables kept between 57% and 85% full
// and grow one at a time, so growing never holds two copies of the table.
//
// Memory: 8 bytes per slot, 9.4 to 14 bytes per key; a row with an email
// and a user id takes about 19 to 28 bytes (23 on average). That is the only
// memory of a preflight that grows with the number of rows: 23 MB for a
// million rows.
type seenTable struct {
	seeds [2]maphash.Seed // one per kind of key: an email never matches a user id
	segs  [1 << segBits]seenSegment
}

type seenSegment struct {
	slots []uint64
	n     int
}

const (
	segBits = 12
	tagBits = 40
	rowBits = 24
	tagMask = 1<<tagBits - 1
	// maxRow is the largest row number a slot holds; later rows are
	// remembered as "an earlier row".
	maxRow = 1<<rowBits - 1
)

func newSeenTable() *seenTable {
	return &seenTable{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

// Kinds of key, hashed apart.
const (
	keyEmail  = 0
	keyUserID = 1
)

// check remembers that row has key (of kind) and returns the row that had
// it first, or 0 when no row had it. A row past maxRow is returned as -1.
func (t *seenTable) check(kind int, key string, row int) int {
	seg, tag := t.segment(kind, key)
	if seg.n+1 > len(seg.slots)*17/20 {
		seg.grow()
	}
	i := seg.probe(tag)
	if e := seg.slots[i]; e != 0 {
		return rowOf(e)
	}
	seg.slots[i] = tag<<rowBits | uint64(min(row, maxRow)) // rows start at 1: a used slot is never 0
	seg.n++
	return 0
}

// find returns the row that had key (of kind) first, 0 when no row had it
// and -1 when that row is past maxRow. It remembers nothing.
func (t *seenTable) find(kind int, key string) int {
	seg, tag := t.segment(kind, key)
	if len(seg.slots) == 0 {
		return 0
	}
	if e := seg.slots[seg.probe(tag)]; e != 0 {
		return rowOf(e)
	}
	return 0
}

// segment is the segment key (of kind) belongs to, and its tag there.
func (t *seenTable) segment(kind int, key string) (*seenSegment, uint64) {
	sum := maphash.String(t.seeds[kind], key)
	return &t.segs[sum>>(64-segBits)], sum >> (64 - segBits - tagBits) & tagMask
}

// probe is the index of the slot that holds tag, or of the empty slot
// where it would go. The segment has at least one empty slot.
func (s *seenSegment) probe(tag uint64) int {
	for i := s.home(tag); ; {
		if e := s.slots[i]; e == 0 || e>>rowBits == tag {
			return i
		}
		if i++; i == len(s.slots) {
			i = 0
		}
	}
}

// rowOf is the row a used slot holds: -1 for one past maxRow.
func rowOf(e uint64) int {
	if first := int(e & maxRow); first < maxRow {
		return first
	}
	return -1
}

// home is the slot where a tag's search starts.
func (s *seenSegment) home(tag uint64) int {
	return int(tag * uint64(len(s.slots)) >> tagBits)
}

func (s *seenSegment) grow() {
	old := s.slots
	size := max(8, len(old)*3/2)
	s.slots = make([]uint64, size)
	for _, e := range old {
		if e == 0 {
			continue
		}
		for i := s.home(e >> rowBits); ; {
			if s.slots[i] == 0 {
				s.slots[i] = e
				break
			}
			if i++; i == len(s.slots) {
				i = 0
			}
		}
	}
}

// emailKey is how emails compare: an address in another case is the same
// person's.
func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
