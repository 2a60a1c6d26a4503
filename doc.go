// Package khabar holds the domain types shared by every stage of khabar,
// an Arabic-first news understanding and search engine.
//
// The central type is Analysis, the versioned JSON contract that
// "khabar analyze" prints, the HTTP API returns and the store keeps.
// Offsets everywhere are Unicode code points, half-open [start, end),
// into Analysis.Text.
//
// The analysis stages live in their own packages (arabic, temporal,
// article, ner, kb, ...); package pipeline composes them.
package khabar
