#include "allocator.h"

#include <algorithm>

namespace kanjs {

size_t Allocator::roundUp(size_t bytes) {
  bytes = std::max<size_t>(bytes, 1);
  // 512-byte steps below 1 MiB, 1 MiB steps above: few distinct sizes, little waste.
  const size_t step = bytes < (size_t{1} << 20) ? 512 : (size_t{1} << 20);
  return (bytes + step - 1) / step * step;
}

CUdeviceptr Allocator::allocate(size_t bytes, std::string& error) {
  const size_t size = roundUp(bytes);
  auto& list = free_[size];
  CUdeviceptr ptr = 0;
  if (!list.empty()) {
    ptr = list.back();
    list.pop_back();
    stats_.cached -= size;
  } else {
    CUresult result = driver_.memAlloc(&ptr, size);
    if (result == CUDA_ERROR_OUT_OF_MEMORY) {
      emptyCache();
      result = driver_.memAlloc(&ptr, size);
    }
    if (result != CUDA_SUCCESS) {
      size_t freeBytes = 0, totalBytes = 0;
      driver_.memGetInfo(&freeBytes, &totalBytes);
      const char* text = nullptr;
      driver_.getErrorString(result, &text);
      const auto mib = [](size_t b) { return std::to_string(b >> 20) + " MiB"; };
      error = (result == CUDA_ERROR_OUT_OF_MEMORY ? std::string("out of device memory") : std::string(text ? text : "cuMemAlloc failed")) +
              ": asked for " + std::to_string(bytes) + " bytes (" + mib(size) + " rounded up); kanjs holds " + mib(stats_.inUse) +
              ", the device has " + mib(freeBytes) + " free of " + mib(totalBytes);
      return 0;
    }
  }
  sizes_[ptr] = size;
  stats_.inUse += size;
  stats_.blocks += 1;
  stats_.peak = std::max(stats_.peak, stats_.inUse);
  return ptr;
}

bool Allocator::release(CUdeviceptr ptr) {
  auto it = sizes_.find(ptr);
  if (it == sizes_.end()) return false;
  const size_t size = it->second;
  sizes_.erase(it);
  free_[size].push_back(ptr);
  stats_.inUse -= size;
  stats_.cached += size;
  stats_.blocks -= 1;
  return true;
}

void Allocator::emptyCache() {
  for (auto& [size, list] : free_) {
    for (CUdeviceptr ptr : list) driver_.memFree(ptr);
    stats_.cached -= size * list.size();
    list.clear();
  }
}

}  // namespace kanjs
