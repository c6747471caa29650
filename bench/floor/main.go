// Command floor is the least a Go program can do to submit one record: read
// the file, one POST with net/http, print the id. bench/run times it beside
// argos-migrate submit and curl, as the floor submit's start-up is measured
// against. It checks nothing and is not part of the program.
//
//	ARGOS_API_KEY=... floor URL FILE
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor URL FILE")
		os.Exit(2)
	}
	if err := post(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func post(url, file string) error {
	body, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, url+"/v3/submission/migration", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-api-key", os.Getenv("ARGOS_API_KEY"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var answer struct {
		SubmissionID string `json:"submissionId"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || answer.SubmissionID == "" {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	fmt.Println(answer.SubmissionID)
	return nil
}
