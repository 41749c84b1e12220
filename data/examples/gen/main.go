// Command example writes the trace Lanes opens as its example: a small
// service on loopback for about a second, with the shapes a Go engineer
// looks for in a trace — HTTP handlers waiting on the network, a worker
// pool fed by a channel, a contended mutex, allocation that keeps the GC
// busy, timers, and user tasks and regions per request.
//
//	example OUT.trace
//
// Standard library only; builds with Go 1.19 and later.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/trace"
	"strconv"
	"sync"
	"time"
)

const (
	runFor   = 400 * time.Millisecond
	clients  = 6
	poolSize = 4
)

// cache is shared by every handler: its mutex is the contention point.
var cache = struct {
	sync.Mutex
	entries map[int][]byte
}{entries: map[int][]byte{}}

type job struct {
	n    int
	done chan []byte
}

// worker turns job numbers into payloads, allocating as it goes.
func worker(jobs <-chan job) {
	for j := range jobs {
		buf := make([]byte, 0, 64<<10)
		x := uint64(j.n)
		for i := 0; i < 2000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
			buf = strconv.AppendUint(buf, x%1000, 10)
		}
		j.done <- buf
	}
}

func handler(jobs chan<- job) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, task := trace.NewTask(r.Context(), "request")
		defer task.End()
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))

		var payload []byte
		trace.WithRegion(ctx, "cache lookup", func() {
			cache.Lock()
			payload = cache.entries[n%64]
			time.Sleep(50 * time.Microsecond) // holding the lock on purpose
			cache.Unlock()
		})
		if payload == nil {
			trace.WithRegion(ctx, "compute", func() {
				j := job{n: n, done: make(chan []byte)}
				jobs <- j
				payload = <-j.done
			})
			cache.Lock()
			cache.entries[n%64] = payload
			cache.Unlock()
		}
		trace.Log(ctx, "bytes", strconv.Itoa(len(payload)))
		w.Write(payload)
	}
}

func client(ctx context.Context, addr string, id int, wg *sync.WaitGroup) {
	defer wg.Done()
	c := &http.Client{}
	for i := 0; ctx.Err() == nil; i++ {
		resp, err := c.Get(fmt.Sprintf("http://%s/?n=%d", addr, id*1000+i))
		if err != nil {
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		time.Sleep(2 * time.Millisecond)
	}
}

func run() error {
	jobs := make(chan job)
	for i := 0; i < poolSize; i++ {
		go worker(jobs)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler(jobs)}
	go srv.Serve(ln)

	ctx, cancel := context.WithTimeout(context.Background(), runFor)
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go client(ctx, ln.Addr().String(), i, &wg)
	}
	wg.Wait()
	return srv.Close()
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: example OUT.trace")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(4)
	f, err := os.Create(os.Args[1])
	if err == nil {
		err = trace.Start(f)
	}
	if err == nil {
		err = run()
		trace.Stop()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "example:", err)
		os.Exit(1)
	}
}
