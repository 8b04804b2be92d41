// A caching allocator for device memory: freed blocks go to a free list by rounded size and are handed out
// again, so that a training loop stops calling cuMemAlloc after its first step. On out-of-memory it returns
// the cache to the driver and tries once more.
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
  size_t peak = 0;    // highest inUse so far
  size_t blocks = 0;  // blocks handed out
};

class Allocator {
 public:
  explicit Allocator(const Driver& driver) : driver_(driver) {}

  // A block of at least `bytes`; on failure `error` says why (the size asked and what the device has left).
  CUdeviceptr allocate(size_t bytes, std::string& error);
  // Returns a block from `allocate` to the cache; false if the pointer is not ours.
  bool release(CUdeviceptr ptr);
  // Gives every cached block back to the driver.
  void emptyCache();
  const MemoryStats& stats() const { return stats_; }
  // Starts the peak again from what is in use now (to measure one computation's peak).
  void resetPeak() { stats_.peak = stats_.inUse; }

  static size_t roundUp(size_t bytes);

 private:
  const Driver& driver_;
  std::unordered_map<size_t, std::vector<CUdeviceptr>> free_;
  std::unordered_map<CUdeviceptr, size_t> sizes_;
  MemoryStats stats_;
};

}  // namespace kanjs
