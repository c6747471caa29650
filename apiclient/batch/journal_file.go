package batch

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// Names of the files in a journal's folder.
const (
	JournalFile = "journal.jsonl"
	lockFile    = "lock"
	// maxJournalLine bounds one line; a real one is under 300 bytes.
	maxJournalLine = 4 << 10
)

// ErrJournalLocked: another import of the same input, to the same API with
// the same profile, is running.
var ErrJournalLocked = i18n.Err("batch.journal.locked")

// LockedError says which journal is locked, and by whom when it can.
type LockedError struct {
	Dir string
	PID int // 0 when unknown
}

// Error names the other process when it can, in the run's language.
func (e *LockedError) Error() string { return e.In(i18n.Language()) }

// In is the error in language l.
func (e *LockedError) In(l i18n.Lang) string {
	if e.PID > 0 {
		return i18n.In(l, "batch.journal.locked_by", ErrJournalLocked.In(l), strconv.Itoa(e.PID), e.Dir)
	}
	return i18n.In(l, "batch.journal.locked_at", ErrJournalLocked.In(l), e.Dir)
}

// Unwrap makes it match ErrJournalLocked.
func (e *LockedError) Unwrap() error { return ErrJournalLocked }

// JournalError is a journal that cannot be read: a line in its middle that
// is not one of its own. Nothing is sent while it stands: the operator
// decides (see the README).
type JournalError struct {
	Path string
	Line int
	Msg  error // what is wrong with the line
}

func (e *JournalError) Error() string { return e.In(i18n.Language()) }

// In is the error in language l.
func (e *JournalError) In(l i18n.Lang) string {
	return i18n.In(l, "batch.journal.damaged", e.Path, strconv.Itoa(e.Line), i18n.ErrorIn(l, e.Msg))
}

// Unwrap gives what is wrong with the line.
func (e *JournalError) Unwrap() error { return e.Msg }

// Journal is an open, locked journal of one import. Its methods may be
// called from many goroutines: writes are grouped into one fsync.
type Journal struct {
	dir   string
	f     *os.File
	lock  *flock.Flock
	state *journalState
	c     *committer
	// Truncated is how many bytes of a torn last line (a write cut short by
	// a crash) were dropped when the journal was opened.
	Truncated int64
}

// OpenJournal opens (creating it, 0600 in a 0700 folder) and locks the
// journal in dir, reads it, and drops a torn last line. A journal that
// another import holds is a *LockedError; one damaged before its end is a
// *JournalError.
func OpenJournal(dir string) (*Journal, error) {
	if err := settings.PrivateDir(dir); err != nil {
		return nil, err
	}
	lf, err := settings.OpenPrivate(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, i18n.Err("batch.io.journal_lock_open", err)
	}
	lf.Close() // checked and made 0600; flock opens it again, not following links either
	lock := flock.New(filepath.Join(dir, lockFile), flock.SetFlag(settings.LockFlag))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, i18n.Err("batch.io.journal_lock", dir, err)
	}
	if !ok {
		return nil, &LockedError{Dir: dir, PID: readLockPID(filepath.Join(dir, lockFile))}
	}
	j := &Journal{dir: dir, lock: lock}
	if err := j.open(); err != nil {
		_ = lock.Unlock()
		return nil, err
	}
	// Who holds it, for another import's message; best effort.
	if pf, err := settings.OpenPrivate(filepath.Join(dir, "pid"), os.O_WRONLY|os.O_CREATE|os.O_TRUNC); err == nil {
		_, _ = pf.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		pf.Close()
	}
	j.c = newCommitter(j.f, j.state)
	return j, nil
}

func (j *Journal) open() error {
	path := filepath.Join(j.dir, JournalFile)
	f, err := settings.OpenPrivate(path, os.O_RDWR|os.O_CREATE|os.O_APPEND)
	if err != nil {
		return i18n.Err("batch.io.journal_open", err)
	}
	st, good, err := readJournal(f, path)
	if err != nil {
		f.Close()
		return err
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return i18n.Err("batch.io.journal_read", err)
	}
	if size > good {
		// A torn last line: the write a crash cut short. Its request was
		// never made (a worker waits for its line to be durable), or its
		// outcome is unknown, which the "sending" line before it says.
		if err := f.Truncate(good); err != nil {
			f.Close()
			return i18n.Err("batch.io.journal_repair", err)
		}
		j.Truncated = size - good
	}
	if good == 0 {
		if _, err := f.Write(encodeEntry(&journalEntry{Op: opHeader, Version: journalV})); err != nil {
			f.Close()
			return i18n.Err("batch.io.journal_start", err)
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return i18n.Err("batch.io.journal_flush", err)
	}
	if good == 0 {
		if err := settings.SyncDir(j.dir); err != nil {
			f.Close()
			return err
		}
	}
	j.f, j.state = f, st
	return nil
}

// readJournal replays a journal from its start. It returns the state and
// the offset after the last good line: a last line without its newline, or
// one that does not read, is torn and ignored; a bad line before good ones
// is damage, an error.
func readJournal(r io.ReadSeeker, path string) (*journalState, int64, error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, 0, i18n.Err("batch.io.journal_read", err)
	}
	st := newJournalState()
	br := bufio.NewReaderSize(r, 64<<10)
	var good int64
	var bad *JournalError
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			return nil, 0, &JournalError{Path: path, Line: n, Msg: i18n.Err("batch.journal.long_line")}
		case err != nil && err != io.EOF:
			return nil, 0, i18n.Err("batch.io.journal_read", err)
		case len(line) == 0:
			return st, good, nil // the end; a bad line just before it was the torn last one
		case bad != nil:
			return nil, 0, bad // more lines after a bad one: damage, not a torn end
		case err == io.EOF:
			return st, good, nil // a last line without its newline: torn
		}
		if msg := parseLine(st, line, n); msg != nil {
			bad = &JournalError{Path: path, Line: n, Msg: msg}
			continue
		}
		good += int64(len(line))
	}
}

// parseLine applies one line; it says what is wrong with it, or nil.
func parseLine(st *journalState, line []byte, n int) error {
	line = bytes.TrimRight(line, "\r\n")
	if len(line) > maxJournalLine {
		return i18n.Err("batch.journal.long_line")
	}
	var e journalEntry
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return i18n.Err("batch.journal.not_line")
	}
	if n == 1 && (e.Op != opHeader || e.Version != journalV) {
		return i18n.Err("batch.journal.not_journal")
	}
	return st.apply(&e)
}

func readLockPID(path string) int {
	f, err := settings.OpenPrivate(filepath.Join(filepath.Dir(path), "pid"), os.O_RDONLY)
	if err != nil {
		return 0
	}
	defer f.Close()
	b := make([]byte, 32)
	n, _ := f.Read(b)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	return pid
}

// Dir is the journal's folder.
func (j *Journal) Dir() string { return j.dir }

// Path is the journal file.
func (j *Journal) Path() string { return filepath.Join(j.dir, JournalFile) }

// Decide is the resume rule for a valid row with fingerprint fp (hex).
func (j *Journal) Decide(row int, fp string) (Action, RowState) {
	return j.state.decide(row, mustFP(fp))
}

// Row is what the journal says about a row number.
func (j *Journal) Row(row int) RowState { return j.state.row(row) }

// Reserve makes room for rows 1..n at once: the import knows its rows
// from the preflight, and the table is then never copied while it runs.
func (j *Journal) Reserve(n int) {
	j.state.mu.Lock()
	defer j.state.mu.Unlock()
	j.state.reserve(n + 1)
}

// Counts are the rows by their last outcome.
func (j *Journal) Counts() JournalCounts { return j.state.counts() }

// Empty reports whether the journal records no row and no run.
func (j *Journal) Empty() bool {
	j.state.mu.Lock()
	defer j.state.mu.Unlock()
	return j.state.runs == 0 && len(j.state.rows) == 0
}

// StartRun records that a run starts now.
func (j *Journal) StartRun(at time.Time) error {
	return j.c.append(&journalEntry{Op: opRun, At: at.UTC().Format(time.RFC3339)})
}

// Sending records that row's record (fingerprint fp) is about to be sent.
// It returns once the line is on disk: the request may then be made.
func (j *Journal) Sending(row int, fp string) error {
	return j.c.append(&journalEntry{Op: opSending, Row: row, FP: fp})
}

// SendingInWizard is Sending for the wizard's attempt at row's record,
// with the admin and idType in w: should its answer be unclear, a lookup
// that finds the record later attaches its images with them, not with the
// row's in the file.
func (j *Journal) SendingInWizard(row int, fp string, w SentWith) error {
	return j.c.append(&journalEntry{Op: opSending, Row: row, FP: fp, Admin: w.Admin, IDType: w.IDType})
}

// CreatedByLookup records the submission id a lookup found for row's
// record; w is what the wizard's attempt that may have created it sent
// (nil when the attempt was the import's).
func (j *Journal) CreatedByLookup(row int, fp, id string, w *SentWith) error {
	e := &journalEntry{Op: string(StatusCreated), Row: row, FP: fp, ID: id, Via: ViaLookup}
	if w != nil {
		e.Admin, e.IDType = w.Admin, w.IDType
	}
	return j.c.append(e)
}

// How a created row came to be, when not from an answer to the import's
// own POST.
const (
	ViaLookup = "lookup" // a lookup found it after an unknown outcome
	ViaWizard = "wizard" // the operator fixed the row in the wizard and sent it there
)

// Created records the submission id of row's record; via is "", ViaLookup
// or ViaWizard.
func (j *Journal) Created(row int, fp, id, via string) error {
	return j.c.append(&journalEntry{Op: string(StatusCreated), Row: row, FP: fp, ID: id, Via: via})
}

// CreatedInWizard records the submission id of row's record, sent from
// the wizard with the admin and idType in w: what its images are sent
// with, by this run or a later one (the row in the file may say others).
func (j *Journal) CreatedInWizard(row int, fp, id string, w SentWith) error {
	return j.c.append(&journalEntry{Op: string(StatusCreated), Row: row, FP: fp, ID: id, Via: ViaWizard,
		Admin: w.Admin, IDType: w.IDType})
}

// Failed records an outcome other than created (rejected, not sent,
// unknown), in the words the journal keeps, and for an unknown outcome why
// a lookup could not settle it.
func (j *Journal) Failed(row int, fp string, s Status, f apiclient.FailureRecord, lookup string, matches int) error {
	code := f.Code
	if len(code) > maxCodeLen {
		code = code[:maxCodeLen]
	}
	field := f.Field
	if _, ok := apiclient.Spec(field); !ok {
		field = ""
	}
	return j.c.append(&journalEntry{Op: string(s), Row: row, FP: fp, Reason: string(f.Reason), Status: f.Status,
		Code: code, Field: field, Enc: f.Encryption.String(), Lookup: lookup, Matches: matches})
}

// ImagesSending records that the images of the record created with
// fingerprint fp (row's, in this run's file) are about to be sent. A PUT
// replaces the images it carries, so sending them again after a crash
// cannot attach anything twice: unlike a record's, an image line with no
// outcome is simply sent again.
func (j *Journal) ImagesSending(row int, fp string) error {
	return j.c.append(&journalEntry{Op: opImagesSending, Row: row, FP: fp})
}

// ImagesSent records that the images of the record created with
// fingerprint fp were attached.
func (j *Journal) ImagesSent(row int, fp string) error {
	return j.c.append(&journalEntry{Op: opImagesSent, Row: row, FP: fp})
}

// ImagesFailed records why the images of the record created with
// fingerprint fp were not attached, in the words the journal keeps (as
// Failed does: never a message, a path or a value).
func (j *Journal) ImagesFailed(row int, fp string, f apiclient.FailureRecord) error {
	code := f.Code
	if len(code) > maxCodeLen {
		code = code[:maxCodeLen]
	}
	field := f.Field
	if !apiclient.IsImageField(field) {
		field = ""
	}
	return j.c.append(&journalEntry{Op: opImagesFailed, Row: row, FP: fp, Reason: string(f.Reason), Status: f.Status,
		Code: code, Field: field, Outcome: string(f.Outcome)})
}

// Close writes what is pending, closes the file and releases the lock.
func (j *Journal) Close() error {
	if j == nil || j.f == nil {
		return nil
	}
	err := j.c.close()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	j.f = nil
	_ = os.Remove(filepath.Join(j.dir, "pid"))
	if uerr := j.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}

func mustFP(s string) [32]byte {
	var fp [32]byte
	_, _ = hex.Decode(fp[:], []byte(s))
	return fp
}

// JournalSnapshot is a journal read without its lock, for `import
// --status`: a torn last line is ignored, never repaired.
type JournalSnapshot struct {
	Path    string
	Counts  JournalCounts
	Runs    int
	LastRun time.Time
	// Running is true when an import holds the journal now.
	Running bool
	state   *journalState
}

// Row is what the snapshot says about a row number.
func (s *JournalSnapshot) Row(row int) RowState { return s.state.row(row) }

// Decide is the resume rule, as the snapshot has it.
func (s *JournalSnapshot) Decide(row int, fp string) (Action, RowState) {
	return s.state.decide(row, mustFP(fp))
}

// ReadJournal reads the journal in dir without locking or changing it. It
// is os.ErrNotExist (wrapped) when there is none.
func ReadJournal(dir string) (*JournalSnapshot, error) {
	path := filepath.Join(dir, JournalFile)
	f, err := settings.OpenPrivate(path, os.O_RDONLY)
	if err != nil {
		return nil, i18n.Err("batch.io.journal_open", err)
	}
	defer f.Close()
	st, _, err := readJournal(f, path)
	if err != nil {
		return nil, err
	}
	snap := &JournalSnapshot{Path: path, Counts: st.counts(), Runs: st.runs, LastRun: st.lastRun, state: st}
	lock := flock.New(filepath.Join(dir, lockFile), flock.SetFlag(settings.ReadLockFlag))
	if ok, err := lock.TryLock(); err == nil {
		snap.Running = !ok
		if ok {
			_ = lock.Unlock()
		}
	}
	return snap, nil
}
