// Package wordclass learns word classes from unlabeled text and looks
// them up: every word of the vocabulary gets a path in a binary tree of
// classes, so that a prefix of the path names a coarser class, as Brown
// clusters do. Taggers use the prefixes as features for words they never
// saw in labelled data (Ratinov & Roth 2009): a name that shares a class
// with names seen in training is labelled like them.
//
// Learn trains skip-gram word vectors with negative sampling (Mikolov et
// al. 2013) on the text and splits the vocabulary recursively in two
// halves of similar vectors (balanced bisecting 2-means on the unit
// vectors), so that the tree is balanced and every level is a finer
// partition. The class file is the format of Percy Liang's Brown
// clustering tool (bit string, word, count, one per line), so classes
// learned by that tool can be read as well.
package wordclass

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Classes maps words to their class paths (and, where the file or the
// learning run gave them, their counts in the text learned from).
type Classes struct {
	paths map[string]entry
	depth int
}

// entry is one word's path and count (0 when unknown).
type entry struct {
	p Path
	n uint32
}

// Path is a word's position in the class tree: its Len bits, the first
// (the coarsest split) highest.
type Path struct {
	Bits uint32
	Len  uint8
}

// Prefix returns the first n bits of p (all of them when n ≥ p.Len).
func (p Path) Prefix(n int) Path {
	if n >= int(p.Len) {
		return p
	}
	return Path{Bits: p.Bits >> (int(p.Len) - n), Len: uint8(n)}
}

// String writes p as a bit string ("0110").
func (p Path) String() string {
	b := make([]byte, p.Len)
	for i := range b {
		if p.Bits>>(int(p.Len)-1-i)&1 == 1 {
			b[i] = '1'
		} else {
			b[i] = '0'
		}
	}
	return string(b)
}

// Key returns p as one integer that differs for every (bits, length)
// pair, for hashing into features.
func (p Path) Key() uint64 { return uint64(p.Len)<<32 | uint64(p.Bits) }

// maxDepth bounds a path's length.
const maxDepth = 32

// ParsePath reads a bit string.
func ParsePath(s string) (Path, error) {
	if s == "" || len(s) > maxDepth {
		return Path{}, fmt.Errorf("wordclass: path %q: want 1 to %d bits", s, maxDepth)
	}
	var p Path
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '0', '1':
			p.Bits = p.Bits<<1 | uint32(s[i]-'0')
		default:
			return Path{}, fmt.Errorf("wordclass: path %q: not a bit string", s)
		}
	}
	p.Len = uint8(len(s))
	return p, nil
}

// Lookup returns the class path of word (as the classes were learned:
// callers normalize words the same way when learning and looking up).
func (c *Classes) Lookup(word string) (Path, bool) {
	if c == nil {
		return Path{}, false
	}
	e, ok := c.paths[word]
	return e.p, ok
}

// Count returns how often word occurred in the text the classes were
// learned from, as the class file or the learning run recorded it; 0 when
// the word has no class or no count was recorded.
func (c *Classes) Count(word string) int {
	if c == nil {
		return 0
	}
	return int(c.paths[word].n)
}

// Len returns the number of words with a class.
func (c *Classes) Len() int { return len(c.paths) }

// Depth returns the length of the longest path.
func (c *Classes) Depth() int { return c.depth }

// maxLine bounds one line of a class file.
const maxLine = 1 << 16

// Read reads a class file: lines "BITS<TAB>WORD[<TAB>COUNT]"; blank lines
// are skipped. Errors name the line.
func Read(r io.Reader) (*Classes, error) {
	c := &Classes{paths: map[string]entry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 2 || f[1] == "" {
			return nil, fmt.Errorf("wordclass: line %d: want BITS<TAB>WORD[<TAB>COUNT]", line)
		}
		if f[1] != strings.TrimSpace(f[1]) || strings.ContainsRune(f[1], '\r') {
			return nil, fmt.Errorf("wordclass: line %d: word %q has spaces or a carriage return", line, f[1])
		}
		p, err := ParsePath(f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		var n uint64
		if len(f) > 2 {
			if n, err = strconv.ParseUint(f[2], 10, 64); err != nil {
				return nil, fmt.Errorf("wordclass: line %d: count %q: not a number", line, f[2])
			}
		}
		if _, dup := c.paths[f[1]]; dup {
			return nil, fmt.Errorf("wordclass: line %d: word %q twice", line, f[1])
		}
		c.paths[f[1]] = entry{p, uint32(min(n, math.MaxUint32))}
		c.depth = max(c.depth, int(p.Len))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordclass: line %d: %w", line+1, err)
	}
	if len(c.paths) == 0 {
		return nil, errors.New("wordclass: no classes")
	}
	return c, nil
}

// Write writes the classes in Read's format, ordered by path then word;
// counts, when known, come third: those of counts, or when counts is nil
// the ones the classes recorded.
func (c *Classes) Write(w io.Writer, counts map[string]int) error {
	words := make([]string, 0, len(c.paths))
	for k := range c.paths {
		words = append(words, k)
	}
	sort.Slice(words, func(i, j int) bool {
		a, b := c.paths[words[i]].p.String(), c.paths[words[j]].p.String()
		if a != b {
			return a < b
		}
		return words[i] < words[j]
	})
	bw := bufio.NewWriter(w)
	for _, k := range words {
		e := c.paths[k]
		bw.WriteString(e.p.String())
		bw.WriteByte('\t')
		bw.WriteString(k)
		n, ok := counts[k]
		if counts == nil {
			n, ok = int(e.n), e.n > 0
		}
		if ok {
			bw.WriteByte('\t')
			bw.WriteString(strconv.Itoa(n))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
