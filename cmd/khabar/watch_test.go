package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestWatchCommands(t *testing.T) {
	data := exportStore(t)
	code, out, errOut := runCLI(t, "", "watch", "add", "--data", data, "--json", "--webhook", "https://hooks.example/k", "قطر", "entity:قطر", "-الطقس")
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	var added struct {
		ID, Name, Query, Webhook, Secret string
	}
	if err := json.Unmarshal([]byte(out), &added); err != nil || added.ID == "" || added.Query != "entity:قطر -الطقس" || len(added.Secret) < 32 {
		t.Fatalf("add: %v %s", err, out)
	}
	code, out, _ = runCLI(t, "", "watch", "list", "--data", data)
	if code != 0 || !strings.Contains(out, added.ID+"\tقطر\tentity:قطر -الطقس\t0 matches, 0 new\twebhook https://hooks.example/k") || strings.Contains(out, added.Secret) {
		t.Errorf("list: exit %d:\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "watch", "remove", "--data", data, added.ID); code != 0 {
		t.Errorf("remove: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "watch", "remove", "--data", data, added.ID); code != 1 || !strings.Contains(errOut, "no watch") {
		t.Errorf("remove again: exit %d: %s", code, errOut)
	}
	if code, out, _ := runCLI(t, "", "watch", "list", "--data", data, "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("list after remove: %d %s", code, out)
	}
	for _, args := range [][]string{
		{"--data", data, "name-only"},
		{"--data", data, "x", "from:2015-13"},
		{"--data", data, "--webhook", "ftp://x/y", "x", "قطر"},
	} {
		_, _, err := callCmd(t, cmdWatchAdd, "", args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("add %q: %v, want a usage error", args, err)
		}
	}
}
