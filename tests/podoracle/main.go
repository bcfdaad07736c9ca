// podoracle builds the pod Prow's plank creates for every job of a Prow configuration, with
// Prow's own code, and prints it as JSON, so that tests/check_pods_differential.rs can compare
// kubectl-prow's pods with Prow's.
//
// For each configuration (a --config-path and a --job-config-path, either may be empty):
//
//   - config.Load: reading and defaulting (decorate_all_jobs, plank's default decoration
//     configs merged with each job's, presets), as every Prow component loads it;
//   - the ProwJob the trigger (presubmits: pjutil.NewPresubmit; postsubmits:
//     pjutil.NewProwJob(PostsubmitSpec)) or horologium (periodics: NewProwJob(PeriodicSpec))
//     creates, with fixed placeholders for what exists only at run time (below);
//   - plank's startPod: the build id, decorate.ProwJobToPod, the namespace (pod_namespace) and
//     the prow.k8s.io/plank-version label;
//   - the same job undecorated (its DecorationConfig removed before the ProwJob is made), for
//     Prow's undecorated path.
//
// Usage: podoracle [CONFIG JOBCONFIG]   (no arguments: one "CONFIG<TAB>JOBCONFIG" pair per
// line on stdin)
//
// Output: per configuration, one JSON line per job, presubmits, postsubmits (by repository key,
// then as written), then periodics:
//
//	{"set": N, "type", "repo", "name", "agent", "pod": <Pod or null>, "undecorated": <Pod or
//	 null (only for decorated jobs)>, "error": <ProwJobToPod error or null>}
//
// then {"set": N, "done": true, "loadError": <config.Load error or null>}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
	coreapi "k8s.io/api/core/v1"

	prowapi "sigs.k8s.io/prow/pkg/apis/prowjobs/v1"
	"sigs.k8s.io/prow/pkg/config"
	"sigs.k8s.io/prow/pkg/github"
	"sigs.k8s.io/prow/pkg/pjutil"
	"sigs.k8s.io/prow/pkg/pod-utils/decorate"
)

// The placeholders; src/admission/prowjob.rs uses the same.
const (
	placeholderName     = "00000000-0000-4000-8000-000000000000"
	placeholderBuildID  = "1000000000000000001"
	placeholderGUID     = "00000000-0000-0000-0000-000000000000"
	placeholderPlank    = "v20000101-0000000"
	placeholderBaseRef  = "main"
	placeholderBaseSHA  = "1111111111111111111111111111111111111111"
	placeholderPullSHA  = "2222222222222222222222222222222222222222"
	placeholderAuthor   = "author"
	placeholderHeadRef  = "head"
	placeholderTitle    = "Placeholder pull request"
	placeholderPullNum  = 1
	plankVersionLabel   = "prow.k8s.io/plank-version"
	defaultGitHubPrefix = "https://github.com/"
)

type line struct {
	Set         int          `json:"set"`
	Type        string       `json:"type"`
	Repo        *string      `json:"repo"`
	Name        string       `json:"name"`
	Agent       string       `json:"agent"`
	Pod         *coreapi.Pod `json:"pod"`
	Undecorated *coreapi.Pod `json:"undecorated"`
	Error       *string      `json:"error"`
}

type done struct {
	Set       int     `json:"set"`
	Done      bool    `json:"done"`
	LoadError *string `json:"loadError"`
}

func errText(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	return &s
}

func split(repo string) (string, string) {
	i := strings.LastIndex(repo, "/")
	if i < 0 {
		return repo, ""
	}
	return repo[:i], repo[i+1:]
}

func pullRequest(repo string) github.PullRequest {
	org, name := split(repo)
	link := defaultGitHubPrefix + org + "/" + name
	var pr github.PullRequest
	pr.Number = placeholderPullNum
	pr.HTMLURL = fmt.Sprintf("%s/pull/%d", link, placeholderPullNum)
	pr.User.Login = placeholderAuthor
	pr.User.HTMLURL = defaultGitHubPrefix + placeholderAuthor
	pr.Base.Ref = placeholderBaseRef
	pr.Base.Repo.Owner.Login = org
	pr.Base.Repo.Name = name
	pr.Base.Repo.HTMLURL = link
	pr.Head.SHA = placeholderPullSHA
	pr.Head.Ref = placeholderHeadRef
	pr.Title = placeholderTitle
	return pr
}

func pushRefs(repo string) prowapi.Refs {
	org, name := split(repo)
	link := defaultGitHubPrefix + org + "/" + name
	return prowapi.Refs{
		Org:      org,
		Repo:     name,
		RepoLink: link,
		BaseRef:  placeholderBaseRef,
		BaseSHA:  placeholderBaseSHA,
		BaseLink: link + "/commit/" + placeholderBaseSHA,
	}
}

// plankPod is plank's startPod without the API call.
func plankPod(pj prowapi.ProwJob, namespace string) (*coreapi.Pod, error) {
	pj.Name = placeholderName
	pj.Status.BuildID = placeholderBuildID
	pod, err := decorate.ProwJobToPod(pj)
	if err != nil {
		return nil, err
	}
	pod.Namespace = namespace
	pod.ObjectMeta.Labels[plankVersionLabel] = placeholderPlank
	pod.APIVersion = "v1"
	pod.Kind = "Pod"
	return pod, nil
}

func copyLabels(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func one(set int, configPath, jobConfigPath string, emit func(any)) {
	c, err := config.Load(configPath, jobConfigPath, nil, "")
	if err != nil {
		emit(done{Set: set, Done: true, LoadError: errText(err)})
		return
	}
	ns := c.PodNamespace
	both := func(l line, make func(undecorated bool) prowapi.ProwJob, decorated bool) {
		pod, err := plankPod(make(false), ns)
		l.Pod, l.Error = pod, errText(err)
		if decorated {
			l.Undecorated, _ = plankPod(make(true), ns)
		}
		emit(l)
	}
	repos := make([]string, 0, len(c.PresubmitsStatic))
	for r := range c.PresubmitsStatic {
		repos = append(repos, r)
	}
	sort.Strings(repos)
	for _, r := range repos {
		for _, p := range c.PresubmitsStatic[r] {
			repo := r
			make := func(undecorated bool) prowapi.ProwJob {
				j := p
				if undecorated {
					j.DecorationConfig = nil
				}
				return pjutil.NewPresubmit(pullRequest(repo), placeholderBaseSHA, j, placeholderGUID, nil)
			}
			both(line{Set: set, Type: "presubmit", Repo: &repo, Name: p.Name, Agent: p.Agent}, make, p.DecorationConfig != nil)
		}
	}
	repos = repos[:0]
	for r := range c.PostsubmitsStatic {
		repos = append(repos, r)
	}
	sort.Strings(repos)
	for _, r := range repos {
		for _, p := range c.PostsubmitsStatic[r] {
			repo := r
			make := func(undecorated bool) prowapi.ProwJob {
				j := p
				if undecorated {
					j.DecorationConfig = nil
				}
				labels := copyLabels(j.Labels)
				if labels == nil {
					labels = map[string]string{}
				}
				labels[github.EventGUID] = placeholderGUID
				return pjutil.NewProwJob(pjutil.PostsubmitSpec(j, pushRefs(repo)), labels, j.Annotations)
			}
			both(line{Set: set, Type: "postsubmit", Repo: &repo, Name: p.Name, Agent: p.Agent}, make, p.DecorationConfig != nil)
		}
	}
	for _, p := range c.Periodics {
		make := func(undecorated bool) prowapi.ProwJob {
			j := p
			if undecorated {
				j.DecorationConfig = nil
			}
			return pjutil.NewProwJob(pjutil.PeriodicSpec(j), copyLabels(j.Labels), j.Annotations)
		}
		both(line{Set: set, Type: "periodic", Name: p.Name, Agent: p.Agent}, make, p.DecorationConfig != nil)
	}
	emit(done{Set: set, Done: true})
}

func main() {
	// Prow logs while loading and decorating (truncated labels, unknown agents); not results.
	logrus.SetOutput(io.Discard)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(v any) {
		if err := enc.Encode(v); err != nil {
			fmt.Fprintln(os.Stderr, "podoracle:", err)
			os.Exit(2)
		}
	}
	if len(os.Args) == 3 {
		one(0, os.Args[1], os.Args[2], emit)
		return
	}
	if len(os.Args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: podoracle [CONFIG JOBCONFIG]  (or pairs on stdin)")
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	set := 0
	for in.Scan() {
		if in.Text() == "" {
			continue
		}
		configPath, jobConfigPath, _ := strings.Cut(in.Text(), "\t")
		one(set, configPath, jobConfigPath, emit)
		out.Flush()
		set++
	}
}
