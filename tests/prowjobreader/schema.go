package main

// The --schema output: Prow's job-config types as the JSON decoder sees them, for
// src/prow/prow_types.txt, so that kubectl-prow checks a file's values against the types Prow
// decodes them into without hand-copying Prow's (and Kubernetes') structs.

import (
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"runtime/debug"
	"strings"

	"sigs.k8s.io/prow/pkg/config"
)

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

type schema struct {
	ids   map[reflect.Type]int
	lines []string
}

// typeName is a Go type's package path and name, or its kind for unnamed types.
func typeName(t reflect.Type) string {
	if t.Name() == "" {
		return t.Kind().String()
	}
	return t.PkgPath() + "." + t.Name()
}

// Each line: ID KIND GO-TYPE [...]: struct lines are followed by their JSON fields (NAME TYPE
// CONVERSION-TARGET PROMOTED-THROUGH), slices and maps name their element type, json and text
// are types that decode themselves (json.Unmarshaler, encoding.TextUnmarshaler).
//
// id numbers a type (pointers are transparent: JSON decodes through them, and null into any
// type is no change), writing its line the first time it is seen.
func (s *schema) id(t reflect.Type) int {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if id, ok := s.ids[t]; ok {
		return id
	}
	id := len(s.lines)
	s.ids[t] = id
	s.lines = append(s.lines, "")
	var line string
	switch pt := reflect.PointerTo(t); {
	case pt.Implements(jsonUnmarshaler):
		line = "json " + typeName(t)
	case pt.Implements(textUnmarshaler):
		line = "text " + t.String()
	default:
		switch t.Kind() {
		case reflect.Struct:
			var b strings.Builder
			fmt.Fprintf(&b, "struct %s %s", t.String(), t.Name())
			for _, f := range fields(t) {
				fmt.Fprintf(&b, "\n  %s %d %d %s", f.name, s.id(f.typ), s.id(f.first), f.path)
			}
			line = b.String()
		case reflect.Slice, reflect.Array:
			if t.Elem().Kind() == reflect.Uint8 {
				line = "bytes " + t.String() // []byte: JSON has it as a base64 string
			} else {
				line = fmt.Sprintf("slice %s %d", t.String(), s.id(t.Elem()))
			}
		case reflect.Map:
			line = fmt.Sprintf("map %s %d", t.String(), s.id(t.Elem()))
		case reflect.Interface:
			line = "any " + t.String()
		default:
			// string, bool, int..., uint..., float32/64; Go's name for messages.
			line = t.Kind().String() + " " + t.String()
		}
	}
	s.lines[id] = line
	return id
}

type field struct {
	name string
	typ  reflect.Type
	// The struct field that holds it directly: the embedded struct for a promoted field.
	// sigs.k8s.io/yaml converts a value with that one as its target.
	first reflect.Type
	// The Go names of the embedded structs it is promoted through ("JobBase."), as Go's
	// messages spell the path; "-" for none.
	path  string
	depth int
}

// fields lists a struct's JSON fields as encoding/json does: tag names or Go names,
// embedded structs without a tag name promoted, a shallower field hiding a deeper one, two at
// one depth hiding each other unless one is tagged.
func fields(t reflect.Type) []field {
	type entry struct {
		field
		tagged bool
	}
	var all []entry
	var walk func(t reflect.Type, first reflect.Type, path string, depth int)
	walk = func(t reflect.Type, first reflect.Type, path string, depth int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := sf.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
				f := first
				if depth == 0 {
					f = sf.Type
				}
				walk(ft, f, path+ft.Name()+".", depth+1)
				continue
			}
			if !sf.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			f := first
			if depth == 0 {
				f = sf.Type
			}
			all = append(all, entry{field{name, sf.Type, f, path, depth}, tagged})
		}
	}
	walk(t, nil, "", 0)
	var out []field
	for _, e := range all {
		keep := true
		for _, o := range all {
			if o.name != e.name || o == e {
				continue
			}
			if o.depth < e.depth || (o.depth == e.depth && (o.tagged || !e.tagged)) {
				keep = false
			}
		}
		if keep {
			if e.path == "" {
				e.path = "-"
			}
			out = append(out, e.field)
		}
	}
	return out
}

// moduleVersion is the version of a module this binary was built with, from its build info.
func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == path {
				if m.Replace != nil {
					m = m.Replace
				}
				return m.Version
			}
		}
	}
	return "unknown"
}

func writeSchema(w io.Writer) {
	s := &schema{ids: map[reflect.Type]int{}}
	s.id(reflect.TypeFor[config.JobConfig]())
	fmt.Fprintf(w, "# Prow's job-config types as JSON decodes them: written by `prowjobreader --schema`\n")
	fmt.Fprintf(w, "# (tests/prowjobreader, sigs.k8s.io/prow %s, sigs.k8s.io/yaml %s). Do not edit.\n",
		moduleVersion("sigs.k8s.io/prow"), moduleVersion("sigs.k8s.io/yaml"))
	for id, l := range s.lines {
		fmt.Fprintf(w, "%d %s\n", id, l)
	}
}
