package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
)

// Messages of the progress screen.
type (
	batchEventMsg     batch.Event
	batchFinishedMsg  BatchFinal
	batchInterruptMsg struct{}
	batchTickMsg      time.Time
	batchControlMsg   struct{} // a control call has returned
)

// batchRecent is how many refusals the running screen shows.
const batchRecent = 4

// batchTick is how often the pace and the time left are recomputed.
const batchTick = 500 * time.Millisecond

// batchKeys are the keys of the progress screen.
type batchKeys struct {
	Pause, Stop, Abandon, Up, Down, Fix, Leave key.Binding
}

func newBatchKeys() batchKeys {
	g := glyphs.Current()
	return batchKeys{
		Pause:   key.NewBinding(key.WithKeys("p", "space"), key.WithHelp("p", i18n.T("import.screen.key_pause"))),
		Stop:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", i18n.T("import.screen.key_stop"))),
		Abandon: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", i18n.T("import.screen.key_abandon"))),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp(g.Up+"/"+g.Down, i18n.T("import.screen.key_pick"))),
		Down:    key.NewBinding(key.WithKeys("down", "j")),
		Fix:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", i18n.T("import.screen.key_fix"))),
		Leave:   key.NewBinding(key.WithKeys("q", "enter", "esc", "ctrl+c"), key.WithHelp("q", i18n.T("import.screen.key_quit"))),
	}
}

// batchSample is how many rows had settled at a moment, for the pace.
type batchSample struct {
	at   time.Time
	done int
}

// batchModel is the progress screen's state.
type batchModel struct {
	d      BatchDeps
	st     styles
	keys   batchKeys
	bar    progress.Model
	width  int
	height int

	counts   batch.Counts
	pace     float64 // the pace limit now (requests a second), 0 for none
	paused   bool
	stopping bool // q pressed, or the run stopped by itself: requests in flight finish
	aborting bool // ctrl+c twice: requests in flight abandoned
	// stopWhy: why the run is stopping; stopErr the failure behind a stop
	// the run made by itself.
	stopWhy  batch.StopReason
	stopErr  error
	waitTill time.Time
	recent   []BatchRefusal
	samples  []batchSample
	now      time.Time

	final  *BatchFinal
	cursor int
	fixRow int
}

func newBatchModel(d BatchDeps) *batchModel {
	opts := []progress.Option{progress.WithDefaultBlend(), progress.WithoutPercentage(), progress.WithWidth(40)}
	if glyphs.Current().ASCII {
		// The bar's blocks are ambiguous-width: drawn two cells wide by the
		// terminals the ASCII set is for.
		opts = append(opts, progress.WithFillCharacters('#', '.'))
	}
	// Until the first event: the plan's count, and the pace asked for.
	counts := batch.Counts{ToSend: d.ToSend}
	return &batchModel{d: d, st: batchStyles(true), keys: newBatchKeys(), width: 80, height: 24, now: d.Now(),
		bar: progress.New(opts...), counts: counts, pace: d.Rate}
}

// batchStyles are the wizard's styles with the key help's separator and
// ellipsis in the run's glyphs: the default • and … are ambiguous-width.
func batchStyles(dark bool) styles {
	st := newStyles(dark)
	g := glyphs.Current()
	st.Help.ShortSeparator = " " + g.Bullet + " "
	st.Help.Ellipsis = g.Ellipsis
	return st
}

// Init asks for the background colour and starts the clock.
func (m *batchModel) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.tick())
}

func (m *batchModel) tick() tea.Cmd {
	return tea.Tick(batchTick, func(t time.Time) tea.Msg { return batchTickMsg(t) })
}

// Update routes a message; calls on the run happen in commands.
func (m *batchModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bar.SetWidth(min(max(m.width-30, 10), 60))
	case tea.BackgroundColorMsg:
		m.st = batchStyles(msg.IsDark())
	case batchTickMsg:
		m.now = time.Time(msg)
		m.sample()
		if m.final == nil {
			return m, m.tick()
		}
	case batchEventMsg:
		m.event(batch.Event(msg))
	case batchFinishedMsg:
		m.finish(BatchFinal(msg))
		if m.leaveAtOnce() {
			return m, tea.Quit
		}
	case batchInterruptMsg:
		return m.stop()
	case tea.KeyPressMsg:
		if m.final != nil {
			return m.updateFinished(msg)
		}
		return m.updateRunning(msg)
	}
	return m, nil
}

func (m *batchModel) event(ev batch.Event) {
	m.counts, m.pace = ev.Counts, ev.Rate
	if !ev.At.IsZero() {
		m.now = ev.At
	}
	switch ev.Kind {
	case batch.EventRow:
		if r := ev.Row; r.Status == batch.StatusRejected || r.Status == batch.StatusUnknown || r.Status == batch.StatusNotSent {
			m.recent = append(m.recent, BatchRefusal{Row: r.Row, Email: r.Email, Status: r.Status, Text: r.Error})
			if len(m.recent) > batchRecent {
				m.recent = m.recent[len(m.recent)-batchRecent:]
			}
		}
	case batch.EventWait:
		m.waitTill = ev.At.Add(ev.Wait)
	case batch.EventPaused:
		m.paused = true
	case batch.EventResumed:
		m.paused = false
	case batch.EventStopping:
		m.stopping, m.paused = true, false
		if m.stopWhy == batch.StopNone || ev.Stop != batch.StopOperator {
			m.stopWhy, m.stopErr = ev.Stop, ev.Err
		}
	}
}

// sample keeps the last ten seconds of progress, for the pace.
func (m *batchModel) sample() {
	m.samples = append(m.samples, batchSample{at: m.now, done: m.counts.Reached()})
	for len(m.samples) > 2 && m.now.Sub(m.samples[0].at) > 10*time.Second {
		m.samples = m.samples[1:]
	}
}

// perSecond is the rows settled a second over the last few seconds.
func (m *batchModel) perSecond() float64 {
	if len(m.samples) < 2 {
		return 0
	}
	a, b := m.samples[0], m.samples[len(m.samples)-1]
	if d := b.at.Sub(a.at).Seconds(); d > 0 {
		return float64(b.done-a.done) / d
	}
	return 0
}

func (m *batchModel) updateRunning(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case m.stopping && key.Matches(k, m.keys.Abandon):
		m.aborting = true
		return m, m.control(m.d.Control.Abort)
	case key.Matches(k, m.keys.Stop):
		return m.stop()
	case key.Matches(k, m.keys.Pause) && !m.stopping:
		m.paused = !m.paused // shown at once; the engine's event confirms it
		return m, m.control(m.d.Control.TogglePause)
	}
	return m, nil
}

func (m *batchModel) stop() (tea.Model, tea.Cmd) {
	if m.final != nil {
		return m, tea.Quit
	}
	if m.stopping {
		return m, nil
	}
	m.stopping, m.paused, m.stopWhy = true, false, batch.StopOperator
	return m, m.control(m.d.Control.Stop)
}

// control runs a call on the run outside Update.
func (m *batchModel) control(f func()) tea.Cmd {
	if m.d.Control == nil {
		return nil
	}
	return func() tea.Msg {
		f()
		return batchControlMsg{}
	}
}

func (m *batchModel) finish(f BatchFinal) {
	m.final = &f
	m.counts = f.Result.Counts
	m.cursor = 0
}

// leaveAtOnce: nothing to pick on the finished screen, or the operator
// asked to stop.
func (m *batchModel) leaveAtOnce() bool {
	f := m.final
	return len(f.Refused) == 0 || f.Result.Stopped == batch.StopOperator || f.Result.Stopped == batch.StopAborted
}

func (m *batchModel) updateFinished(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	n := len(m.final.Refused)
	switch {
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, max(n-1, 0))
	case key.Matches(k, m.keys.Fix) && n > 0:
		m.fixRow = m.final.Refused[m.cursor].Row
		return m, tea.Quit
	case key.Matches(k, m.keys.Leave):
		return m, tea.Quit
	}
	return m, nil
}
