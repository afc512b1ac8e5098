// A small persistent thread pool. All calls are synchronous: the caller takes part and returns
// when every chunk is done. Nested calls (from inside a task) run serially.
#pragma once
#include <cstddef>
#include <functional>

namespace gb {

/** Sets the number of threads (caller included); n < 1 means 1. */
void set_threads(int n);
int num_threads();

/**
 * Runs fn(begin, end) over [0, n) in chunks of at least `grain` items, dynamically scheduled over
 * the pool. Runs inline when there is one chunk, one thread, or when called from a task.
 */
void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& fn);

}  // namespace gb
