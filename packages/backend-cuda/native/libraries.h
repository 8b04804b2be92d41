// The CUDA libraries the addon uses, loaded with dlopen at run time: the driver (libcuda), NVRTC and cuBLAS.
// Nothing here links against them, so the addon compiles where only nvcc and the CUDA headers exist (CI) and
// the libraries are found on the machine that runs it. NVRTC's and cuBLAS's few declarations are written out
// here because their headers are not part of the runtime-only toolkit.
#pragma once

#include <cuda.h>

#include <string>

namespace kanjs {

// --- NVRTC (nvrtc.h) ---
using nvrtcResult = int;
using nvrtcProgram = struct _nvrtcProgram*;

// --- cuBLAS (cublas_api.h) ---
using cublasStatus_t = int;
using cublasHandle_t = struct cublasContext*;
enum cublasOperation_t { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1 };
enum cublasMath_t { CUBLAS_DEFAULT_MATH = 0, CUBLAS_TF32_TENSOR_OP_MATH = 3 };

struct Driver {
  decltype(&cuInit) init;
  decltype(&cuDriverGetVersion) driverGetVersion;
  decltype(&cuDeviceGetCount) deviceGetCount;
  decltype(&cuDeviceGet) deviceGet;
  decltype(&cuDeviceGetName) deviceGetName;
  decltype(&cuDeviceGetAttribute) deviceGetAttribute;
  decltype(&cuDeviceTotalMem) deviceTotalMem;
  decltype(&cuDevicePrimaryCtxRetain) primaryCtxRetain;
  decltype(&cuCtxSetCurrent) ctxSetCurrent;
  decltype(&cuMemGetInfo) memGetInfo;
  decltype(&cuMemAlloc) memAlloc;
  decltype(&cuMemFree) memFree;
  decltype(&cuMemHostAlloc) memHostAlloc;
  decltype(&cuMemFreeHost) memFreeHost;
  decltype(&cuMemcpyHtoDAsync) memcpyHtoDAsync;
  decltype(&cuMemcpyDtoHAsync) memcpyDtoHAsync;
  decltype(&cuMemcpyDtoDAsync) memcpyDtoDAsync;
  decltype(&cuMemsetD32Async) memsetD32Async;
  decltype(&cuStreamCreate) streamCreate;
  decltype(&cuStreamSynchronize) streamSynchronize;
  decltype(&cuEventCreate) eventCreate;
  decltype(&cuEventDestroy) eventDestroy;
  decltype(&cuEventRecord) eventRecord;
  decltype(&cuEventSynchronize) eventSynchronize;
  decltype(&cuEventElapsedTime) eventElapsedTime;
  decltype(&cuModuleLoadData) moduleLoadData;
  decltype(&cuModuleGetFunction) moduleGetFunction;
  decltype(&cuFuncSetAttribute) funcSetAttribute;
  decltype(&cuLaunchKernel) launchKernel;
  decltype(&cuGetErrorString) getErrorString;
  // Stream capture into CUDA graphs (CUDA 11.4+), for captureStep.
  decltype(&cuStreamBeginCapture) streamBeginCapture;
  decltype(&cuStreamEndCapture) streamEndCapture;
  decltype(&cuGraphInstantiateWithFlags) graphInstantiateWithFlags;
  decltype(&cuGraphLaunch) graphLaunch;
  decltype(&cuGraphExecDestroy) graphExecDestroy;
  decltype(&cuGraphDestroy) graphDestroy;
};

struct Nvrtc {
  nvrtcResult (*createProgram)(nvrtcProgram*, const char*, const char*, int, const char* const*, const char* const*);
  nvrtcResult (*compileProgram)(nvrtcProgram, int, const char* const*);
  nvrtcResult (*getProgramLogSize)(nvrtcProgram, size_t*);
  nvrtcResult (*getProgramLog)(nvrtcProgram, char*);
  nvrtcResult (*getCUBINSize)(nvrtcProgram, size_t*);
  nvrtcResult (*getCUBIN)(nvrtcProgram, char*);
  nvrtcResult (*destroyProgram)(nvrtcProgram*);
  const char* (*getErrorString)(nvrtcResult);
  nvrtcResult (*version)(int*, int*);
};

struct Cublas {
  cublasStatus_t (*create)(cublasHandle_t*);
  cublasStatus_t (*setStream)(cublasHandle_t, CUstream);
  cublasStatus_t (*setMathMode)(cublasHandle_t, cublasMath_t);
  cublasStatus_t (*sgemmStridedBatched)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int, const float*,
                                        const float*, int, long long, const float*, int, long long, const float*, float*,
                                        int, long long, int);
  const char* (*getStatusString)(cublasStatus_t);
  // Optional (null where cuBLAS lacks it): a workspace of our own, so that no GEMM allocates during stream capture.
  cublasStatus_t (*setWorkspace)(cublasHandle_t, void*, size_t);
};

// Each loader returns an empty string on success, else one sentence naming every path it tried and why each failed.
std::string loadDriver(Driver& driver);
std::string loadNvrtc(Nvrtc& nvrtc);
std::string loadCublas(Cublas& cublas);

}  // namespace kanjs
