// Package cputime reads the CPU time the process has used, so that
// benchmarks and evaluation commands can report work per CPU-second
// beside wall-clock rates: on a shared machine the wall clock also
// counts the time other processes held the cores.
package cputime
