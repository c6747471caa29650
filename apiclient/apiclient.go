// Package apiclient is the ARGOS Identity migration contract: the Submission
// record and its field rules, the HTTP client for
// POST /v3/submission/migration, typed API errors and the one failure
// policy that every front end reads them through, the duplicate lookup and the
// optional body encryption. What serves the contract without being it lives
// in sub-packages: the sandbox server, settings (profiles, folders, private
// files), the OS keyring, and the batch import engine.
//
// It imports no Charm package so that the wizard, the non-interactive
// `submit` command and the sandbox server all share one rulebook.
package apiclient
