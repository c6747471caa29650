package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/forms/draft"
)

// AttachFunc sends images to a submission that exists; the real one is
// (*apiclient.Client).AttachImages.
type AttachFunc func(ctx context.Context, u apiclient.ImageUpload) error

// numKinds is how many images a submission holds: one slot each, in the
// order of apiclient.ImageKinds.
var numKinds = len(apiclient.ImageKinds)

// imagesState is the wizard's part about attaching images to a submission
// (screen_images*.go): the slots, the picker, the send and its failure.
type imagesState struct {
	// last is the record the images are for, as the draft store keeps it:
	// m.dr.last for a record created in this run (so that the final save
	// keeps what was not attached), a copy of the one found at start for
	// the offer. nil until the flow opens.
	last *draft.LastSuccess
	home screen // where the flow goes back to: the result, or the offer
	// idType is sent with the front or back of the ID: the record's unless
	// the agent picks another.
	idType string
	files  []*apiclient.ImageFile // by slot; nil for none
	// paths are the files chosen, by slot, even one that cannot be sent
	// now (problems says why): kept for the next run until attached.
	paths    []string
	problems []string
	cursor   int // a slot, or numKinds for the ID type
	dir      string
	pick     pickerState

	seq        int // numbers each send, so a late answer is known
	cancel     context.CancelFunc
	cancelling bool
	started    time.Time
	fail       apiclient.Failure
	// attached names what the last send attached ("front.jpg, selfie.png").
	attached string
	// touched: the images' state changed in this run, so the final save
	// writes it.
	touched bool
	// checking: the files kept from an earlier run are being checked again.
	checking bool
	// sends counts the sends that attached images in this run, whatever
	// record they were for.
	sends int
}

// canAttach reports whether images can be sent to the record on the result.
func (m *model) canAttach() bool { return m.deps.Attach != nil && m.lastID != "" }

// openImages opens the slots for the record on the result screen; the
// files chosen for it so far are kept.
func (m *model) openImages() tea.Cmd {
	if m.im.last == nil || m.im.last.ID != m.lastID {
		last := m.dr.last
		if last == nil || last.ID != m.lastID {
			// No draft store: the record is described here, and kept nowhere.
			last = &draft.LastSuccess{ID: m.lastID, At: m.now(), Email: m.sub.Email, Admin: m.sub.Admin,
				IDType: m.sub.IDType, APIURL: m.target.URL}
		}
		sends := m.im.sends
		m.im = newImagesState(last, screenResult)
		m.im.sends = sends
	}
	return m.setScreen(screenImages)
}

func newImagesState(last *draft.LastSuccess, home screen) imagesState {
	return imagesState{last: last, home: home, idType: last.IDType,
		files: make([]*apiclient.ImageFile, numKinds), paths: make([]string, numKinds), problems: make([]string, numKinds)}
}

// upload is what the send carries now.
func (m *model) upload() apiclient.ImageUpload {
	u := apiclient.ImageUpload{SubmissionID: m.im.last.ID, Admin: m.im.last.Admin}
	for i, k := range apiclient.ImageKinds {
		if f := m.im.files[i]; f != nil {
			u.SetFile(k, f)
		}
	}
	if u.NeedsIDType() {
		u.IDType = m.im.idType
	}
	return u
}

// chosen counts the slots with a file that can be sent, and their bytes.
func (m *model) chosen() (n int, size int64) {
	for _, f := range m.im.files {
		if f != nil {
			n++
			size += f.Size
		}
	}
	return n, size
}

// pendingPaths are the files chosen and not attached, by kind.
func (m *model) pendingPaths() map[apiclient.ImageKind]string {
	paths := map[apiclient.ImageKind]string{}
	if m.im.paths == nil {
		return paths // the flow never opened
	}
	for i, k := range apiclient.ImageKinds {
		if p := m.im.paths[i]; p != "" {
			paths[k] = p
		}
	}
	return paths
}

// keepImages writes the images chosen and not attached into the record's
// last success, with how their last send ended when outcome is given, and
// returns the command that saves it (nil without a draft store).
func (m *model) keepImages(outcome *draft.Outcome) tea.Cmd {
	l := m.im.last
	if l == nil {
		return nil
	}
	m.syncImages()
	if outcome != nil {
		l.ImagesOutcome = *outcome
	}
	m.im.touched = true
	store := m.deps.Drafts.Store
	if store == nil {
		return nil
	}
	saved, ctx := *l, m.ctx
	return func() tea.Msg { return imagesKeptMsg{err: store.SaveSuccess(context.WithoutCancel(ctx), saved)} }
}

// syncImages copies the chosen files into the last success.
func (m *model) syncImages() {
	if l := m.im.last; l != nil && m.im.paths != nil {
		l.Images = draft.PendingImages(m.pendingPaths())
		if m.im.idType != "" {
			l.IDType = m.im.idType
		}
	}
}

// imagesKeptMsg reports the save of the images' state.
type imagesKeptMsg struct{ err error }

func (imagesKeptMsg) draftMsg() {}

// slotLabel is what an operator calls the image of a slot.
func slotLabel(i int) string { return apiclient.ImageKinds[i].Label() }

func (m *model) updateImages(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	im := &m.im
	onType := im.cursor == numKinds
	switch {
	case key.Matches(k, m.keys.Up):
		im.cursor = max(im.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		im.cursor = min(im.cursor+1, numKinds)
	case onType && (key.Matches(k, m.imgKeys.Pick) || key.Matches(k, m.imgKeys.IDType)),
		!onType && key.Matches(k, m.imgKeys.IDType):
		im.idType = nextIDType(im.idType)
		if !onType {
			im.cursor = numKinds
		}
		return m, m.keepImages(nil)
	case !onType && key.Matches(k, m.imgKeys.Pick):
		return m, m.openPicker(im.cursor)
	case !onType && key.Matches(k, m.imgKeys.Remove) && im.paths[im.cursor] != "":
		im.files[im.cursor], im.paths[im.cursor], im.problems[im.cursor] = nil, "", ""
		return m, m.keepImages(nil)
	case m.canReviewImages() && key.Matches(k, m.imgKeys.Review):
		return m, m.setScreen(screenImagesReview)
	case key.Matches(k, m.imgKeys.Back):
		return m, m.setScreen(im.home)
	case key.Matches(k, m.keys.QuitSoft):
		return m.quit()
	}
	return m, nil
}

// canReviewImages reports whether at least one file can be sent.
func (m *model) canReviewImages() bool {
	n, _ := m.chosen()
	return n > 0 && !m.im.checking
}

// nextIDType is the documented ID type after t ("" starts at the first).
func nextIDType(t string) string {
	for i, o := range apiclient.IDTypes {
		if o.Value == t {
			return apiclient.IDTypes[(i+1)%len(apiclient.IDTypes)].Value
		}
	}
	return apiclient.IDTypes[0].Value
}

// idTypeWords names an ID type: "Driver's license (drivers_license)".
func idTypeWords(t string) string {
	if t == "" {
		return i18n.T("wizard_images.slots.none")
	}
	return apiclient.ValueWords(apiclient.FieldIDType, t)
}

// slotColumn is the width of the slots' label column: the widest label
// ("Proof of address", "주소 증빙") and a gap, at least slotWidth.
func slotColumn() int {
	w := ansi.StringWidth(i18n.T("wizard_images.slots.id_type"))
	for i := range numKinds {
		w = max(w, ansi.StringWidth(slotLabel(i)))
	}
	return max(w+3, slotWidth)
}

// slotWidth is the least width of the slots' label column.
const slotWidth = 19

func (m *model) viewImages() string {
	im := &m.im
	g := m.st.G
	w := min(m.contentWidth(), 90)
	wrap := lipgloss.NewStyle().Width(w)
	lines := []string{"", m.st.Title.Render(i18n.T("wizard_images.slots.title", apiclient.Sanitize(im.last.ID))),
		m.st.Dim.Render(m.st.fit(m.recordWords(), w)), ""}
	if im.checking {
		lines = append(lines, m.st.Dim.Render(i18n.T("wizard_images.slots.checking")+g.Ellipsis), "")
	}
	col := slotColumn()
	for i := range numKinds {
		lines = append(lines, m.slotLine(i, w, col))
	}
	typeLine := idTypeWords(im.idType)
	switch {
	case m.upload().IDType == "":
		typeLine += m.st.Dim.Render(" " + g.Dot + " " + i18n.T("wizard_images.slots.id_images_only"))
	case im.idType == im.last.IDType && im.home == screenResult:
		typeLine += m.st.Dim.Render(" " + g.Dot + " " + i18n.T("wizard_images.slots.the_records"))
	}
	left := m.imageCursorMark(numKinds) + m.st.Label.Render(padRight(i18n.T("wizard_images.slots.id_type"), col))
	lines = append(lines, left+m.st.fit(typeLine, max(w-lipgloss.Width(left), 10)))
	n, size := m.chosen()
	summary := i18n.T("wizard_images.slots.pick")
	if n > 0 {
		summary = i18n.T("wizard_images.slots.chosen", n, apiclient.ByteSize(size))
	}
	lines = append(lines, "", wrap.Render(summary))
	return strings.Join(lines, "\n")
}

// recordWords names the record the images go to: "for m@sample.com ·
// admin a@sample.com · created 14:02 today".
func (m *model) recordWords() string {
	l := m.im.last
	parts := []string{i18n.T("wizard_images.slots.for", apiclient.Sanitize(l.Email)), i18n.T("wizard_images.slots.admin", apiclient.Sanitize(l.Admin))}
	if !l.At.IsZero() {
		parts = append(parts, i18n.T("wizard_images.slots.created", draft.When(l.At, m.now())))
	}
	return strings.Join(parts, " "+m.st.G.Dot+" ")
}

func (m *model) imageCursorMark(i int) string {
	if m.im.cursor == i {
		return m.st.Cursor.Render(cursorMark)
	}
	return "  "
}

// slotLine is one image's row: its label and its file (name, type, size),
// none, or why the file chosen cannot be sent.
func (m *model) slotLine(i, w, col int) string {
	im := &m.im
	left := m.imageCursorMark(i) + m.st.Label.Render(padRight(slotLabel(i), col))
	room := max(w-lipgloss.Width(left), 10)
	var right string
	switch f := im.files[i]; {
	case f != nil:
		warn := ""
		if f.Large() {
			warn = " ! " + i18n.T("wizard_images.slots.over", apiclient.ByteSize(apiclient.LargeImageBytes))
		}
		right = m.fileWords(f, ", ", room-ansi.StringWidth(warn))
		if warn != "" {
			right += m.st.Warn.Render(warn)
		}
	case im.problems[i] != "":
		problem := " " + im.problems[i]
		name := truncMiddle(apiclient.Sanitize(filepath.Base(im.paths[i])), max(room-2-ansi.StringWidth(problem), 12), m.st.G.Ellipsis)
		right = m.st.Invalid.Render(m.st.G.Cross + " " + name + problem)
	default:
		right = m.st.Empty.Render(i18n.T("wizard_images.slots.none"))
	}
	return left + m.st.fit(right, room)
}

// fileWords are a chosen file's name, type and size in w cells, joined by
// sep ("운전면허증_앞…_최종본.jpg, JPEG, 6 KB"): a long name gives way,
// cut in its middle by display width (a Hangul syllable takes two cells),
// never the type and size.
func (m *model) fileWords(f *apiclient.ImageFile, sep string, w int) string {
	rest := sep + f.TypeName() + sep + apiclient.ByteSize(f.Size)
	return truncMiddle(f.Name(), max(w-ansi.StringWidth(rest), 8), m.st.G.Ellipsis) + rest
}

// keysImages are the keys of the slots, in the order the footer shows them.
func (m *model) keysImages() []key.Binding {
	k := m.imgKeys
	var b []key.Binding
	b = append(b, m.keys.Up)
	if m.im.cursor == numKinds {
		next := k.Pick
		next.SetHelp("enter", i18n.T("wizard_images.keys.next_id_type"))
		b = append(b, next)
	} else {
		b = append(b, k.Pick)
		if m.im.paths[m.im.cursor] != "" {
			b = append(b, k.Remove)
		}
	}
	if m.canReviewImages() {
		b = append(b, k.Review)
	}
	return append(b, k.Back, m.keys.QuitSoft)
}

// enterImages opens the slots on the first one without a file.
func (m *model) enterImages() tea.Cmd {
	if m.im.cursor < numKinds && m.im.paths[m.im.cursor] != "" {
		for i, p := range m.im.paths {
			if p == "" {
				m.im.cursor = i
				break
			}
		}
	}
	return nil
}
