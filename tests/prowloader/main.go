// prowloader loads kubeconfigs exactly as a Prow component does at start-up, and prints what it
// got as JSON, so that tests/prow_differential.rs can compare `kubectl-prow --merge prow` with it.
//
// What a component does (sigs.k8s.io/prow, cmd/*/main.go): it registers
// flagutil.KubernetesOptions' flags, validates them, calls SetDisabledClusters with config.yaml's
// disabled_clusters, and then asks for a client, which makes the options resolve: load every
// context (kube.LoadClusterConfigs) and build a kubernetes client for each, plus the ProwJob
// clientset for "". Any error there stops the component. Building a client does not contact the
// cluster, so no server is needed.
//
// Usage: prowloader [--kubeconfig F] [--kubeconfig-dir D] [--kubeconfig-suffix S]
//
//	[--no-in-cluster-config] [--disabled-cluster NAME]... ; $KUBECONFIG is read as Prow reads it.
//
// Output (stdout, one JSON object; exit status 0 even when Prow would refuse to start):
//
//	{"error": <start-up error or null>, "warnings": [...logged warnings...],
//	 "contexts": {name: {"host", "url", "bearerToken", "namespace", "error"}} or null}
//
// Tokens and keys are never printed: only whether a bearer token is set.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"sigs.k8s.io/prow/pkg/flagutil"
	"sigs.k8s.io/prow/pkg/kube"
)

type contextOut struct {
	// rest.Config.Host, as loaded.
	Host string `json:"host"`
	// The base URL the client sends requests to (client-go parses Host; see effectiveURL).
	URL         *string `json:"url"`
	BearerToken bool    `json:"bearerToken"`
	// rest.Config carries no namespace: Prow keeps none from a kubeconfig. Always null; the
	// field is here so that the comparison says so instead of assuming it.
	Namespace *string `json:"namespace"`
	// The error a component gets building this context's client, if any.
	Error *string `json:"error"`
}

type output struct {
	Error    *string               `json:"error"`
	Warnings []string              `json:"warnings"`
	Contexts map[string]contextOut `json:"contexts"`
}

// warningHook keeps what Prow logs at warning level (for example "Cannot load kubecfg" in the
// $KUBECONFIG fallback), which is how Prow reports contexts it dropped.
type warningHook struct{ messages *[]string }

func (h warningHook) Levels() []logrus.Level { return []logrus.Level{logrus.WarnLevel} }
func (h warningHook) Fire(e *logrus.Entry) error {
	// Logged at every start outside a pod; it says nothing about the kubeconfigs.
	if strings.HasPrefix(e.Message, "Could not create in-cluster config") {
		return nil
	}
	msg := e.Message
	if err, ok := e.Data[logrus.ErrorKey]; ok {
		msg = fmt.Sprintf("%s: %v", msg, err)
	}
	*h.messages = append(*h.messages, msg)
	return nil
}

type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// What the hook collected, from both loads (the second repeats the first's warnings).
var warnings []string

func str(s string) *string { return &s }

// effectiveURL is where the client's requests go: client-go keeps scheme, host and path of
// Host and builds each request URL from them (query and fragment of the server are not sent).
func effectiveURL(cfg rest.Config) (*string, error) {
	client, err := kubernetes.NewForConfig(&cfg)
	if err != nil {
		return nil, err
	}
	u := *client.CoreV1().RESTClient().Get().URL()
	u.Path = strings.TrimSuffix(u.Path, "/api/v1")
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	return str(u.String()), nil
}

func main() {
	// Tests run outside a pod: make sure rest.InClusterConfig fails as it does there.
	os.Unsetenv("KUBERNETES_SERVICE_HOST")
	os.Unsetenv("KUBERNETES_SERVICE_PORT")

	// The log goes nowhere; the warnings that matter land in the output through the hook.
	logrus.SetOutput(io.Discard)
	logrus.SetLevel(logrus.WarnLevel)
	logrus.AddHook(warningHook{&warnings})

	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	var o flagutil.KubernetesOptions
	o.AddFlags(fs)
	var disabled repeated
	fs.Var(&disabled, "disabled-cluster", "a context named in config.yaml's disabled_clusters (repeatable)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	get := func(name string) string { return fs.Lookup(name).Value.String() }

	out := output{Warnings: []string{}}
	if err := o.Validate(false); err != nil {
		out.Error = str(err.Error())
		emit(out)
		return
	}
	o.SetDisabledClusters(sets.New[string](disabled...))
	// The start-up path of a component: resolve (load, one client per context, the ProwJob
	// clientset), not in dry-run mode.
	if _, err := o.InfrastructureClusterConfig(false); err != nil {
		out.Error = str(err.Error())
	}

	// The per-context view, loaded again through the same loader with the same options (the
	// options' resolved configs are private), so that a refused start still shows every context.
	configs, err := kube.LoadClusterConfigs(kube.NewConfig(
		kube.ConfigFile(get("kubeconfig")),
		kube.ConfigDir(get("kubeconfig-dir")),
		kube.ConfigSuffix(get("kubeconfig-suffix")),
		kube.NoInClusterConfig(get("no-in-cluster-config") == "true"),
		kube.DisabledClusters(sets.New[string](disabled...)),
	))
	if err == nil {
		out.Contexts = map[string]contextOut{}
		for name, cfg := range configs {
			c := contextOut{
				Host:        cfg.Host,
				BearerToken: cfg.BearerToken != "" || cfg.BearerTokenFile != "",
			}
			if u, err := effectiveURL(cfg); err != nil {
				c.Error = str(err.Error())
			} else {
				c.URL = u
			}
			out.Contexts[name] = c
		}
	}
	emit(out)
}

func emit(out output) {
	seen := map[string]bool{}
	for _, w := range warnings {
		if !seen[w] {
			seen[w] = true
			out.Warnings = append(out.Warnings, w)
		}
	}
	sort.Strings(out.Warnings)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
