package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/settings"
)

// ImportsDir is the folder, under the state folder, of every import's
// journal.
const ImportsDir = "imports"

// MetaFile is the file beside a journal that says how the import was
// called, so that one of its rows can be opened again (--from FILE --row N)
// and `import --status` can name its files.
const MetaFile = "import.json"

// JournalDir is the folder of the journal of one import: named after the
// profile, the API URL and the input's absolute path, so that the same
// command run again finds it and any other import has its own. The name is
// a readable prefix (profile and file name) and a hash of all three.
func JournalDir(stateDir, profile, apiURL, input string) string {
	sum := sha256.Sum256([]byte(profile + "\x00" + apiURL + "\x00" + input))
	prefix := readable(profile) + "-" + readable(filepath.Base(input))
	return filepath.Join(stateDir, ImportsDir, prefix+"-"+hex.EncodeToString(sum[:8]))
}

// readable keeps letters, digits, '.', '-' and '_' of s (ASCII), at most
// 40 of them: enough to recognise a folder, nothing a shell or another
// platform would trip on.
func readable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return strings.TrimLeft(b.String(), ".")
}

// InputIdentity is the path an import is known by: absolute, with links
// resolved, so that "./export.csv" and "/home/me/export.csv" are one
// import.
func InputIdentity(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", i18n.Err("batch.io.abs_path", err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return abs, nil
}

// Meta says how an import was called: what a later command needs to read
// its rows as it did. It holds the flags as given (a --set value such as
// the admin account included) and paths, never a record's value.
type Meta struct {
	Version  int    `json:"v"`
	Profile  string `json:"profile"`
	APIURL   string `json:"apiUrl"`
	Input    string `json:"input"` // absolute
	Encoding string `json:"encoding,omitempty"`
	// Mapping is the mapping file, absolute; the flags follow it, and win.
	Mapping string   `json:"mapping,omitempty"`
	Maps    []string `json:"map,omitempty"`
	Sets    []string `json:"set,omitempty"`
	Ignore  []string `json:"ignoreColumn,omitempty"`
	Rejects string   `json:"rejects,omitempty"`
	// ImageDir is the folder the rows' relative image paths were read
	// from, absolute; "" in an import.json of a version without image
	// columns (then the input's folder).
	ImageDir string `json:"imageDir,omitempty"`
	// ImageDirShown is that folder as the import named it in messages
	// (the input's folder as given, "." for the current one): a later
	// command names the files in the same words.
	ImageDirShown string `json:"imageDirShown,omitempty"`
	Results       string `json:"results,omitempty"`
	// Stdin: the input came from standard input, through a copy that is
	// gone once the import ends.
	Stdin   bool      `json:"stdin,omitempty"`
	Updated time.Time `json:"updated"`
}

// WriteMeta keeps m beside the journal in dir (0600, atomically).
func WriteMeta(dir string, m Meta) error {
	m.Version = 1
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return i18n.Err("batch.io.meta_write", err)
	}
	return settings.PrivateFile{}.Write(filepath.Join(dir, MetaFile), append(b, '\n'))
}

// ReadMeta reads what WriteMeta kept. It is os.ErrNotExist (wrapped) when
// there is none.
func ReadMeta(dir string) (Meta, error) {
	var m Meta
	path := filepath.Join(dir, MetaFile)
	f, err := settings.OpenPrivate(path, os.O_RDONLY)
	if err != nil {
		return m, i18n.Err("batch.io.meta_read", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return m, i18n.Err("batch.io.read_path", path, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, i18n.Err("batch.io.read_path", path, i18n.Err("batch.journal.not_meta_json", err))
	}
	if m.Version != 1 {
		return m, i18n.Err("batch.io.read_path", path, i18n.Err("batch.journal.not_meta"))
	}
	return m, nil
}

// FilesOf is the results and rejects files that the imports of input
// (its identity, InputIdentity) under stateDir name in their import.json,
// whatever their profile or API: the files that are that input's own,
// which an import of it may replace. A folder that cannot be read names
// nothing.
func FilesOf(stateDir, input string) []string {
	dirs, _ := filepath.Glob(filepath.Join(stateDir, ImportsDir, "*", MetaFile))
	var out []string
	for _, p := range dirs {
		m, err := ReadMeta(filepath.Dir(p))
		if err != nil || m.Input != input {
			continue
		}
		for _, f := range []string{m.Results, m.Rejects} {
			if f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}
