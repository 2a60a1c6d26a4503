package main

import (
	"encoding/binary"
	"fmt"
	"os"
)

// readMO reads a GNU gettext .mo catalog into a map from message ID to
// translation. Plural forms and contexts are kept as written.
func readMO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseMO(b)
}

func parseMO(b []byte) (map[string]string, error) {
	if len(b) < 28 {
		return nil, fmt.Errorf("mo: %d bytes, too short", len(b))
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("mo: bad magic %#x", binary.LittleEndian.Uint32(b))
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) (string, error) {
		at := table + 8*i
		if at < 0 || at+8 > len(b) {
			return "", fmt.Errorf("mo: string table entry %d out of range", i)
		}
		l, off := int(bo.Uint32(b[at:])), int(bo.Uint32(b[at+4:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return "", fmt.Errorf("mo: string %d out of range", i)
		}
		return string(b[off : off+l]), nil
	}
	if n < 0 || n > len(b)/16 {
		return nil, fmt.Errorf("mo: bad string count %d", n)
	}
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k, err := str(orig, i)
		if err != nil {
			return nil, err
		}
		v, err := str(trans, i)
		if err != nil {
			return nil, err
		}
		if k != "" && v != "" {
			m[k] = v
		}
	}
	return m, nil
}
