// prowjobreader reads job-config files exactly as Prow does, and prints what it got as JSON, so
// that tests/prow_yaml_differential.rs can compare kubectl-prow's job readers with Prow's.
//
// For each path (a file, or a directory walked as --job-config-path is), two questions:
//
//   - read: config.ReadJobConfig(path), the call every Prow component makes for
//     --job-config-path: YAML to JSON with sigs.k8s.io/yaml, then JSON into Prow's structs. Its
//     error, or its jobs as written (before any defaulting).
//   - load: config.Load(prowConfig, path): the same reading plus what Prow does before it starts
//     (defaulting, then the job validation: names, duplicates, agents, ...). Its error, if any.
//     The Prow config is --prow-config, or an empty one.
//
// Usage: prowjobreader [--prow-config FILE] [PATH...]   (no PATH: one path per line on stdin)
//
//	prowjobreader --schema   (Prow's job-config types for src/prow/prow_types.txt; see schema.go)
//
// Output: one JSON line per path, in input order (exit status 0 whatever Prow thought of it):
//
//	{"path": P, "error": <ReadJobConfig error or null>, "jobs": [{"name", "type", "repo",
//	 "cluster", "agent"}] or null, "loadError": <Load error or null>}
//
// Jobs come in a fixed order, since Prow keeps presubmits and postsubmits in Go maps: presubmits,
// postsubmits, then periodics; inside each, by repository key, then as written. repo is null for
// periodics; cluster and agent are as written ("" when unset).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/sirupsen/logrus"

	"sigs.k8s.io/prow/pkg/config"
)

type job struct {
	Name    string  `json:"name"`
	Type    string  `json:"type"`
	Repo    *string `json:"repo"`
	Cluster string  `json:"cluster"`
	Agent   string  `json:"agent"`
}

type result struct {
	Path      string  `json:"path"`
	Error     *string `json:"error"`
	Jobs      []job   `json:"jobs"`
	LoadError *string `json:"loadError"`
}

func errText(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	return &s
}

// guard turns a panic into an error: one bad input must not end a batch of thousands.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

func jobsOf(jc config.JobConfig) []job {
	out := []job{}
	pre := make([]string, 0, len(jc.PresubmitsStatic))
	for r := range jc.PresubmitsStatic {
		pre = append(pre, r)
	}
	sort.Strings(pre)
	for _, r := range pre {
		for _, p := range jc.PresubmitsStatic[r] {
			repo := r
			out = append(out, job{p.Name, "presubmit", &repo, p.Cluster, p.Agent})
		}
	}
	post := make([]string, 0, len(jc.PostsubmitsStatic))
	for r := range jc.PostsubmitsStatic {
		post = append(post, r)
	}
	sort.Strings(post)
	for _, r := range post {
		for _, p := range jc.PostsubmitsStatic[r] {
			repo := r
			out = append(out, job{p.Name, "postsubmit", &repo, p.Cluster, p.Agent})
		}
	}
	for _, p := range jc.Periodics {
		out = append(out, job{p.Name, "periodic", nil, p.Cluster, p.Agent})
	}
	return out
}

func one(path, prowConfig string) result {
	res := result{Path: path}
	var jc config.JobConfig
	err := guard(func() (err error) { jc, err = config.ReadJobConfig(path); return })
	if res.Error = errText(err); err == nil {
		res.Jobs = jobsOf(jc)
	}
	res.LoadError = errText(guard(func() error { _, err := config.Load(prowConfig, path, nil, ""); return err }))
	return res
}

func main() {
	prowConfig := flag.String("prow-config", "", "Prow's config.yaml for the load check (default: an empty one)")
	schemaOnly := flag.Bool("schema", false, "print Prow's job-config types (src/prow/prow_types.txt)")
	flag.Parse()
	if *schemaOnly {
		writeSchema(os.Stdout)
		return
	}
	// Prow logs warnings while loading (unknown agents, ...); they are not results.
	logrus.SetOutput(io.Discard)

	if *prowConfig == "" {
		dir, err := os.MkdirTemp("", "prowjobreader")
		if err != nil {
			fmt.Fprintln(os.Stderr, "prowjobreader:", err)
			os.Exit(2)
		}
		defer os.RemoveAll(dir)
		*prowConfig = filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(*prowConfig, nil, 0o600); err != nil {
			fmt.Fprintln(os.Stderr, "prowjobreader:", err)
			os.Exit(2)
		}
	}

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(path string) {
		if err := enc.Encode(one(path, *prowConfig)); err != nil || out.Flush() != nil {
			fmt.Fprintln(os.Stderr, "prowjobreader:", err)
			os.Exit(2)
		}
	}
	if flag.NArg() > 0 {
		for _, p := range flag.Args() {
			emit(p)
		}
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		if in.Text() != "" {
			emit(in.Text())
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "prowjobreader:", err)
		os.Exit(2)
	}
}
