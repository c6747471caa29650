package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// pickerState is the file picker of one slot. It lists a folder's
// sub-folders and the files named .jpg, .jpeg or .png, with their sizes
// (apiclient.ListImageDir, in a command), narrows them as the agent types,
// and checks the file chosen by its content (apiclient.CheckImageFile, in
// a command) before it takes a slot: a text file named .png is refused
// here, before anything could be sent.
type pickerState struct {
	slot    int
	seq     int // numbers listings and checks: a late answer is dropped
	dir     apiclient.ImageDir
	loading bool
	err     string // why the folder could not be read
	filter  string
	// shown is what the filter leaves of dir, worked out when either
	// changes (setList), not at each key or frame: a folder can hold
	// thousands of files.
	shown  []apiclient.ImageDirEntry
	lower  []string // dir's names in lower case, for the filter
	cursor int      // into shown
	top    int
	sizeW  int // the widest size of dir's files, as the list shows it
	// checking is the file being checked; refused says why the last file
	// chosen was refused, until the folder or the filter changes.
	checking string
	refused  string
}

// pickerListedMsg carries a folder's listing.
type pickerListedMsg struct {
	seq int
	dir apiclient.ImageDir
	err error
}

// pickerTakeFileMsg says a path opened in the picker is no folder: it is
// checked as the slot's file.
type pickerTakeFileMsg struct {
	seq  int
	path string
}

// imageCheckedMsg carries the check of the file chosen for a slot.
type imageCheckedMsg struct {
	seq  int
	slot int
	path string
	file *apiclient.ImageFile
	err  error
}

// openPicker opens the picker for a slot, in the folder of the last file
// picked (or of the slot's file, or the working folder).
func (m *model) openPicker(slot int) tea.Cmd {
	dir := m.im.dir
	if p := m.im.paths[slot]; p != "" {
		dir = filepath.Dir(p)
	}
	if dir == "" {
		dir = "."
	}
	m.im.pick = pickerState{slot: slot, seq: m.im.pick.seq}
	return tea.Batch(m.setScreen(screenImagePicker), m.listDir(dir))
}

// listDir reads a folder in a command.
func (m *model) listDir(dir string) tea.Cmd {
	p := &m.im.pick
	p.seq++
	p.loading = true
	seq := p.seq
	return func() tea.Msg {
		d, err := apiclient.ListImageDir(dir)
		return pickerListedMsg{seq: seq, dir: d, err: err}
	}
}

// checkFile checks the chosen file in a command.
func (m *model) checkFile(path string) tea.Cmd {
	p := &m.im.pick
	p.seq++
	p.checking, p.refused = path, ""
	seq, slot := p.seq, p.slot
	kind := apiclient.ImageKinds[slot]
	return func() tea.Msg {
		f, err := apiclient.CheckImageFile(kind, path)
		return imageCheckedMsg{seq: seq, slot: slot, path: path, file: f, err: err}
	}
}

// visible are the entries the filter leaves, the parent folder first.
func (p *pickerState) visible() []apiclient.ImageDirEntry { return p.shown }

// setList takes a new folder or filter and works out what is shown. Why
// the last file chosen was refused belongs to the list it was chosen from:
// a new folder or filter clears it (a new slot opens a new picker).
func (p *pickerState) setList(dir apiclient.ImageDir, filter string) {
	p.refused = ""
	if p.lower == nil {
		p.lower = make([]string, len(dir.Entries))
		p.sizeW = 0
		for i, e := range dir.Entries {
			p.lower[i] = strings.ToLower(e.Name)
			if !e.Dir {
				p.sizeW = max(p.sizeW, ansi.StringWidth(entrySize(e)))
			}
		}
	}
	p.dir, p.filter = dir, filter
	out := make([]apiclient.ImageDirEntry, 0, len(dir.Entries)+1)
	if parent := filepath.Dir(p.dir.Path); p.dir.Path != "" && parent != p.dir.Path && p.filter == "" {
		out = append(out, apiclient.ImageDirEntry{Name: "..", Path: parent, Dir: true})
	}
	f := strings.ToLower(p.filter)
	for i, e := range p.dir.Entries {
		if f == "" || strings.Contains(p.lower[i], f) {
			out = append(out, e)
		}
	}
	p.shown = out
}

func (m *model) updatePicker(msg tea.Msg) (tea.Model, tea.Cmd) {
	p := &m.im.pick
	switch msg := msg.(type) {
	case pickerTakeFileMsg:
		if msg.seq == p.seq {
			return m, m.checkFile(msg.path)
		}
		return m, nil
	case pickerListedMsg:
		if msg.seq == p.seq {
			p.loading, p.cursor, p.top, p.err, p.checking, p.lower = false, 0, 0, "", "", nil
			p.setList(msg.dir, "")
			if msg.err != nil {
				p.err = apiclient.Sanitize(i18n.Text(msg.err))
			}
			// Open on the first file, past the parent and the folders.
			for i, e := range p.visible() {
				if !e.Dir {
					p.cursor = i
					break
				}
			}
			m.clampPicker()
		}
		return m, nil
	case imageCheckedMsg:
		return m.fileChecked(msg)
	case tea.PasteMsg:
		text := strings.TrimSpace(msg.Content)
		if (text == "~" || strings.ContainsAny(text, `/\`)) && !strings.ContainsAny(text, "\n\r") {
			// A path copied from elsewhere: go to it, or check it.
			return m, m.goTo(text)
		}
		p.setList(p.dir, p.filter+apiclient.Sanitize(text))
		p.cursor, p.top = 0, 0
		return m, nil
	case tea.KeyPressMsg:
		next, cmd := m.pickerKey(msg)
		m.clampPicker()
		return next, cmd
	}
	return m, nil
}

// goTo opens a path pasted, or typed and taken with Enter: a folder is
// listed, anything else is checked as the slot's file (a missing one is
// refused with its reason). ~ is the home folder, as in a shell; a
// relative path starts from the folder shown.
func (m *model) goTo(path string) tea.Cmd {
	home := path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, `~\`)
	if !home && !filepath.IsAbs(path) && m.im.pick.dir.Path != "" {
		path = filepath.Join(m.im.pick.dir.Path, path)
	}
	seq := m.im.pick.seq
	return func() tea.Msg {
		// The home folder is looked up here, off the update.
		if home {
			if h, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(h, path[1:])
			}
		}
		if d, err := apiclient.ListImageDir(path); err == nil {
			return pickerListedMsg{seq: seq, dir: d}
		}
		return pickerTakeFileMsg{seq: seq, path: path}
	}
}

// clampPicker keeps the cursor on an entry and in sight.
func (m *model) clampPicker() {
	p := &m.im.pick
	n, rows := len(p.visible()), m.pickerRows()
	p.cursor = min(p.cursor, max(n-1, 0))
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
}

func (m *model) pickerKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	p := &m.im.pick
	vis := p.visible()
	switch {
	case k.String() == "up":
		p.cursor = max(p.cursor-1, 0)
	case k.String() == "down":
		p.cursor = min(p.cursor+1, max(len(vis)-1, 0))
	case k.String() == "pgup":
		p.cursor = max(p.cursor-m.pickerRows(), 0)
	case k.String() == "pgdown":
		p.cursor = min(p.cursor+m.pickerRows(), max(len(vis)-1, 0))
	case k.String() == "backspace" && p.filter != "":
		r := []rune(p.filter)
		p.setList(p.dir, string(r[:len(r)-1]))
		p.cursor, p.top = 0, 0
	case key.Matches(k, m.imgKeys.Parent):
		if parent := filepath.Dir(p.dir.Path); p.dir.Path != "" && parent != p.dir.Path {
			return m, m.listDir(parent)
		}
	case key.Matches(k, m.imgKeys.Choose):
		if p.loading || p.checking != "" {
			return m, nil
		}
		if len(vis) == 0 && strings.TrimSpace(p.filter) != "" {
			// Nothing here matches what was typed: it is a path, taken
			// as a pasted one is.
			return m, m.goTo(strings.TrimSpace(p.filter))
		}
		if p.cursor >= len(vis) {
			return m, nil
		}
		e := vis[p.cursor]
		if e.Dir {
			return m, m.listDir(e.Path)
		}
		return m, m.checkFile(e.Path)
	case key.Matches(k, m.imgKeys.Close):
		p.seq++ // a check or listing still on its way is dropped
		p.checking = ""
		return m, m.setScreen(screenImages)
	case k.Text != "" && k.Mod == 0 || k.Text != "" && k.Mod == tea.ModShift:
		p.setList(p.dir, p.filter+apiclient.Sanitize(k.Text))
		p.cursor, p.top = 0, 0
	}
	return m, nil
}

// fileChecked takes a file that passed CheckImageFile into its slot, or
// says why it was refused and stays in the picker.
func (m *model) fileChecked(msg imageCheckedMsg) (tea.Model, tea.Cmd) {
	p := &m.im.pick
	if msg.seq != p.seq {
		return m, nil
	}
	p.checking = ""
	if msg.err != nil {
		p.refused = apiclient.Sanitize(filepath.Base(msg.path)) + " " + problemWords(msg.err)
		return m, nil
	}
	im := &m.im
	im.files[msg.slot], im.paths[msg.slot], im.problems[msg.slot] = msg.file, msg.path, ""
	im.dir = filepath.Dir(msg.path)
	im.cursor = msg.slot
	return m, tea.Batch(m.keepImages(nil), m.setScreen(screenImages))
}

// problemWords is what a file check said, as a verb phrase: "is not a jpg
// or png image: it holds text".
func problemWords(err error) string {
	var p *apiclient.ImageProblem
	if errors.As(err, &p) {
		return apiclient.Sanitize(p.Message)
	}
	return apiclient.Sanitize(i18n.Text(err))
}

// pickerRows is how many entries fit between the picker's head and foot.
func (m *model) pickerRows() int { return max(m.bodyHeight()-7, 3) }

func (m *model) viewPicker() string {
	lines, _ := m.pickerLines()
	return strings.Join(lines, "\n")
}

// pickerCaret is where the filter's caret is: typed text (a Korean name
// being composed too) shows at the end of the filter line.
func (m *model) pickerCaret() (row, col int, ok bool) {
	lines, at := m.pickerLines()
	if at < 0 || at >= len(lines) {
		return 0, 0, false
	}
	p := &m.im.pick
	return at, ansi.StringWidth(i18n.T("wizard_images.picker.filter")+" ") + ansi.StringWidth(p.filter), true
}

// pickerLines are the picker's lines, and which of them is the filter.
func (m *model) pickerLines() ([]string, int) {
	p := &m.im.pick
	g := m.st.G
	w := min(m.contentWidth(), 90)
	// The title, with "(checked by its content)" when both fit.
	title := m.st.Title.Render(m.fitWords(i18n.T("wizard_images.picker.title", slotLabel(p.slot)), w))
	if checked := " " + i18n.T("wizard_images.picker.checked"); lipgloss.Width(title+checked) <= w {
		title += m.st.Dim.Render(checked)
	}
	lines := []string{"", title, m.st.Dim.Render(m.leftTruncate(apiclient.Sanitize(p.dir.Path), w))}
	vis := p.visible()
	// What is said under the filter (the file being checked, or why the
	// last one was refused) is wrapped, never cut: the list gives up the
	// rows it takes beyond its one, keeping three.
	var below []string
	switch {
	case p.checking != "":
		below = []string{m.spin.View() + " " + m.fitWords(i18n.T("wizard_images.picker.checking", apiclient.Sanitize(filepath.Base(p.checking)))+g.Ellipsis, w-2)}
	case p.refused != "":
		for _, l := range m.wrapCapped(g.Cross+" "+i18n.T("wizard_images.picker.refused", p.refused), w, max(m.pickerRows()-2, 1)) {
			below = append(below, m.st.Invalid.Render(l))
		}
	}
	rows := max(m.pickerRows()-max(len(below)-1, 0), 3)
	extra := 0 // lines of a message beyond its one
	switch {
	case p.loading && p.dir.Path == "":
		lines = append(lines, m.spin.View()+" "+i18n.T("wizard_images.picker.reading")+g.Ellipsis)
	case p.err != "":
		lines = append(lines, m.st.Invalid.Render(m.fitWords(g.Cross+" "+p.err, w)))
	case len(vis) == 0 && p.filter != "":
		// What was typed may be a path: Enter takes it (in a row of the
		// empty list).
		lines = append(lines, m.st.Empty.Render(m.fitWords("  "+i18n.T("wizard_images.picker.no_match", p.filter), w)),
			m.st.Dim.Render(m.fitWords("  "+i18n.T("wizard_images.picker.enter_path"), w)))
		extra = 1
	case len(vis) == 0:
		lines = append(lines, m.st.Empty.Render(m.fitWords("  "+i18n.T("wizard_images.picker.empty"), w)))
	}
	// The window may have shrunk since the last key, or a message taken
	// rows: keep the cursor in sight without changing the model while
	// drawing.
	top := min(p.top, max(p.cursor, 0))
	if p.cursor >= top+rows {
		top = p.cursor - rows + 1
	}
	for i := top; i < len(vis) && i < top+rows; i++ {
		lines = append(lines, m.entryLine(vis[i], i == p.cursor, w, p.sizeW))
	}
	for i := max(len(vis)-top, 0) + extra; i < rows; i++ {
		lines = append(lines, "")
	}
	// The filter: what is typed shows here, the terminal's cursor after it.
	// Its hints give way whole, the count of entries not shown first.
	foot := i18n.T("wizard_images.picker.filter") + " "
	if p.filter == "" {
		foot = m.st.Dim.Render(foot + m.fitWords(i18n.T("wizard_images.picker.type_to_narrow"), max(w-lipgloss.Width(foot), 1)))
	} else {
		foot = m.st.Dim.Render(foot) + p.filter
		if shown := " " + i18n.T("wizard_images.picker.shown", len(vis)); lipgloss.Width(foot+shown) <= w {
			foot += m.st.Dim.Render(shown)
		}
	}
	if others := " " + g.Dot + " " + i18n.T("wizard_images.picker.others", p.dir.Others); p.dir.Others > 0 && lipgloss.Width(foot+others) <= w {
		foot += m.st.Dim.Render(others)
	}
	filterRow := len(lines)
	lines = append(lines, m.st.fit(foot, w))
	return append(lines, below...), filterRow
}

// entrySize is a file's size as its row shows it, marked when large.
func entrySize(e apiclient.ImageDirEntry) string {
	size := apiclient.ByteSize(e.Size)
	if e.Large() {
		size = "! " + size
	}
	return size
}

// entryLine is one row of the picker: a folder, or a file with its size in
// a column as wide as the folder's widest size (sizeW), one space apart
// from the name.
func (m *model) entryLine(e apiclient.ImageDirEntry, current bool, w, sizeW int) string {
	mark := "  "
	if current {
		mark = m.st.Cursor.Render(cursorMark)
	}
	name := apiclient.Sanitize(e.Name)
	size := ""
	if e.Dir {
		name += "/"
	} else {
		size = entrySize(e)
	}
	sizeW = max(sizeW, ansi.StringWidth(size), 8)
	room := max(w-2-1-sizeW, 8)
	name = m.st.fitPad(name, room)
	size = " " + padLeft(size, sizeW)
	switch {
	case current:
		return mark + m.st.Cursor.Render(name+size)
	case e.Large():
		return mark + name + m.st.Warn.Render(size)
	}
	return mark + name + size
}

// leftTruncate keeps the end of a path that is too long: "…/tickets/4521".
func (m *model) leftTruncate(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	e := m.st.G.Ellipsis
	return e + keepRight(s, w-ansi.StringWidth(e))
}

// keysPicker are the picker's keys, in the order the footer shows them.
func (m *model) keysPicker() []key.Binding {
	k := m.imgKeys
	return []key.Binding{k.Up, k.Choose, k.Parent, k.Close, m.keys.Quit}
}
