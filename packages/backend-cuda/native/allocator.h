// A caching allocator for device memory: freed blocks go to a free list by rounded size and are handed out
// again, so that a training loop stops calling cuMemAlloc after its first step. On out-of-memory it returns
// the cache to the driver and tries once more.
//
// Graph pools (for captured steps): while a graph is captured, every block it allocates belongs to it, and so
// does every older block freed during the capture (the graph may read it on every replay). A block that
// belongs to a graph never goes back to the shared cache while the graph lives: it waits in the graph's pool.
// Only blocks allocated and freed within the same capture are handed out again, to that capture (stream order
// makes that safe). Releasing the graph moves its pool to the cache and makes its live blocks ordinary.
#pragma once

#include <cuda.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "libraries.h"

namespace kanjs {

struct MemoryStats {
  size_t inUse = 0;   // bytes handed out (rounded sizes)
  size_t cached = 0;  // bytes held in free lists
  size_t graphs = 0;  // bytes freed but kept by captured graphs (their pools)
  size_t peak = 0;    // highest inUse so far
  size_t blocks = 0;  // blocks handed out
};

class Allocator {
 public:
  explicit Allocator(const Driver& driver) : driver_(driver) {}

  // A block of at least `bytes`; on failure `error` says why (the size asked and what the device has left).
  CUdeviceptr allocate(size_t bytes, std::string& error);
  // Returns a block from `allocate` to the cache (or to its graph's pool); false if the pointer is not ours.
  bool release(CUdeviceptr ptr);
  // Gives every cached block back to the driver.
  void emptyCache();
  const MemoryStats& stats() const { return stats_; }
  // Starts the peak again from what is in use now (to measure one computation's peak).
  void resetPeak() { stats_.peak = stats_.inUse; }

  // From now until endCapture, blocks belong to graph `graph` (a positive id).
  void beginCapture(int graph) { capturing_ = graph; }
  void endCapture();
  // Graph `graph` is gone: its pool goes to the cache, its live blocks become ordinary.
  void releaseGraph(int graph);

  static size_t roundUp(size_t bytes);

 private:
  struct Pool {
    std::unordered_map<size_t, std::vector<CUdeviceptr>> reusable;  // allocated and freed within the capture
    std::vector<std::pair<CUdeviceptr, size_t>> held;               // kept until the graph is released
  };

  const Driver& driver_;
  std::unordered_map<size_t, std::vector<CUdeviceptr>> free_;
  std::unordered_map<CUdeviceptr, size_t> sizes_;
  std::unordered_map<CUdeviceptr, int> owner_;  // block -> the graph it belongs to
  std::unordered_map<int, Pool> pools_;
  int capturing_ = 0;
  MemoryStats stats_;
};

}  // namespace kanjs
