#ifndef FLOWGATE_CPREFETCH_H
#define FLOWGATE_CPREFETCH_H

/// Asks the processor to bring the cache line holding `address` closer, without waiting for it: the zone
/// engine names every line a query will read before it reads the first, so that their misses overlap
/// instead of following one another. A hint only; it never faults.
static inline __attribute__((always_inline)) void flowgate_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
