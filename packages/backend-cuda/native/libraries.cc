#include "libraries.h"

#include <dlfcn.h>

#include <cstdlib>
#include <vector>

namespace kanjs {
namespace {

// Where a library is looked for: the bare name (the dynamic loader's search, LD_LIBRARY_PATH included), then
// $CUDA_HOME/lib64, then /usr/local/cuda/lib64.
std::vector<std::string> candidates(const std::vector<std::string>& names) {
  std::vector<std::string> paths;
  for (const auto& name : names) paths.push_back(name);
  const char* home = std::getenv("CUDA_HOME");
  for (const auto& name : names) {
    if (home != nullptr && *home != '\0') paths.push_back(std::string(home) + "/lib64/" + name);
    paths.push_back("/usr/local/cuda/lib64/" + name);
  }
  return paths;
}

void* open(const std::vector<std::string>& names, const std::string& what, std::string& error) {
  std::string tried;
  for (const auto& path : candidates(names)) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) return handle;
    const char* reason = dlerror();
    tried += (tried.empty() ? "" : "; ") + path + (reason != nullptr ? std::string(" (") + reason + ")" : "");
  }
  error = what + " not found; tried " + tried;
  return nullptr;
}

template <typename Fn>
bool symbol(void* handle, const char* name, Fn& fn, std::string& error) {
  fn = reinterpret_cast<Fn>(dlsym(handle, name));
  if (fn == nullptr && error.empty()) error = std::string("symbol ") + name + " is missing";
  return fn != nullptr;
}

}  // namespace

std::string loadDriver(Driver& d) {
  std::string error;
  void* h = open({"libcuda.so.1", "libcuda.so"}, "the NVIDIA driver library libcuda", error);
  if (h == nullptr) return error;
  symbol(h, "cuInit", d.init, error);
  symbol(h, "cuDriverGetVersion", d.driverGetVersion, error);
  symbol(h, "cuDeviceGetCount", d.deviceGetCount, error);
  symbol(h, "cuDeviceGet", d.deviceGet, error);
  symbol(h, "cuDeviceGetName", d.deviceGetName, error);
  symbol(h, "cuDeviceGetAttribute", d.deviceGetAttribute, error);
  symbol(h, "cuDeviceTotalMem_v2", d.deviceTotalMem, error);
  symbol(h, "cuDevicePrimaryCtxRetain", d.primaryCtxRetain, error);
  symbol(h, "cuCtxSetCurrent", d.ctxSetCurrent, error);
  symbol(h, "cuMemGetInfo_v2", d.memGetInfo, error);
  symbol(h, "cuMemAlloc_v2", d.memAlloc, error);
  symbol(h, "cuMemFree_v2", d.memFree, error);
  symbol(h, "cuMemHostAlloc", d.memHostAlloc, error);
  symbol(h, "cuMemFreeHost", d.memFreeHost, error);
  symbol(h, "cuMemcpyHtoDAsync_v2", d.memcpyHtoDAsync, error);
  symbol(h, "cuMemcpyDtoHAsync_v2", d.memcpyDtoHAsync, error);
  symbol(h, "cuMemcpyDtoDAsync_v2", d.memcpyDtoDAsync, error);
  symbol(h, "cuMemsetD32Async", d.memsetD32Async, error);
  symbol(h, "cuStreamCreate", d.streamCreate, error);
  symbol(h, "cuStreamSynchronize", d.streamSynchronize, error);
  symbol(h, "cuEventCreate", d.eventCreate, error);
  symbol(h, "cuEventDestroy_v2", d.eventDestroy, error);
  symbol(h, "cuEventRecord", d.eventRecord, error);
  symbol(h, "cuEventSynchronize", d.eventSynchronize, error);
  // CUDA 12.8 renamed it (same signature); older drivers have only the first name.
  d.eventElapsedTime = reinterpret_cast<decltype(d.eventElapsedTime)>(dlsym(h, "cuEventElapsedTime_v2"));
  if (d.eventElapsedTime == nullptr) symbol(h, "cuEventElapsedTime", d.eventElapsedTime, error);
  symbol(h, "cuModuleLoadData", d.moduleLoadData, error);
  symbol(h, "cuModuleGetFunction", d.moduleGetFunction, error);
  symbol(h, "cuFuncSetAttribute", d.funcSetAttribute, error);
  symbol(h, "cuLaunchKernel", d.launchKernel, error);
  symbol(h, "cuGetErrorString", d.getErrorString, error);
  symbol(h, "cuStreamBeginCapture_v2", d.streamBeginCapture, error);
  symbol(h, "cuStreamEndCapture", d.streamEndCapture, error);
  symbol(h, "cuGraphInstantiateWithFlags", d.graphInstantiateWithFlags, error);
  symbol(h, "cuGraphLaunch", d.graphLaunch, error);
  symbol(h, "cuGraphExecDestroy", d.graphExecDestroy, error);
  symbol(h, "cuGraphDestroy", d.graphDestroy, error);
  return error.empty() ? "" : "the NVIDIA driver library libcuda is too old: " + error;
}

std::string loadNvrtc(Nvrtc& n) {
  std::string error;
  void* h = open({"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"}, "NVRTC (libnvrtc, part of the CUDA toolkit)", error);
  if (h == nullptr) return error;
  symbol(h, "nvrtcCreateProgram", n.createProgram, error);
  symbol(h, "nvrtcCompileProgram", n.compileProgram, error);
  symbol(h, "nvrtcGetProgramLogSize", n.getProgramLogSize, error);
  symbol(h, "nvrtcGetProgramLog", n.getProgramLog, error);
  symbol(h, "nvrtcGetCUBINSize", n.getCUBINSize, error);
  symbol(h, "nvrtcGetCUBIN", n.getCUBIN, error);
  symbol(h, "nvrtcDestroyProgram", n.destroyProgram, error);
  symbol(h, "nvrtcGetErrorString", n.getErrorString, error);
  symbol(h, "nvrtcVersion", n.version, error);
  return error.empty() ? "" : "NVRTC is too old (CUDA 11.1 or newer is needed): " + error;
}

std::string loadCublas(Cublas& c) {
  std::string error;
  void* h = open({"libcublas.so.13", "libcublas.so.12", "libcublas.so"}, "cuBLAS (libcublas, part of the CUDA toolkit)", error);
  if (h == nullptr) return error;
  symbol(h, "cublasCreate_v2", c.create, error);
  symbol(h, "cublasSetStream_v2", c.setStream, error);
  symbol(h, "cublasSetMathMode", c.setMathMode, error);
  symbol(h, "cublasSgemmStridedBatched", c.sgemmStridedBatched, error);
  symbol(h, "cublasGetStatusString", c.getStatusString, error);
  c.setWorkspace = reinterpret_cast<decltype(c.setWorkspace)>(dlsym(h, "cublasSetWorkspace_v2"));
  return error.empty() ? "" : "cuBLAS is too old (CUDA 11.4 or newer is needed): " + error;
}

}  // namespace kanjs
