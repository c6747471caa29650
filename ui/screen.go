package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen is one step of the wizard. The model changes it only in setScreen.
type screen int

const (
	screenForm screen = iota
	screenReview
	screenSubmitting
	screenResult
	screenError
	screenKey
	screenResume // a draft was found: resume, start empty or discard
	screenLookup // the record may exist: what the lookup found, send anyway?
	// attaching images to a submission (screen_images*.go)
	screenImages        // one slot per image, and the ID type
	screenImagePicker   // a file for one slot
	screenImagesReview  // what will be sent
	screenImagesSending // the images are out
	screenImagesError   // the send failed: the policy's words
	screenImagesOffer   // at start: a record created earlier waits for its images
	numScreens
)

// screenDef is what one screen brings to the wizard. Each screen keeps its
// parts in its own file (screen_<name>.go); this table is the one place
// they are registered, and the model reaches a screen only through it.
type screenDef struct {
	name string
	// enter prepares the screen when setScreen opens it; nil when it
	// needs nothing.
	enter func(*model) tea.Cmd
	// update takes the messages the model does not handle for everyone.
	update func(*model, tea.Msg) (tea.Model, tea.Cmd)
	// view draws the screen's body between the header and the footer.
	view func(*model) string
	// keys are the bindings the footer lists, in order.
	keys func(*model) []key.Binding
}

// screens registers every screen. It is filled in init because the
// screens' own methods reach back to it (through setScreen).
var screens [numScreens]screenDef

func init() {
	screens = [numScreens]screenDef{
		screenForm:       {"form", (*model).enterForm, (*model).updateForm, (*model).viewForm, (*model).keysForm},
		screenReview:     {"review", (*model).enterReview, (*model).updateReview, (*model).viewReview, (*model).keysReview},
		screenSubmitting: {"submitting", (*model).enterSubmitting, (*model).updateSubmitting, (*model).viewSubmitting, (*model).keysSubmitting},
		screenResult:     {"result", (*model).enterResult, (*model).updateResult, (*model).viewResult, (*model).keysResult},
		screenError:      {"error", nil, (*model).updateError, (*model).viewError, (*model).keysError},
		screenKey:        {"key", (*model).openKey, (*model).updateKey, (*model).viewKey, (*model).keyBindings},
		screenResume:     {"resume", nil, (*model).updateResume, (*model).viewResume, (*model).keysResume},
		screenLookup:     {"lookup", (*model).enterLookup, (*model).updateLookup, (*model).viewLookup, (*model).keysLookup},

		screenImages:        {"images", (*model).enterImages, (*model).updateImages, (*model).viewImages, (*model).keysImages},
		screenImagePicker:   {"image-picker", nil, (*model).updatePicker, (*model).viewPicker, (*model).keysPicker},
		screenImagesReview:  {"images-review", nil, (*model).updateImagesReview, (*model).viewImagesReview, (*model).keysImagesReview},
		screenImagesSending: {"images-sending", (*model).enterImagesSending, (*model).updateImagesSending, (*model).viewImagesSending, (*model).keysImagesSending},
		screenImagesError:   {"images-error", nil, (*model).updateImagesError, (*model).viewImagesError, (*model).keysImagesError},
		screenImagesOffer:   {"images-offer", (*model).enterImagesOffer, (*model).updateImagesOffer, (*model).viewImagesOffer, (*model).keysImagesOffer},
	}
}

// String names the screen, for tests and logs (the breadcrumb says it in
// the run's language).
func (s screen) String() string {
	if s < 0 || s >= numScreens {
		return "unknown"
	}
	return screens[s].name
}
