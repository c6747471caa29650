package apiclient

import (
	"encoding/json"
	"errors"
	"sort"
)

func asSyntax(err error, target **json.SyntaxError) bool { return errors.As(err, target) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
