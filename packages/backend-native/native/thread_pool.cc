#include "thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#if defined(__x86_64__)
#include <immintrin.h>
#define GB_PAUSE() _mm_pause()
#else
#define GB_PAUSE() std::this_thread::yield()
#endif

namespace gb {
namespace {

struct Job {
  const std::function<void(size_t, size_t)>* fn;
  size_t n, chunk, nchunks;
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::atomic<int> refs{0};
};

thread_local bool t_in_task = false;

void run_chunks(Job* job) {
  bool was = t_in_task;
  t_in_task = true;
  for (;;) {
    size_t c = job->next.fetch_add(1, std::memory_order_relaxed);
    if (c >= job->nchunks) break;
    size_t b = c * job->chunk, e = std::min(job->n, b + job->chunk);
    (*job->fn)(b, e);
    job->done.fetch_add(1, std::memory_order_release);
  }
  t_in_task = was;
}

class Pool {
 public:
  ~Pool() { resize(1); }

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  void resize(int n) {
    std::lock_guard<std::mutex> call(call_mu_);
    n = std::max(1, n);
    if (n == size()) return;
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
      gen_.fetch_add(1);
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
    stop_ = false;
    for (int i = 1; i < n; ++i) workers_.emplace_back([this] { loop(); });
  }

  void run(size_t n, size_t chunk, const std::function<void(size_t, size_t)>& fn) {
    std::unique_lock<std::mutex> call(call_mu_, std::try_to_lock);
    Job job;
    job.fn = &fn;
    job.n = n;
    job.chunk = chunk;
    job.nchunks = (n + chunk - 1) / chunk;
    if (!call.owns_lock() || workers_.empty()) {  // busy (another JS thread) or single-threaded
      run_chunks(&job);
      return;
    }
    {
      std::lock_guard<std::mutex> lk(mu_);
      current_ = &job;
      gen_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    run_chunks(&job);
    while (job.done.load(std::memory_order_acquire) < job.nchunks) GB_PAUSE();
    {
      std::lock_guard<std::mutex> lk(mu_);
      current_ = nullptr;
    }
    while (job.refs.load(std::memory_order_acquire) > 0) GB_PAUSE();
  }

 private:
  void loop() {
    uint64_t seen = gen_.load();
    for (;;) {
      // Spin briefly (kernels come in bursts), then sleep.
      for (int i = 0; i < 4000 && gen_.load(std::memory_order_acquire) == seen; ++i) GB_PAUSE();
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [&] { return stop_ || gen_.load() != seen; });
        if (stop_) return;
        seen = gen_.load();
        job = current_;
        if (job) job->refs.fetch_add(1);
      }
      if (job) {
        run_chunks(job);
        job->refs.fetch_sub(1, std::memory_order_release);
      }
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mu_, call_mu_;
  std::condition_variable cv_;
  std::atomic<uint64_t> gen_{0};
  Job* current_ = nullptr;
  bool stop_ = false;
};

Pool& pool() {
  static Pool* p = new Pool();  // never destroyed: threads must not be joined during static teardown
  return *p;
}

}  // namespace

void set_threads(int n) { pool().resize(n); }
int num_threads() { return pool().size(); }

void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& fn) {
  if (n == 0) return;
  grain = std::max<size_t>(1, grain);
  int t = num_threads();
  if (t == 1 || t_in_task || n <= grain) {
    fn(0, n);
    return;
  }
  // About 4 chunks per thread balances load when other processes share the cores.
  size_t chunk = std::max(grain, (n + 4 * t - 1) / (4 * t));
  if (chunk >= n) {
    fn(0, n);
    return;
  }
  pool().run(n, chunk, fn);
}

}  // namespace gb
