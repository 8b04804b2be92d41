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
  CUdeviceptr ptr = 0;
  if (capturing_ != 0) {
    auto& reusable = pools_[capturing_].reusable[size];
    if (!reusable.empty()) {
      ptr = reusable.back();
      reusable.pop_back();
      stats_.graphs -= size;
    }
  }
  auto& list = free_[size];
  if (ptr == 0 && !list.empty()) {
    ptr = list.back();
    list.pop_back();
    stats_.cached -= size;
  } else if (ptr == 0) {
    // During a capture (relaxed mode) cuMemAlloc is allowed: it is not a stream operation.
    CUresult result = driver_.memAlloc(&ptr, size);
    // Not while capturing: cuMemFree synchronizes, which would break the capture.
    if (result == CUDA_ERROR_OUT_OF_MEMORY && capturing_ == 0) {
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
  if (capturing_ != 0) owner_[ptr] = capturing_;
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
  stats_.inUse -= size;
  stats_.blocks -= 1;
  auto owner = owner_.find(ptr);
  if (owner == owner_.end() && capturing_ != 0) {
    // An older block freed during a capture: the graph may read it on every replay.
    owner = owner_.emplace(ptr, capturing_).first;
    pools_[capturing_].held.emplace_back(ptr, size);
    stats_.graphs += size;
  } else if (owner != owner_.end()) {
    Pool& pool = pools_[owner->second];
    if (owner->second == capturing_) {
      pool.reusable[size].push_back(ptr);
    } else {
      pool.held.emplace_back(ptr, size);
    }
    stats_.graphs += size;
  } else {
    free_[size].push_back(ptr);
    stats_.cached += size;
  }
  return true;
}

void Allocator::endCapture() {
  if (capturing_ == 0) return;
  Pool& pool = pools_[capturing_];
  for (auto& [size, list] : pool.reusable) {
    for (CUdeviceptr ptr : list) pool.held.emplace_back(ptr, size);
  }
  pool.reusable.clear();
  capturing_ = 0;
}

void Allocator::releaseGraph(int graph) {
  if (capturing_ == graph) endCapture();
  auto pool = pools_.find(graph);
  if (pool != pools_.end()) {
    for (const auto& [ptr, size] : pool->second.held) {
      owner_.erase(ptr);
      free_[size].push_back(ptr);
      stats_.graphs -= size;
      stats_.cached += size;
    }
    pools_.erase(pool);
  }
  for (auto it = owner_.begin(); it != owner_.end();) it = it->second == graph ? owner_.erase(it) : std::next(it);
}

void Allocator::emptyCache() {
  for (auto& [size, list] : free_) {
    for (CUdeviceptr ptr : list) driver_.memFree(ptr);
    stats_.cached -= size * list.size();
    list.clear();
  }
}

}  // namespace kanjs
