/* C reference for the erlang-a-100 benchmark: the same workload as ccsim-bench, in the
   tightest plain C we could write (binary heap keyed by (time, sequence), ring-buffer
   FIFO with lazy abandonment, GSL's mt19937 and gsl_ran_exponential). It only times
   the workload so that `make bench` can print a ratio measured in one run; it is not
   part of ccsim. Build: cc -O2 erlang_a_ref.c $(pkg-config --cflags --libs gsl) */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

enum { ARRIVAL, SERVICE_END, ABANDON };
typedef struct { double t; uint64_t seq; int kind; int32_t slot; uint32_t gen; } event;
typedef struct { double arrival, service; uint32_t gen; int live; } call;

static event *heap; static size_t heap_n, heap_cap; static uint64_t seq;
static int before(const event *a, const event *b) { return a->t < b->t || (a->t == b->t && a->seq < b->seq); }
static void push(double t, int kind, int32_t slot, uint32_t gen) {
    if (heap_n == heap_cap) { heap_cap = heap_cap ? 2 * heap_cap : 1024; heap = realloc(heap, heap_cap * sizeof *heap); }
    event e = { t, seq++, kind, slot, gen };
    size_t c = heap_n++;
    while (c > 0) { size_t p = (c - 1) / 2; if (!before(&e, &heap[p])) break; heap[c] = heap[p]; c = p; }
    heap[c] = e;
}
static event pop(void) {
    event top = heap[0], last = heap[--heap_n];
    size_t hole = 0;
    for (;;) {
        size_t c = 2 * hole + 1;
        if (c >= heap_n) break;
        if (c + 1 < heap_n && before(&heap[c + 1], &heap[c])) c++;
        if (!before(&heap[c], &last)) break;
        heap[hole] = heap[c]; hole = c;
    }
    if (heap_n) heap[hole] = last;
    return top;
}

static call *calls; static int32_t *free_slots; static size_t calls_n, calls_cap, free_n;
typedef struct { int32_t slot; uint32_t gen; } handle;
static handle *fifo; static size_t fifo_head, fifo_n, fifo_cap;
static int32_t new_call(void) {
    if (free_n) return free_slots[--free_n];
    if (calls_n == calls_cap) {
        calls_cap = calls_cap ? 2 * calls_cap : 1024;
        calls = realloc(calls, calls_cap * sizeof *calls);
        free_slots = realloc(free_slots, calls_cap * sizeof *free_slots);
    }
    calls[calls_n].gen = 0;
    return (int32_t)calls_n++;
}
static void fifo_push(handle h) {
    if (fifo_n == fifo_cap) {
        size_t cap = fifo_cap ? 2 * fifo_cap : 1024;
        handle *b = malloc(cap * sizeof *b);
        for (size_t i = 0; i < fifo_n; i++) b[i] = fifo[(fifo_head + i) % fifo_cap];
        free(fifo); fifo = b; fifo_cap = cap; fifo_head = 0;
    }
    fifo[(fifo_head + fifo_n++) % fifo_cap] = h;
}

int main(int argc, char **argv) {
    long warmup = 10000, measured = argc > 1 ? atol(argv[1]) : 1000000;
    const int agents = 310; const double mean_ia = 0.6, aht = 180, patience = 120, target = 20;
    gsl_rng *ia = gsl_rng_alloc(gsl_rng_mt19937), *sv = gsl_rng_alloc(gsl_rng_mt19937), *pt = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(ia, 1); gsl_rng_set(sv, 2); gsl_rng_set(pt, 3);
    struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
    long arrivals = 0, answered = 0, within = 0, abandoned = 0, offered = 0; int busy = 0, closed = 0;
    push(gsl_ran_exponential(ia, mean_ia), ARRIVAL, -1, 0);
    while (heap_n) {
        event e = pop();
        if (e.kind == ARRIVAL) {
            if (closed) continue;
            push(e.t + gsl_ran_exponential(ia, mean_ia), ARRIVAL, -1, 0);
            int m = ++arrivals > warmup; if (arrivals == warmup + measured) closed = 1;
            double s = gsl_ran_exponential(sv, aht), p = gsl_ran_exponential(pt, patience);
            offered += m;
            if (busy < agents) { busy++; answered += m; within += m; push(e.t + s, SERVICE_END, -1, 0); continue; }
            int32_t k = new_call(); calls[k].arrival = e.t; calls[k].service = s; calls[k].live = m;
            handle h = { k, calls[k].gen }; fifo_push(h); push(e.t + p, ABANDON, k, calls[k].gen);
        } else if (e.kind == SERVICE_END) {
            busy--;
            while (fifo_n) {
                handle h = fifo[fifo_head]; fifo_head = (fifo_head + 1) % fifo_cap; fifo_n--;
                int32_t k = h.slot;
                if (calls[k].gen != h.gen) continue; /* abandoned: stale entry */
                double w = e.t - calls[k].arrival;
                if (calls[k].live) { answered++; within += w <= target; }
                calls[k].gen++; free_slots[free_n++] = k; busy++;
                push(e.t + calls[k].service, SERVICE_END, -1, 0);
                break;
            }
        } else {
            call *c = &calls[e.slot];
            if (c->gen != e.gen) continue;
            abandoned += c->live; c->gen++; free_slots[free_n++] = e.slot;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    printf("C reference (binary heap + GSL mt19937), %ld measured calls: %.0f calls/s, %.3f s, peak RSS %.1f MB, "
           "service_level %.4f, abandon_rate %.4f\n", measured, (warmup + measured) / secs, secs, u.ru_maxrss / 1024.0,
           (double)within / offered, (double)abandoned / offered);
    return 0;
}
