package ner

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"

	"github.com/khabar/khabar/wordclass"
)

// classesGz are the word classes the shipped model was trained with
// (FeatCluster), learned by `khabar train clusters` from Arabic
// Wikipedia text (CC BY-SA 4.0) and NTREX news: see the README. Keys are
// words folded as Fold folds them.
//
//go:embed classes.tsv.gz
var classesGz []byte

var (
	classesOnce sync.Once
	classesVal  *wordclass.Classes
	classesSet  *wordclass.Classes
)

// defaultClasses returns the word classes of FeatCluster: those given to
// UseWordClasses, else the embedded ones (nil when none are embedded).
func defaultClasses() *wordclass.Classes {
	if classesSet != nil {
		return classesSet
	}
	classesOnce.Do(func() {
		if len(classesGz) == 0 {
			return
		}
		zr, err := gzip.NewReader(bytes.NewReader(classesGz))
		if err != nil {
			panic("ner: embedded word classes: " + err.Error())
		}
		c, err := wordclass.Read(io.Reader(zr))
		if err != nil {
			panic("ner: embedded word classes: " + err.Error())
		}
		classesVal = c
	})
	return classesVal
}

// UseWordClasses makes every tagger and training run of the process
// created after the call use c as the word classes of FeatCluster
// instead of the embedded ones. It is for experiments (e.g. classes
// learned from one's own archive): a model must be tagged with the
// classes it was trained with. Call it before creating taggers.
func UseWordClasses(c *wordclass.Classes) { classesSet = c }

// Fold returns the form of a word that the tagger's features and its
// word classes use: Arabic letter variants folded, marks and tatweel
// removed, Latin letters in lower case.
func Fold(word string) string { return norm(word) }

// classPrefixes are the prefix lengths of a word's class path that become
// features, coarse to fine (Ratinov & Roth use 4, 6, 10 and 20 bits of
// Brown paths; khabar's trees are 12 deep).
var classPrefixes = [...]int{4, 6, 8, 10, 12}

// classHashes fills c's word-class features: the class path prefixes of
// the word, else of its clitic-free base, else of the base without ال,
// else one "no class" feature; and the 8-bit prefix as a neighbour.
func (c *wordInfo) classHashes(x *extractor, t *tokInfo) {
	p, ok := x.classes.Lookup(t.w)
	if !ok {
		p, ok = x.classes.Lookup(t.base)
	}
	if !ok {
		p, ok = x.classes.Lookup(t.core)
	}
	if cap(x.hslab)-len(x.hslab) < len(classPrefixes) {
		x.hslab = make([]uint64, 0, 4096)
	}
	at := len(x.hslab)
	if !ok {
		x.hslab = append(x.hslab, uint64(newHash(tClus).byte(0xff)))
		for k, d := range [2]int{-1, 1} {
			c.clusAt[k] = uint64(newHash(tClusAt).byte(byte(d + 2)).byte(0xff))
		}
	} else {
		for _, n := range classPrefixes {
			q := p.Prefix(n)
			if int(q.Len) < n && n != classPrefixes[0] {
				break
			}
			x.hslab = append(x.hslab, uint64(newHash(tClus).byte(q.Len).str(q.String())))
		}
		q := p.Prefix(8)
		for k, d := range [2]int{-1, 1} {
			c.clusAt[k] = uint64(newHash(tClusAt).byte(byte(d + 2)).byte(q.Len).str(q.String()))
		}
	}
	c.clus = x.hslab[at:len(x.hslab):len(x.hslab)]
}
