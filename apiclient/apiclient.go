// Package apiclient is the ARGOS Identity migration contract: the Submission
// record and its field rules, the HTTP client for
// POST /v3/submission/migration, typed API errors, the optional body
// encryption and the keyring-backed credentials.
//
// It imports no Charm package so that the wizard, the non-interactive
// `submit` command and the sandbox server all share one rulebook.
package apiclient
