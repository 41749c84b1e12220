// Command go-reader-bench reads a Go execution trace with Go's own reader
// (the standard library's internal/trace, which golang.org/x/exp/trace
// mirrors) and prints the same figures as `lanes-cli bench parse`, so the
// two can be compared in the same run.  Built by ./run from the installed
// Go toolchain's sources; see the comment there.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"gotrace/trace"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go-reader-bench TRACE")
		os.Exit(2)
	}
	path := os.Args[1]
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r, err := trace.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		os.Exit(1)
	}
	events := 0
	for {
		_, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(1)
		}
		events++
	}
	seconds := time.Since(start).Seconds()
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	fmt.Printf("trace:     %s\n", path)
	fmt.Printf("events:    %d\n", events)
	fmt.Printf("bytes:     %d\n", info.Size())
	fmt.Printf("seconds:   %.3f\n", seconds)
	fmt.Printf("events/s:  %.2f M\n", float64(events)/seconds/1e6)
	fmt.Printf("MB/s:      %.1f\n", float64(info.Size())/seconds/1e6)
	fmt.Printf("peak RSS:  %.1f MiB\n", float64(usage.Maxrss)/1024)
}
