package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// DraftStore keeps the record between sessions; *draft.Store is the
// real one. Every call is made from a tea.Cmd, or from Run once the program
// has ended.
type DraftStore interface {
	Save(ctx context.Context, d draft.Draft) error
	Cleared(ctx context.Context, l draft.LastSuccess) error
	SaveSuccess(ctx context.Context, l draft.LastSuccess) error
	Discard() error
	Backup() (string, error)
}

// LookupFunc finds the submissions made for an email; the real one is
// (*apiclient.Client).FindByEmail.
type LookupFunc func(ctx context.Context, email string) ([]apiclient.FoundSubmission, error)

// DraftOptions say how the wizard keeps and resumes drafts.
type DraftOptions struct {
	// Store saves the draft; nil turns saving off (read-only, or refused).
	Store DraftStore
	// Found is the draft on disk at start; the resume screen asks about it.
	Found *draft.Draft
	// Pending is the last success when images chosen for it were not
	// attached; the wizard offers them first (screen_images_offer.go).
	Pending *draft.LastSuccess
	// Resume opens Found without asking (--resume).
	Resume bool
	// StartAtReview opens the review over Deps.Initial with every invalid
	// field flagged (--from FILE).
	StartAtReview bool
	// Notices are shown in the status line above the footer: those that
	// start with "!" are warnings (drafts not saved, a draft moved aside),
	// the others notes (where a backup went). The most important and newest
	// takes the line; a later note never hides a warning.
	Notices []string
	// ShortNotices are notes' short forms, by their text: what a note
	// says on the screens after its first, in one line ("Previous draft
	// kept: …/NAME.json"), instead of the sentence cut short.
	ShortNotices map[string]string
	// Unencrypted: drafts are saved in clear in this run (no OS keyring). A
	// standing state, shown as a badge in the header, not in the status line.
	Unencrypted bool
	Profile     string
}

// finalSaveTimeout bounds the save Run makes after the program has ended.
const finalSaveTimeout = 5 * time.Second

// draftState is the wizard's part about drafts.
type draftState struct {
	outcome   draft.Outcome        // what happened to the last submit, saved with the draft
	cleared   bool                 // the record was created: nothing to keep until it is edited
	created   apiclient.Submission // the record as it was created
	last      *draft.LastSuccess   // the record of that success, for the final save
	notices   []notice             // the status line above the footer (notices.go)
	noticeSeq int
	onScreen  bool   // a screen has been set: a notice added now is on it
	saveErr   string // why the last autosave failed
	clearErr  string // why the draft of a created record could not be cleared
	focus     string // field to focus once the form has run Init
	discard   bool   // the resume screen asked "press d again"
	saved     bool   // some save reached the disk in this run
}

// draftMsg is every message of the draft machinery, routed by Update to
// updateDraftMsg.
type draftMsg interface{ draftMsg() }

// draftSavedMsg reports an autosave.
type draftSavedMsg struct{ err error }

// draftBackedUpMsg reports that the resumed-or-not draft was kept aside.
type draftBackedUpMsg struct {
	path string
	err  error
}

// draftDiscardedMsg reports a discard from the resume screen.
type draftDiscardedMsg struct{ err error }

// draftClearedMsg reports the draft cleared after a created record.
type draftClearedMsg struct{ err error }

func (draftSavedMsg) draftMsg()     {}
func (draftBackedUpMsg) draftMsg()  {}
func (draftDiscardedMsg) draftMsg() {}
func (draftClearedMsg) draftMsg()   {}
func (lookupDoneMsg) draftMsg()     {}

// worthSaving says whether the record holds something to keep: not empty,
// and not just the admin that "start another" carried over from a created
// record.
func (m *model) worthSaving() bool {
	if m.sub.IsZero() {
		return false
	}
	if !m.dr.cleared {
		return true
	}
	return *m.sub != m.dr.created && *m.sub != apiclient.Submission{Admin: m.sub.Admin}
}

// draft is the record as it would be saved now.
func (m *model) draft() draft.Draft {
	return draft.Draft{Submission: *m.sub, SavedAt: m.now(), Profile: m.deps.Drafts.Profile,
		APIURL: m.target.URL, Outcome: m.dr.outcome}
}

// autosave returns a command that saves the draft, or nil when there is no
// store or nothing worth keeping.
func (m *model) autosave() tea.Cmd {
	store := m.deps.Drafts.Store
	if store == nil || !m.worthSaving() {
		return nil
	}
	m.dr.cleared = false
	d, ctx := m.draft(), m.ctx
	return func() tea.Msg { return draftSavedMsg{err: store.Save(ctx, d)} }
}

// saveBeforeSend is run inside the submit command, before the POST: if the
// program dies while the request is out, the draft already says the outcome
// is unknown.
func (m *model) saveBeforeSend() func(context.Context) {
	store := m.deps.Drafts.Store
	if store == nil {
		return func(context.Context) {}
	}
	d := m.draft()
	return func(ctx context.Context) { _ = store.Save(context.WithoutCancel(ctx), d) }
}

// afterSubmit records a submit's answer in the draft: cleared and a "last
// success" on success, what happened otherwise.
func (m *model) afterSubmit(id string, err error) tea.Cmd {
	store := m.deps.Drafts.Store
	if err != nil {
		m.dr.outcome = draft.OutcomeOf(err, *m.sub, m.now())
		return m.autosave()
	}
	m.dr.outcome = draft.Outcome{}
	m.dr.cleared, m.dr.created = true, *m.sub
	if store == nil {
		return nil
	}
	// With what attaching its images needs, now or in a later run.
	last := draft.LastSuccess{ID: id, At: m.now(), Email: m.sub.Email, Admin: m.sub.Admin, IDType: m.sub.IDType, APIURL: m.target.URL}
	m.dr.last = &last
	ctx := m.ctx
	return func() tea.Msg { return draftClearedMsg{err: store.Cleared(ctx, last)} }
}

// formPage is the index of the form page that has the focus, or -1.
func (m *model) formPage() int {
	if m.form == nil || m.form.GetFocusedField() == nil {
		return -1
	}
	return apiclient.PageOf(m.form.GetFocusedField().GetKey())
}

// pageDone saves when the form moved past a page (or finished).
func (m *model) pageDone(before int) tea.Cmd {
	if m.screen != screenForm || m.formPage() > before {
		return m.autosave()
	}
	return nil
}

// finalSave is the synchronous save Run makes once the program has ended
// (quit, ctrl+c, SIGTERM, SIGHUP): the only draft I/O outside a tea.Cmd.
func (m *model) finalSave(ctx context.Context) error {
	store := m.deps.Drafts.Store
	if store == nil {
		return nil
	}
	m.finalImages(ctx)
	if !m.worthSaving() {
		return m.finalClear(ctx)
	}
	if m.screen == screenSubmitting {
		m.dr.outcome = endedWhileSending(m.now())
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalSaveTimeout)
	defer cancel()
	if err := store.Save(ctx, m.draft()); err != nil {
		return err
	}
	m.dr.saved = true
	return nil
}

// finalClear clears the draft of a record created in this run, and keeps
// the record of that success. The command afterSubmit returned does the
// same, but a quit or SIGTERM right after the answer can end the program
// before it runs, leaving the draft saved before the POST ("outcome
// unknown") on disk. Both steps are harmless to repeat.
func (m *model) finalClear(ctx context.Context) error {
	store := m.deps.Drafts.Store
	if !m.dr.cleared {
		return nil
	}
	if m.dr.last == nil {
		return store.Discard()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalSaveTimeout)
	defer cancel()
	return store.Cleared(ctx, *m.dr.last)
}

// updateDraftMsg handles the answers of draft and lookup commands.
func (m *model) updateDraftMsg(msg draftMsg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case draftSavedMsg:
		if msg.err != nil {
			m.dr.saveErr = apiclient.Sanitize(i18n.Text(msg.err))
		} else {
			m.dr.saveErr, m.dr.saved = "", true
		}
	case draftBackedUpMsg:
		if msg.err != nil {
			m.dr.saveErr = apiclient.Sanitize(i18n.Text(msg.err))
		} else if msg.path != "" {
			m.note(i18n.T("wizard.notice.backup_kept", apiclient.Sanitize(msg.path)))
		}
	case draftClearedMsg:
		if msg.err != nil {
			m.dr.clearErr = apiclient.Sanitize(i18n.Text(msg.err))
		}
	case draftDiscardedMsg:
		if msg.err != nil {
			m.dr.saveErr = apiclient.Sanitize(i18n.Text(msg.err))
		} else {
			m.note(i18n.T("wizard.notice.discarded"))
		}
	case lookupDoneMsg:
		return m.lookupDone(msg)
	}
	return m, nil
}

// endedWhileSending is the outcome a draft keeps while its record is out:
// if the wizard ends before the answer, the record may exist. The message
// is kept in the draft (draft show prints it), in the run's language.
func endedWhileSending(at time.Time) draft.Outcome {
	return draft.Outcome{Kind: draft.OutcomeUnknown, At: at, Message: i18n.T("wizard.submitting.ended")}
}
