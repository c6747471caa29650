package batch

import (
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// The journal of an import: one JSON object a line, appended, never
// rewritten. Before each POST a row gets a "sending" line, made durable
// (fsync) before the request leaves; after the answer, a line with what
// became of it. So after any crash, kill -9 included, every record that may
// have reached the server has a line saying so, and a rerun knows which
// rows are done, which were refused, and which must be looked up before
// they are sent again.
//
// It holds no personal data in clear: row numbers, fingerprints (the
// SHA-256 of the body a row sends), submission ids, outcomes, the server's
// error codes and the keys of the fields it named. Never a value of the
// person's, an email of theirs or the server's message.
//
// One exception, for a row fixed in the wizard: its "sending" and
// "created" lines keep the admin account and idType the wizard sent it
// with (and so does the "created" line of a lookup that found the record
// of a wizard's attempt with no clear answer), because the row's
// images must go with them (a PUT with the file's admin, the one the
// server refused, would fail every rerun) and the file no longer says
// them. The admin is the operator's own dashboard account, the same on
// every row, not the person's data, and idType is one of eight words;
// the journal is owner-only (0600 in a 0700 folder).
//
//	{"op":"journal","v":1}                                  first line
//	{"op":"run","at":"2026-11-25T12:00:00Z"}                 each run
//	{"op":"sending","row":12,"fp":"9f86…"}                   before the POST
//	{"op":"created","row":12,"fp":"9f86…","id":"sbx…_mg"}     "via":"lookup" when a lookup found it
//	{"op":"created",…,"via":"wizard","admin":"ops@…","idType":"passport"}   sent from the wizard
//	{"op":"sending",…,"admin":"ops@…","idType":"passport"}   the wizard's, before its POST
//	{"op":"created",…,"via":"lookup","admin":"ops@…",…}       a lookup found the wizard's record
//	{"op":"rejected","row":13,"fp":"…","reason":"invalid_admin","status":400,"code":"invalid_admin","field":"admin"}
//	{"op":"not_sent","row":14,"fp":"…","reason":"unreachable"}
//	{"op":"unknown","row":15,"fp":"…","reason":"no_answer","lookup":"failed"}
//
// A created record's images (the row's image columns) have lines of their
// own, named by the record's fingerprint, after its "created" line. Their
// state never changes the record's: a record is never sent again because
// its images failed.
//
//	{"op":"images_sending","row":12,"fp":"9f86…"}             before the PUT
//	{"op":"images_sent","row":12,"fp":"9f86…"}
//	{"op":"images_failed","row":12,"fp":"9f86…","reason":"too_large","status":413}
type journalEntry struct {
	Op      string `json:"op"`
	Version int    `json:"v,omitempty"`
	At      string `json:"at,omitempty"`
	Row     int    `json:"row,omitempty"`
	FP      string `json:"fp,omitempty"`
	ID      string `json:"id,omitempty"`
	Via     string `json:"via,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Status  int    `json:"status,omitempty"`
	Code    string `json:"code,omitempty"`
	Field   string `json:"field,omitempty"`
	Enc     string `json:"enc,omitempty"`
	Outcome string `json:"outcome,omitempty"` // of an image line: rejected, not_sent or unknown
	Lookup  string `json:"lookup,omitempty"`
	Matches int    `json:"matches,omitempty"`
	// Of a "created" line from the wizard: what it sent (see above).
	Admin  string `json:"admin,omitempty"`
	IDType string `json:"idType,omitempty"`
}

// Journal operations.
const (
	opHeader  = "journal"
	opRun     = "run"
	opSending = "sending"
	// The image lines.
	opImagesSending = "images_sending"
	opImagesSent    = "images_sent"
	opImagesFailed  = "images_failed"
	journalV        = 1
	// maxCodeLen bounds the server's error code kept in the journal.
	maxCodeLen = 64
)

// RowState is what the journal says about one row.
type RowState struct {
	// Status is the last outcome recorded, "" when the row was never sent.
	// A created row stays created whatever is written after it.
	Status Status
	// Sending: the last line is a "sending" without its outcome (the
	// program stopped while the request was out): the record may exist.
	Sending     bool
	Fingerprint string // of the record last sent for this row
	ID          string // the submission id, when created
	ViaLookup   bool   // created, as a lookup found it after an unknown outcome
	ViaWizard   bool   // created from the wizard, where the operator fixed the row
	Failure     apiclient.FailureRecord
	Lookup      string // why a lookup did not settle an unknown outcome
	Matches     int
	// Images is what became of the created record's images: "" when none
	// was sent for it yet, sending (a PUT with no outcome), sent or failed
	// (ImageFailure says why).
	Images       ImageState
	ImageFailure apiclient.FailureRecord
	// SentWith is the admin and idType a record sent from the wizard was
	// created with (nil for the import's own, whose row says them): the
	// values its images go with. On a row whose outcome is uncertain, what
	// the wizard's attempt that may have created it sent.
	SentWith *SentWith
}

// SentWith is what the image call needs of a record besides its id: the
// admin account and idType it was created with.
type SentWith struct{ Admin, IDType string }

// ImageState is what the journal says of a created record's images.
type ImageState uint8

// The states of a created record's images.
const (
	ImageStateNone    ImageState = iota // never sent for this record
	ImageStateSending                   // a PUT with no outcome: the program stopped while it was out
	ImageStateSent
	ImageStateFailed
)

// Done reports whether the images need no sending: they were attached.
func (s ImageState) Done() bool { return s == ImageStateSent }

// Uncertain reports whether the record may exist without the journal
// knowing its id: look it up before sending it again.
func (s RowState) Uncertain() bool { return s.Sending || s.Status == StatusUnknown }

// rowState is RowState as the journal keeps it for every row: 64 bytes,
// so that a journal of 100,000 rows holds about 6 MB.
type rowState struct {
	fp     [32]byte
	id     string
	fail   *rowFailure
	status rowStatus
	open   bool
	via    rowVia
	img    ImageState // the created record's images
}

// rowStatus is a Status in a byte.
type rowStatus uint8

var rowStatuses = [...]Status{"", StatusCreated, StatusRejected, StatusNotSent, StatusUnknown}

func statusByte(s Status) rowStatus {
	for i, v := range rowStatuses {
		if v == s {
			return rowStatus(i)
		}
	}
	return 0
}

func (s rowStatus) Status() Status { return rowStatuses[s] }

// rowVia is how a created row came to be, in a byte.
type rowVia uint8

var rowVias = [...]string{"", ViaLookup, ViaWizard}

func viaByte(v string) (rowVia, bool) {
	for i, x := range rowVias {
		if x == v {
			return rowVia(i), true
		}
	}
	return 0, false
}

// fpKey is the first half of a fingerprint: what the journal's maps are
// keyed by (128 bits tell records apart as surely as 256 here, in half the
// memory).
type fpKey [16]byte

func keyOf(fp [32]byte) fpKey { return fpKey(fp[:16]) }

type rowFailure struct {
	rec     apiclient.FailureRecord
	lookup  string
	matches int
}

// maxJournalRow bounds the row numbers a journal may name.
const maxJournalRow = 1 << 26

// journalState is the journal replayed: the state of every row, and the
// fingerprints of the records created and of those that may exist.
type journalState struct {
	mu        sync.Mutex
	rows      []rowState      // by row number; rows[0] is unused
	created   map[fpKey]int32 // fingerprint → a row created with it
	uncertain map[fpKey]int32 // fingerprint → a row whose attempt with it may have created it
	// imgFail is why the images of a row's created record failed: rare,
	// so kept beside the rows rather than in each.
	imgFail map[int32]apiclient.FailureRecord
	// wizard is what the wizard sent the rows it created with: rare too.
	wizard  map[int32]SentWith
	runs    int
	lastRun time.Time
	entries int
}

func newJournalState() *journalState {
	return &journalState{created: map[fpKey]int32{}, uncertain: map[fpKey]int32{}, imgFail: map[int32]apiclient.FailureRecord{},
		wizard: map[int32]SentWith{}}
}

// apply replays one entry. It is the one place the journal's lines become
// state, on reading and on writing.
func (s *journalState) apply(e *journalEntry) error {
	s.entries++
	switch e.Op {
	case opHeader:
		return nil
	case opRun:
		s.runs++
		if t, err := time.Parse(time.RFC3339, e.At); err == nil {
			s.lastRun = t
		}
		return nil
	}
	if e.Row < 1 || e.Row > maxJournalRow {
		return i18n.Err("batch.journal.row_range", strconv.Itoa(e.Row))
	}
	var fp [32]byte
	if n, err := hex.Decode(fp[:], []byte(e.FP)); err != nil || n != len(fp) || len(e.FP) != 2*len(fp) {
		return i18n.Err("batch.journal.bad_fingerprint", strconv.Itoa(e.Row), e.FP)
	}
	switch e.Op {
	case opImagesSending, opImagesSent, opImagesFailed:
		return s.applyImages(e, fp)
	}
	s.reserve(e.Row + 1)
	st, k, row := &s.rows[e.Row], keyOf(fp), int32(e.Row)
	switch Status(e.Op) {
	case opSending:
		if st.status == statusByte(StatusCreated) {
			return nil
		}
		st.fp, st.open = fp, true
		s.uncertain[k] = row
		// The wizard's attempt says what it sends; any other attempt
		// after it is the file's.
		if e.Admin != "" {
			s.wizard[row] = SentWith{Admin: e.Admin, IDType: e.IDType}
		} else {
			delete(s.wizard, row)
		}
	case StatusCreated:
		if e.ID == "" || apiclient.CheckSubmissionID(e.ID) != nil {
			return i18n.Err("batch.journal.no_id", strconv.Itoa(e.Row))
		}
		via, ok := viaByte(e.Via)
		if !ok {
			return i18n.Err("batch.journal.bad_via", strconv.Itoa(e.Row), e.Via)
		}
		st.fp, st.open, st.status, st.id, st.via, st.fail = fp, false, statusByte(StatusCreated), e.ID, via, nil
		s.created[k] = row
		delete(s.uncertain, k)
		if e.Admin != "" {
			s.wizard[row] = SentWith{Admin: e.Admin, IDType: e.IDType}
		} else {
			delete(s.wizard, row)
		}
	case StatusRejected, StatusNotSent, StatusUnknown:
		if st.status == statusByte(StatusCreated) {
			return nil
		}
		st.fp, st.open, st.status = fp, false, statusByte(Status(e.Op))
		if Status(e.Op) != StatusUnknown {
			delete(s.wizard, row) // no attempt of the wizard's may have created it
		}
		st.fail = &rowFailure{rec: apiclient.FailureRecord{Reason: apiclient.Reason(e.Reason), Status: e.Status,
			Code: e.Code, Field: e.Field, Encryption: parseHint(e.Enc), Outcome: outcomeOf(Status(e.Op))},
			lookup: e.Lookup, matches: e.Matches}
		if Status(e.Op) == StatusUnknown {
			s.uncertain[k] = row
		} else if r, ok := s.uncertain[k]; ok && r == row {
			delete(s.uncertain, k)
		}
	default:
		return i18n.Err("batch.journal.unknown_op", e.Op)
	}
	return nil
}

// applyImages replays an image line: it belongs to the row created with
// fingerprint fp, wherever that row now is.
func (s *journalState) applyImages(e *journalEntry, fp [32]byte) error {
	r, ok := s.created[keyOf(fp)]
	if !ok {
		return i18n.Err("batch.journal.images_not_created", strconv.Itoa(e.Row))
	}
	st := &s.rows[r]
	delete(s.imgFail, r)
	switch e.Op {
	case opImagesSending:
		st.img = ImageStateSending
	case opImagesSent:
		st.img = ImageStateSent
	default:
		st.img = ImageStateFailed
		s.imgFail[r] = apiclient.FailureRecord{Reason: apiclient.Reason(e.Reason), Status: e.Status, Code: e.Code,
			Field: e.Field, Outcome: imageOutcome(e.Outcome), Images: true}
	}
	return nil
}

// reserve makes room for rows 0..n-1, growing by half at least, so that
// rows journaled one by one do not copy the table at every step.
func (s *journalState) reserve(n int) {
	if n <= len(s.rows) {
		return
	}
	if n <= cap(s.rows) {
		s.rows = s.rows[:n]
		return
	}
	grown := make([]rowState, n, max(n, cap(s.rows)*3/2))
	copy(grown, s.rows)
	s.rows = grown
}

func outcomeOf(s Status) apiclient.Outcome {
	switch s {
	case StatusRejected:
		return apiclient.OutcomeRejected
	case StatusNotSent:
		return apiclient.OutcomeNotSent
	}
	return apiclient.OutcomeUnknown
}

// imageOutcome reads an image line's outcome; one it does not know is
// unknown (the images may have been attached, and are sent again).
func imageOutcome(s string) apiclient.Outcome {
	switch o := apiclient.Outcome(s); o {
	case apiclient.OutcomeRejected, apiclient.OutcomeNotSent:
		return o
	}
	return apiclient.OutcomeUnknown
}

func parseHint(s string) apiclient.EncryptionHint {
	switch s {
	case apiclient.EncryptionTurnOn.String():
		return apiclient.EncryptionTurnOn
	case apiclient.EncryptionTurnOff.String():
		return apiclient.EncryptionTurnOff
	}
	return apiclient.EncryptionOK
}

// export is the public view of a row's state.
func (st *rowState) export() RowState {
	r := RowState{Status: st.status.Status(), Sending: st.open, ID: st.id, ViaLookup: rowVias[st.via] == ViaLookup,
		ViaWizard: rowVias[st.via] == ViaWizard}
	if st.fp != ([32]byte{}) {
		r.Fingerprint = hex.EncodeToString(st.fp[:])
	}
	if st.fail != nil {
		r.Failure, r.Lookup, r.Matches = st.fail.rec, st.fail.lookup, st.fail.matches
	}
	r.Images = st.img
	return r
}

// exportRow is row r's public state, its images' failure included.
func (s *journalState) exportRow(r int32) RowState {
	st := s.rows[r].export()
	if st.Images == ImageStateFailed {
		st.ImageFailure = s.imgFail[r]
	}
	if w, ok := s.wizard[r]; ok {
		st.SentWith = &w
	}
	return st
}

// Action is what an import does with a valid row, given the journal.
type Action int

// The actions on a valid row.
const (
	// ActionSend: never sent, or refused or not sent last time: send it.
	ActionSend Action = iota
	// ActionLookUp: an attempt may have created it (a "sending" with no
	// outcome, or an unknown outcome): look it up before sending.
	ActionLookUp
	// ActionSkip: this exact record was created already.
	ActionSkip
	// ActionChanged: the row was created, and has changed since: reported,
	// never sent again (that would make a second submission).
	ActionChanged
)

// decide is the resume rule, in one place: a record created already (under
// any row number: rows may have moved) is skipped; a row created with
// other values is reported as changed; a row whose last attempt may have
// created it (or whose exact record may exist from an attempt under
// another row number) is looked up first; any other row is sent.
func (s *journalState) decide(row int, fp [32]byte) (Action, RowState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.created[keyOf(fp)]; ok {
		return ActionSkip, s.exportRow(r)
	}
	var st RowState
	if row < len(s.rows) {
		st = s.exportRow(int32(row))
	}
	switch {
	case st.Status == StatusCreated:
		return ActionChanged, st
	case st.Uncertain():
		return ActionLookUp, st
	}
	if r, ok := s.uncertain[keyOf(fp)]; ok {
		return ActionLookUp, s.exportRow(r)
	}
	return ActionSend, st
}

// row is the journal's state of a row number.
func (s *journalState) row(row int) RowState {
	s.mu.Lock()
	defer s.mu.Unlock()
	if row < 1 || row >= len(s.rows) {
		return RowState{}
	}
	return s.exportRow(int32(row))
}

// JournalCounts are the rows of a journal by their last outcome.
type JournalCounts struct {
	Created  int `json:"created"`
	Rejected int `json:"rejected"`
	NotSent  int `json:"notSent"`
	Unknown  int `json:"unknown"`
	// Sending counts rows whose last line is "sending" with no outcome:
	// the program stopped while their request was out.
	Sending int `json:"sending"`
	// ViaLookup counts the created rows that a lookup found after an
	// unknown outcome.
	ViaLookup int `json:"createdByLookup"`
	// Of the created rows, those whose images were attached, failed, or
	// were being sent when the program stopped (sent again by a rerun).
	ImagesSent    int `json:"imagesSent"`
	ImagesFailed  int `json:"imagesFailed"`
	ImagesSending int `json:"imagesSending"`
}

func (s *journalState) counts() JournalCounts {
	s.mu.Lock()
	defer s.mu.Unlock()
	var c JournalCounts
	for i := range s.rows {
		st := &s.rows[i]
		switch status := st.status.Status(); {
		case st.open:
			c.Sending++
		case status == StatusCreated:
			c.Created++
			if rowVias[st.via] == ViaLookup {
				c.ViaLookup++
			}
			switch st.img {
			case ImageStateSent:
				c.ImagesSent++
			case ImageStateFailed:
				c.ImagesFailed++
			case ImageStateSending:
				c.ImagesSending++
			}
		case status == StatusRejected:
			c.Rejected++
		case status == StatusNotSent:
			c.NotSent++
		case status == StatusUnknown:
			c.Unknown++
		}
	}
	return c
}

// encodeEntry is one journal line.
func encodeEntry(e *journalEntry) []byte {
	b, _ := json.Marshal(e) // strings and ints only: it always encodes
	return append(b, '\n')
}

// errJournalClosed: a write after Close (a request abandoned by a second
// ctrl+c that answered late).
var errJournalClosed = i18n.Err("batch.journal.closed")
