package main

import (
	"sort"
	"strings"
	"testing"
)

// walkCommands calls fn with the path ("kb lookup") of every command and
// group under cmds, and the group's subcommands (nil for a command).
func walkCommands(prefix string, cmds map[string]command, fn func(path string, subs map[string]command)) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := strings.TrimSpace(prefix + " " + n)
		var subs map[string]command
		if cmds[n].subs != nil {
			subs = cmds[n].subs()
		}
		fn(path, subs)
		if subs != nil {
			walkCommands(path, subs, fn)
		}
	}
}

// TestHelpEveryCommand asks every command and subcommand for help in
// each of the accepted spellings: each answers with its usage in the
// one format (a "usage: khabar …" line, then a group's commands or a
// command's flags) on stderr and exits 0.
func TestHelpEveryCommand(t *testing.T) {
	n := 0
	walkCommands("", commands(), func(path string, subs map[string]command) {
		n++
		words := strings.Fields(path)
		for _, h := range []string{"-h", "--help", "-help", "help"} {
			if h == "help" && subs == nil {
				continue // a command may take "help" as an argument (a query, a name)
			}
			args := append(append([]string{}, words...), h)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, stdout, stderr := runCLI(t, "", args...)
				if code != 0 {
					t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
				}
				if stdout != "" {
					t.Errorf("help wrote to stdout: %q", stdout)
				}
				if !strings.HasPrefix(stderr, "usage: khabar "+path) {
					t.Errorf("help does not start with %q:\n%s", "usage: khabar "+path, stderr)
				}
				for _, bad := range []string{"unknown", "not defined", "Usage of"} {
					if strings.Contains(stderr, bad) {
						t.Errorf("help says %q:\n%s", bad, stderr)
					}
				}
				if subs != nil {
					for name := range subs {
						if !strings.Contains(stderr, "\n  "+name+" ") {
							t.Errorf("group help does not list %q:\n%s", name, stderr)
						}
					}
					if !strings.Contains(stderr, "Run 'khabar "+path+" COMMAND -h'") {
						t.Errorf("group help does not say how to get a command's flags:\n%s", stderr)
					}
				} else if !strings.Contains(stderr, "\n  -") {
					t.Errorf("command help lists no flags:\n%s", stderr)
				}
			})
		}
	})
	if n < 25 {
		t.Errorf("walked %d commands and groups, want every one (at least 25)", n)
	}
}

func TestHelpCommand(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		code, _, stderr := runCLI(t, "", args...)
		if code != 0 || !strings.HasPrefix(stderr, "usage: khabar COMMAND") {
			t.Errorf("khabar %s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	// khabar help PATH is khabar PATH -h.
	code, _, viaHelp := runCLI(t, "", "help", "kb", "lookup")
	_, _, viaFlag := runCLI(t, "", "kb", "lookup", "-h")
	if code != 0 || viaHelp != viaFlag || !strings.HasPrefix(viaHelp, "usage: khabar kb lookup") {
		t.Errorf("khabar help kb lookup: exit %d\n%s\nwant the output of kb lookup -h:\n%s", code, viaHelp, viaFlag)
	}
}
