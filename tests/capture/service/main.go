// A small HTTP service for lanes-cli capture's tests.  It listens on a
// loopback port the kernel picks, prints "port N" on a line of its own,
// and keeps a few goroutines busy so that a trace and a CPU profile have
// something to show.  Standard library only: the tests build it offline.
//
//	service              serves net/http/pprof under /debug/pprof/
//	service -no-pprof    answers every path but pprof's with a page (404 there)
//	service -not-a-trace answers /debug/pprof/trace with an HTML page
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"
)

func main() {
	noPprof := flag.Bool("no-pprof", false, "serve no pprof handlers")
	notATrace := flag.Bool("not-a-trace", false, "answer the trace endpoint with HTML")
	flag.Parse()

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "a service without pprof")
	})
	switch {
	case *notATrace:
		mux.HandleFunc("/debug/pprof/trace", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintln(w, "<!DOCTYPE html><html><body>a login page</body></html>")
		})
	case !*noPprof:
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("port %d\n", listener.Addr().(*net.TCPAddr).Port)
	os.Stdout.Sync()

	go hash()
	go pingPong()
	log.Fatal(http.Serve(listener, mux))
}

// hash burns about half a core: CPU samples for the profile and the trace.
func hash() {
	sum := sha256.Sum256([]byte("lanes"))
	for {
		deadline := time.Now().Add(5 * time.Millisecond)
		for time.Now().Before(deadline) {
			sum = sha256.Sum256(sum[:])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// pingPong passes a value between two goroutines: scheduling events.
func pingPong() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	for v := 0; ; v++ {
		ping <- v
		v = <-pong
		time.Sleep(time.Millisecond)
	}
}
