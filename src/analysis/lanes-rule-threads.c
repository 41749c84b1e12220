/* lanes-rule-threads.c: goroutines that hold threads.
 *
 * syscall-blocking: user goroutines spend a large share of their time in
 *   system calls (and, from Go 1.22 on, cgo calls, which the trace shows
 *   as syscalls).
 * thread-creation: far more threads than Ps: the runtime kept starting
 *   threads because goroutines held theirs in syscalls or C calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-rules-private.h"

/* A fifth of goroutine time in syscalls: the program waits on the
 * kernel more than it typically runs.  Half is severe. */
#define SYSCALL_MIN_SHARE 0.2
#define SYSCALL_SEVERE_SHARE 0.5
#define SYSCALL_MIN_NS (10 * LANES_MS)

/* The runtime needs one thread per P, plus sysmon, the template thread
 * and a few spinning or idle ones; twice the Ps and at least this many
 * more means threads were made for goroutines stuck outside Go. */
#define THREADS_PER_PROC 2
#define THREADS_MIN_EXTRA 8
/* Four times the Ps is severe: every extra thread costs a stack and
 * kernel scheduling. */
#define THREADS_SEVERE_PER_PROC 4

static void
syscall_blocking (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;
  gint64 in_syscalls = facts->user_ns[LANES_TIME_SYSCALL];
  double part = lanes_rule_share (in_syscalls, lanes_rule_user_time (facts));
  LanesFinding *finding;

  if (in_syscalls < SYSCALL_MIN_NS || part < SYSCALL_MIN_SHARE)
    return;

  finding = lanes_finding_new ("syscall-blocking", part >= SYSCALL_SEVERE_SHARE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "Goroutines spend much of their time in system calls (file I/O, fsync, "
                               "blocking reads) or cgo calls. Each holds its thread for the whole call, "
                               "and a long one makes the runtime hand its P to another thread.",
                               "Batch the calls (fewer, larger writes; fewer fsyncs), move them off the "
                               "latency path onto a small dedicated pool, or use the network poller "
                               "(net.Conn, os.File on pipes) instead of blocking calls where it applies.");
  lanes_finding_set_summary (finding, "Goroutines spent %.0f%% of their time in system calls, %u of them at once at most",
                             100 * part, facts->max_syscalls);
  lanes_finding_add_evidence (finding, "syscall_ns", LANES_UNIT_NS, in_syscalls);
  lanes_finding_add_evidence (finding, "syscall_share", LANES_UNIT_SHARE, part);
  lanes_finding_add_evidence (finding, "max_concurrent_syscalls", LANES_UNIT_COUNT, facts->max_syscalls);
  lanes_finding_add_evidence (finding, "goroutines", LANES_UNIT_COUNT, facts->syscall_goroutines->len);
  lanes_rule_add_goroutines (finding, facts->syscall_goroutines, 8);
  lanes_rule_report (context, finding);
}

static void
thread_creation (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;
  guint procs = facts->gomaxprocs;
  const GArray *seen = facts->thread_first_seen;
  LanesFinding *finding;

  if (procs == 0 || facts->threads < THREADS_PER_PROC * procs || facts->threads < procs + THREADS_MIN_EXTRA)
    return;

  finding = lanes_finding_new ("thread-creation",
                               facts->threads >= THREADS_SEVERE_PER_PROC * procs ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "The program ran on many more threads than Ps. A goroutine in a blocking "
                               "system call or a cgo call keeps its thread, so the runtime starts another "
                               "to run Go code on the P it left; many such calls at once mean many threads.",
                               "Limit how many goroutines make blocking or cgo calls at once (a semaphore "
                               "around them), make the C calls shorter or asynchronous, and prefer "
                               "non-blocking I/O through the network poller.");
  lanes_finding_set_summary (finding, "%u threads ran for %u Ps; up to %u goroutines were in syscalls or C calls at once",
                             facts->threads, procs, facts->max_syscalls);
  lanes_finding_add_evidence (finding, "threads", LANES_UNIT_COUNT, facts->threads);
  lanes_finding_add_evidence (finding, "gomaxprocs", LANES_UNIT_COUNT, procs);
  lanes_finding_add_evidence (finding, "threads_per_proc", LANES_UNIT_RATIO, (double) facts->threads / procs);
  lanes_finding_add_evidence (finding, "max_concurrent_syscalls", LANES_UNIT_COUNT, facts->max_syscalls);
  /* Where the threads beyond the Ps' first appeared. */
  if (seen->len > procs)
    lanes_finding_add_range (finding, g_array_index (seen, gint64, procs), g_array_index (seen, gint64, seen->len - 1));
  lanes_rule_add_goroutines (finding, facts->syscall_goroutines, 8);
  lanes_rule_report (context, finding);
}

void
lanes_rules_threads (LanesRuleContext *context)
{
  syscall_blocking (context);
  thread_creation (context);
}
