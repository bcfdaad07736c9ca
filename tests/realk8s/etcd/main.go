// Command etcd runs a single-member etcd on loopback for kubectl-prow's end-to-end tests.
//
// It is built in the same module as kube-apiserver (../go.mod), so the etcd server library is
// exactly the version Kubernetes v1.37.2's module graph selects. It is not a general etcd: one
// member, plain HTTP, loopback URLs only, and a throwaway data directory.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

func loopbackURL(name, s string) url.URL {
	u, err := url.Parse(s)
	if err != nil {
		log.Fatalf("-%s: bad URL %q: %v", name, s, err)
	}
	// The tests must never expose etcd beyond this machine: refuse anything but 127.0.0.1.
	if ip := net.ParseIP(u.Hostname()); u.Scheme != "http" || ip == nil || !ip.IsLoopback() {
		log.Fatalf("-%s: %q is not an http://127.0.0.1:PORT URL", name, s)
	}
	return *u
}

func main() {
	dataDir := flag.String("data-dir", "", "data directory (required)")
	client := flag.String("listen-client-url", "http://127.0.0.1:12379", "client URL")
	peer := flag.String("listen-peer-url", "http://127.0.0.1:12380", "peer URL")
	noFsync := flag.Bool("unsafe-no-fsync", false, "skip fsync: faster on a busy disk, loses data on a crash (fine for throwaway test data)")
	readyTimeout := flag.Duration("ready-timeout", 60*time.Second, "give up if the member is not ready within this time")
	flag.Parse()
	if *dataDir == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: etcd -data-dir DIR [-listen-client-url URL] [-listen-peer-url URL] [-unsafe-no-fsync]")
		os.Exit(2)
	}

	cfg := embed.NewConfig()
	cfg.Name = "realk8s"
	cfg.Dir = *dataDir
	c, p := loopbackURL("listen-client-url", *client), loopbackURL("listen-peer-url", *peer)
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{c}, []url.URL{c}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{p}, []url.URL{p}
	// Must come after the peer URLs: it is derived from them.
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogLevel = "warn"
	// Older embed versions leave this at 0, which logs every request as slow; be explicit.
	cfg.WarningUnaryRequestDuration = embed.DefaultWarningUnaryRequestDuration
	// As kubeadm configures etcd for Kubernetes (watch progress notifications for the watch cache).
	cfg.WatchProgressNotifyInterval = 5 * time.Second
	cfg.UnsafeNoFsync = *noFsync

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		log.Fatalf("start etcd: %v", err)
	}
	defer e.Close() // graceful stop on SIGTERM/SIGINT (deferred calls run when main returns)

	select {
	case <-e.Server.ReadyNotify():
		log.Printf("etcd ready: client %s, peer %s", c.String(), p.String())
	case <-time.After(*readyTimeout):
		e.Server.Stop()
		log.Fatalf("etcd did not become ready within %s", *readyTimeout)
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	select {
	case err := <-e.Err():
		log.Printf("etcd stopped with error: %v", err)
		e.Close()
		os.Exit(1)
	case s := <-sig:
		log.Printf("etcd: got %s, stopping", s)
	}
}
