// The N-API surface of @kanjs/backend-cuda: one device, one stream, device memory through a caching allocator,
// copies, NVRTC compilation, kernel launches, cuBLAS GEMMs and the stream's capture into CUDA graphs. Everything is queued on the one stream, so work
// runs in the order JavaScript asks for it; `download` and `downloadAsync` wait for what came before.
#include <napi.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "allocator.h"
#include "libraries.h"

namespace kanjs {
namespace {

struct State {
  Driver driver{};
  Nvrtc nvrtc{};
  Cublas cublas{};
  CUdevice device = 0;
  CUcontext context = nullptr;
  CUstream stream = nullptr;
  cublasHandle_t blas = nullptr;
  int major = 0, minor = 0;
  std::unique_ptr<Allocator> allocator;
  std::vector<CUfunction> functions;
  // Pinned host buffers for downloadAsync, reused by size (cuMemHostAlloc costs far more than a small copy).
  std::multimap<size_t, void*> pinned;
  bool tf32 = false;
  // Captured graphs by id, and the one being captured now (0: none).
  struct Graph {
    CUgraph graph = nullptr;
    CUgraphExec exec = nullptr;
    std::vector<void*> staged;  // pinned host copies of the uploads made during capture (read on every replay)
  };
  std::map<int, Graph> graphs;
  int capturing = 0;
  int nextGraph = 1;
  CUdeviceptr blasWorkspace = 0;
};

State* state = nullptr;

// A pinned buffer of at least `bytes` (a power of two, 4 KiB or more) from the pool, or a new one.
void* takePinned(size_t bytes, size_t& size, CUresult& result) {
  size = 4096;
  while (size < bytes) size <<= 1;
  auto it = state->pinned.find(size);
  if (it != state->pinned.end()) {
    void* buffer = it->second;
    state->pinned.erase(it);
    result = CUDA_SUCCESS;
    return buffer;
  }
  void* buffer = nullptr;
  result = state->driver.memHostAlloc(&buffer, size, 0);
  return buffer;
}

[[noreturn]] void fail(Napi::Env env, const std::string& message) { throw Napi::Error::New(env, "cuda: " + message); }

void check(Napi::Env env, CUresult result, const char* what) {
  if (result == CUDA_SUCCESS) return;
  const char* text = nullptr;
  if (state != nullptr && state->driver.getErrorString != nullptr) state->driver.getErrorString(result, &text);
  fail(env, std::string(what) + " failed: " + (text != nullptr ? text : "error " + std::to_string(result)));
}

State& ready(Napi::Env env) {
  if (state == nullptr) fail(env, "the device is not initialised; call init() first");
  return *state;
}

// Work that waits for the stream cannot be captured: it would end the capture. One clear error instead.
void notWhileCapturing(Napi::Env env, const char* what) {
  if (state->capturing != 0) fail(env, std::string(what) + " while a step is being captured: a captured step cannot read results back or wait for the device");
}

CUdeviceptr pointerArg(const Napi::Value& value) { return static_cast<CUdeviceptr>(value.As<Napi::Number>().DoubleValue()); }

// init(deviceIndex) -> { name, computeCapability, multiprocessors, totalMemory, driverVersion, nvrtcVersion }
Napi::Value Init(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int index = info.Length() > 0 ? info[0].As<Napi::Number>().Int32Value() : 0;
  if (state == nullptr) {
    auto s = std::make_unique<State>();
    std::string error = loadDriver(s->driver);
    if (!error.empty()) fail(env, "no NVIDIA driver: " + error);
    CUresult result = s->driver.init(0);
    if (result == CUDA_ERROR_NO_DEVICE) fail(env, "no GPU: the NVIDIA driver is installed but finds no CUDA device");
    if (result != CUDA_SUCCESS) {
      const char* text = nullptr;
      s->driver.getErrorString(result, &text);
      fail(env, std::string("the NVIDIA driver did not start (cuInit: ") + (text ? text : "unknown error") + ")");
    }
    int count = 0;
    s->driver.deviceGetCount(&count);
    if (count == 0) fail(env, "no GPU: the NVIDIA driver finds no CUDA device");
    if (index < 0 || index >= count) fail(env, "device " + std::to_string(index) + " does not exist; this machine has " + std::to_string(count));
    error = loadNvrtc(s->nvrtc);
    if (!error.empty()) fail(env, error);
    error = loadCublas(s->cublas);
    if (!error.empty()) fail(env, error);
    state = s.release();
    check(env, state->driver.deviceGet(&state->device, index), "cuDeviceGet");
    check(env, state->driver.primaryCtxRetain(&state->context, state->device), "cuDevicePrimaryCtxRetain");
    check(env, state->driver.ctxSetCurrent(state->context), "cuCtxSetCurrent");
    check(env, state->driver.streamCreate(&state->stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    state->driver.deviceGetAttribute(&state->major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, state->device);
    state->driver.deviceGetAttribute(&state->minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, state->device);
    if (state->cublas.create(&state->blas) != 0) fail(env, "cublasCreate failed");
    state->cublas.setStream(state->blas, state->stream);
    // A workspace of our own (32 MiB, what cuBLAS asks for on Hopper), so that no GEMM allocates one while a
    // step is being captured.
    if (state->cublas.setWorkspace != nullptr) {
      const size_t workspaceBytes = size_t{32} << 20;
      check(env, state->driver.memAlloc(&state->blasWorkspace, workspaceBytes), "the cuBLAS workspace (cuMemAlloc)");
      state->cublas.setWorkspace(state->blas, reinterpret_cast<void*>(state->blasWorkspace), workspaceBytes);
    }
    state->allocator = std::make_unique<Allocator>(state->driver);
  }
  State& s = *state;
  char name[256] = {0};
  s.driver.deviceGetName(name, sizeof(name) - 1, s.device);
  int sms = 0, driverVersion = 0, nvrtcMajor = 0, nvrtcMinor = 0;
  s.driver.deviceGetAttribute(&sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, s.device);
  s.driver.driverGetVersion(&driverVersion);
  s.nvrtc.version(&nvrtcMajor, &nvrtcMinor);
  size_t total = 0;
  s.driver.deviceTotalMem(&total, s.device);
  Napi::Object out = Napi::Object::New(env);
  out.Set("name", name);
  out.Set("computeCapability", std::to_string(s.major) + "." + std::to_string(s.minor));
  out.Set("multiprocessors", sms);
  out.Set("totalMemory", static_cast<double>(total));
  out.Set("driverVersion", std::to_string(driverVersion / 1000) + "." + std::to_string(driverVersion % 1000 / 10));
  out.Set("nvrtcVersion", std::to_string(nvrtcMajor) + "." + std::to_string(nvrtcMinor));
  return out;
}

// alloc(bytes) -> pointer (a Number; device addresses fit in 53 bits)
Napi::Value Alloc(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const double bytes = info[0].As<Napi::Number>().DoubleValue();
  std::string error;
  CUdeviceptr ptr = s.allocator->allocate(static_cast<size_t>(bytes), error);
  if (ptr == 0) fail(env, error);
  return Napi::Number::New(env, static_cast<double>(ptr));
}

Napi::Value Free(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Napi::Boolean::New(env, ready(env).allocator->release(pointerArg(info[0])));
}

Napi::Value Memory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const MemoryStats& stats = ready(env).allocator->stats();
  size_t freeBytes = 0, totalBytes = 0;
  state->driver.memGetInfo(&freeBytes, &totalBytes);
  Napi::Object out = Napi::Object::New(env);
  out.Set("inUse", static_cast<double>(stats.inUse));
  out.Set("cached", static_cast<double>(stats.cached));
  out.Set("graphs", static_cast<double>(stats.graphs));
  out.Set("peak", static_cast<double>(stats.peak));
  out.Set("blocks", static_cast<double>(stats.blocks));
  out.Set("deviceFree", static_cast<double>(freeBytes));
  out.Set("deviceTotal", static_cast<double>(totalBytes));
  return out;
}

Napi::Value ResetPeakMemory(const Napi::CallbackInfo& info) {
  ready(info.Env()).allocator->resetPeak();
  return info.Env().Undefined();
}

Napi::Value EmptyCache(const Napi::CallbackInfo& info) {
  ready(info.Env()).allocator->emptyCache();
  return info.Env().Undefined();
}

// upload(pointer, typedArray): queues the copy; the array may be reused once this returns.
Napi::Value Upload(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  Napi::TypedArray array = info[1].As<Napi::TypedArray>();
  const uint8_t* data = static_cast<const uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  if (s.capturing != 0 && array.ByteLength() > 0) {
    // Captured: a copy from pinned memory that the graph owns, so every replay uploads these same values.
    void* staged = nullptr;
    check(env, s.driver.memHostAlloc(&staged, array.ByteLength(), 0), "pinned host memory for an upload in a captured step (cuMemHostAlloc)");
    s.graphs[s.capturing].staged.push_back(staged);
    std::memcpy(staged, data, array.ByteLength());
    data = static_cast<const uint8_t*>(staged);
  }
  check(env, s.driver.memcpyHtoDAsync(pointerArg(info[0]), data, array.ByteLength(), s.stream), "upload (cuMemcpyHtoDAsync)");
  return env.Undefined();
}

// download(pointer, typedArray): waits for the stream, then fills the array.
Napi::Value Download(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  Napi::TypedArray array = info[1].As<Napi::TypedArray>();
  uint8_t* data = static_cast<uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  notWhileCapturing(env, "download");
  check(env, s.driver.memcpyDtoHAsync(data, pointerArg(info[0]), array.ByteLength(), s.stream), "download (cuMemcpyDtoHAsync)");
  check(env, s.driver.streamSynchronize(s.stream), "download (the kernels before it)");
  return env.Undefined();
}

// The worker of downloadAsync: the copy into pinned memory and an event are queued on the stream by the main
// thread; a pool thread waits for the event; the main thread then copies into the array and resolves.
class DownloadWorker : public Napi::AsyncWorker {
 public:
  DownloadWorker(Napi::Env env, Napi::TypedArray array, void* pinned, size_t pinnedSize, CUevent event)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), array_(Napi::Persistent(array)), pinned_(pinned),
        pinnedSize_(pinnedSize), event_(event) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    state->driver.ctxSetCurrent(state->context);
    result_ = state->driver.eventSynchronize(event_);
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::TypedArray array = array_.Value();
    if (result_ == CUDA_SUCCESS) {
      std::memcpy(static_cast<uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset(), pinned_, array.ByteLength());
    }
    state->pinned.emplace(pinnedSize_, pinned_);
    state->driver.eventDestroy(event_);
    if (result_ == CUDA_SUCCESS) {
      deferred_.Resolve(array);
    } else {
      const char* text = nullptr;
      state->driver.getErrorString(result_, &text);
      deferred_.Reject(Napi::Error::New(env, std::string("cuda: download failed: ") + (text ? text : "unknown error")).Value());
    }
  }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::Reference<Napi::TypedArray> array_;
  void* pinned_;
  size_t pinnedSize_;
  CUevent event_;
  CUresult result_ = CUDA_SUCCESS;
};

// downloadAsync(pointer, typedArray) -> Promise<typedArray>
Napi::Value DownloadAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  Napi::TypedArray array = info[1].As<Napi::TypedArray>();
  const size_t bytes = array.ByteLength();
  notWhileCapturing(env, "downloadAsync");
  size_t pinnedSize = 0;
  CUresult result = CUDA_SUCCESS;
  void* pinned = takePinned(bytes, pinnedSize, result);
  check(env, result, "pinned host memory for a download (cuMemHostAlloc)");
  CUevent event = nullptr;
  check(env, s.driver.eventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  if (bytes > 0) check(env, s.driver.memcpyDtoHAsync(pinned, pointerArg(info[0]), bytes, s.stream), "download (cuMemcpyDtoHAsync)");
  check(env, s.driver.eventRecord(event, s.stream), "cuEventRecord");
  auto* worker = new DownloadWorker(env, array, pinned, pinnedSize, event);
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

// copy(dst, src, bytes)
Napi::Value Copy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const size_t bytes = static_cast<size_t>(info[2].As<Napi::Number>().DoubleValue());
  if (bytes > 0) check(env, s.driver.memcpyDtoDAsync(pointerArg(info[0]), pointerArg(info[1]), bytes, s.stream), "cuMemcpyDtoDAsync");
  return env.Undefined();
}

// fill32(pointer, count, bits): sets `count` 32-bit words to `bits` (a float's or int's bit pattern).
Napi::Value Fill32(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const size_t count = static_cast<size_t>(info[1].As<Napi::Number>().DoubleValue());
  const unsigned int bits = info[2].As<Napi::Number>().Uint32Value();
  if (count > 0) check(env, s.driver.memsetD32Async(pointerArg(info[0]), bits, count, s.stream), "cuMemsetD32Async");
  return env.Undefined();
}

// compileCubin(source, kernelName) -> Uint8Array: the CUBIN NVRTC makes for this device's architecture.
Napi::Value CompileCubin(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const std::string source = info[0].As<Napi::String>();
  const std::string name = info[1].As<Napi::String>();
  nvrtcProgram program = nullptr;
  if (s.nvrtc.createProgram(&program, source.c_str(), (name + ".cu").c_str(), 0, nullptr, nullptr) != 0) fail(env, "nvrtcCreateProgram failed for " + name);
  const std::string arch = "--gpu-architecture=sm_" + std::to_string(s.major) + std::to_string(s.minor);
  const char* options[] = {arch.c_str(), "--std=c++17", "-default-device"};
  const nvrtcResult compiled = s.nvrtc.compileProgram(program, 3, options);
  size_t logSize = 0;
  s.nvrtc.getProgramLogSize(program, &logSize);
  std::string log(logSize, '\0');
  if (logSize > 0) s.nvrtc.getProgramLog(program, log.data());
  if (compiled != 0) {
    s.nvrtc.destroyProgram(&program);
    fail(env, "NVRTC could not compile " + name + " (" + s.nvrtc.getErrorString(compiled) + "):\n" + log);
  }
  size_t size = 0;
  s.nvrtc.getCUBINSize(program, &size);
  Napi::Uint8Array cubin = Napi::Uint8Array::New(env, size);
  s.nvrtc.getCUBIN(program, reinterpret_cast<char*>(cubin.Data()));
  s.nvrtc.destroyProgram(&program);
  return cubin;
}

// load(cubin, kernelName) -> function index: the kernel of a CUBIN (from compileCubin, or a cache of its output).
Napi::Value Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  Napi::Uint8Array cubin = info[0].As<Napi::Uint8Array>();
  const std::string name = info[1].As<Napi::String>();
  std::vector<char> image(cubin.Data(), cubin.Data() + cubin.ByteLength()); // the driver reads it after this call returns
  CUmodule module = nullptr;
  check(env, s.driver.moduleLoadData(&module, image.data()), ("loading " + name + " (cuModuleLoadData)").c_str());
  CUfunction function = nullptr;
  check(env, s.driver.moduleGetFunction(&function, module, name.c_str()), ("finding " + name + " (cuModuleGetFunction)").c_str());
  s.functions.push_back(function);
  return Napi::Number::New(env, static_cast<double>(s.functions.size() - 1));
}

// launch(function, gx, gy, gz, bx, by, bz, sharedBytes, signature, args: Float64Array)
// The signature has one letter per argument: p = device pointer, i = int32, f = float32.
Napi::Value Launch(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const uint32_t index = info[0].As<Napi::Number>().Uint32Value();
  if (index >= s.functions.size()) fail(env, "launch: no compiled function " + std::to_string(index));
  unsigned int dims[6];
  for (int d = 0; d < 6; d++) dims[d] = info[1 + d].As<Napi::Number>().Uint32Value();
  const unsigned int shared = info[7].As<Napi::Number>().Uint32Value();
  const std::string signature = info[8].As<Napi::String>();
  Napi::Float64Array args = info[9].As<Napi::Float64Array>();
  if (args.ElementLength() != signature.size()) fail(env, "launch: the signature and the arguments differ in length");
  union Arg {
    CUdeviceptr p;
    int i;
    float f;
  };
  Arg values[48];
  void* params[48];
  if (signature.size() > 48) fail(env, "launch: more than 48 arguments");
  for (size_t n = 0; n < signature.size(); n++) {
    const double v = args[n];
    switch (signature[n]) {
      case 'p': values[n].p = static_cast<CUdeviceptr>(v); break;
      case 'i': values[n].i = static_cast<int>(v); break;
      case 'f': values[n].f = static_cast<float>(v); break;
      default: fail(env, std::string("launch: unknown argument type '") + signature[n] + "'");
    }
    params[n] = &values[n];
  }
  if (dims[0] == 0 || dims[1] == 0 || dims[2] == 0) return env.Undefined();
  if (shared > 48 * 1024) check(env, s.driver.funcSetAttribute(s.functions[index], CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, static_cast<int>(shared)), "cuFuncSetAttribute");
  check(env, s.driver.launchKernel(s.functions[index], dims[0], dims[1], dims[2], dims[3], dims[4], dims[5], shared, s.stream, params, nullptr), "cuLaunchKernel");
  return env.Undefined();
}

// gemm(transA, transB, m, n, k, A, lda, strideA, B, ldb, strideB, C, ldc, strideC, batch, beta = 0): column-major
// C = op(A)·op(B) + beta·C for each of `batch` matrices, like cublasSgemmStridedBatched with alpha 1. The
// pointers may point inside a buffer (a chunk of rows: the buffer's address plus a byte offset).
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  auto num = [&](int n) { return info[n].As<Napi::Number>().DoubleValue(); };
  const float alpha = 1.0f;
  const float beta = info.Length() > 15 && !info[15].IsUndefined() ? static_cast<float>(num(15)) : 0.0f;
  const cublasStatus_t status = s.cublas.sgemmStridedBatched(
      s.blas, info[0].ToBoolean() ? CUBLAS_OP_T : CUBLAS_OP_N, info[1].ToBoolean() ? CUBLAS_OP_T : CUBLAS_OP_N,
      static_cast<int>(num(2)), static_cast<int>(num(3)), static_cast<int>(num(4)), &alpha,
      reinterpret_cast<const float*>(pointerArg(info[5])), static_cast<int>(num(6)), static_cast<long long>(num(7)),
      reinterpret_cast<const float*>(pointerArg(info[8])), static_cast<int>(num(9)), static_cast<long long>(num(10)), &beta,
      reinterpret_cast<float*>(pointerArg(info[11])), static_cast<int>(num(12)), static_cast<long long>(num(13)), static_cast<int>(num(14)));
  if (status != 0) fail(env, std::string("cublasSgemmStridedBatched failed: ") + s.cublas.getStatusString(status));
  return env.Undefined();
}

// setTF32(on): cuBLAS may use TF32 tensor cores for fp32 GEMMs (10-bit mantissa products).
Napi::Value SetTF32(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  s.tf32 = info[0].ToBoolean();
  s.cublas.setMathMode(s.blas, s.tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH);
  return env.Undefined();
}

Napi::Value Synchronize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  notWhileCapturing(env, "synchronize");
  check(env, s.driver.streamSynchronize(s.stream), "the queued kernels");
  return env.Undefined();
}

// recordEvent() -> an opaque event (a Number) recorded on the stream now; elapsed(a, b) -> ms between two
// events (waits for b and destroys both).
Napi::Value RecordEvent(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  notWhileCapturing(env, "recordEvent (timing)");
  CUevent event = nullptr;
  check(env, s.driver.eventCreate(&event, CU_EVENT_DEFAULT), "cuEventCreate");
  check(env, s.driver.eventRecord(event, s.stream), "cuEventRecord");
  return Napi::Number::New(env, static_cast<double>(reinterpret_cast<uintptr_t>(event)));
}

Napi::Value Elapsed(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  auto start = reinterpret_cast<CUevent>(static_cast<uintptr_t>(info[0].As<Napi::Number>().DoubleValue()));
  auto end = reinterpret_cast<CUevent>(static_cast<uintptr_t>(info[1].As<Napi::Number>().DoubleValue()));
  notWhileCapturing(env, "elapsed (timing)");
  check(env, s.driver.eventSynchronize(end), "cuEventSynchronize");
  float ms = 0;
  check(env, s.driver.eventElapsedTime(&ms, start, end), "cuEventElapsedTime");
  s.driver.eventDestroy(start);
  s.driver.eventDestroy(end);
  return Napi::Number::New(env, ms);
}

// beginCapture() -> graph id: from now on the stream's work is recorded into a graph instead of run (relaxed
// mode: allocations stay allowed), and the allocator gives the graph its own blocks (see allocator.h).
Napi::Value BeginCapture(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  if (s.capturing != 0) fail(env, "beginCapture: graph " + std::to_string(s.capturing) + " is being captured already; captures do not nest");
  const int id = s.nextGraph++;
  check(env, s.driver.streamBeginCapture(s.stream, CU_STREAM_CAPTURE_MODE_RELAXED), "cuStreamBeginCapture");
  s.graphs[id] = State::Graph{};
  s.capturing = id;
  s.allocator->beginCapture(id);
  return Napi::Number::New(env, id);
}

void destroyGraph(State& s, int id) {
  auto it = s.graphs.find(id);
  if (it == s.graphs.end()) return;
  if (it->second.exec != nullptr) s.driver.graphExecDestroy(it->second.exec);
  if (it->second.graph != nullptr) s.driver.graphDestroy(it->second.graph);
  for (void* staged : it->second.staged) s.driver.memFreeHost(staged);
  s.graphs.erase(it);
  s.allocator->releaseGraph(id);
}

// endCapture(keep) -> graph id: ends the capture; with keep, instantiates the graph (throws if the capture was
// broken), else throws the graph and its pool away (an aborted capture: nothing of it ran).
Napi::Value EndCapture(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const int id = s.capturing;
  if (id == 0) fail(env, "endCapture: no step is being captured");
  const bool keep = info.Length() > 0 && info[0].ToBoolean();
  CUgraph graph = nullptr;
  const CUresult ended = s.driver.streamEndCapture(s.stream, &graph);
  s.capturing = 0;
  s.allocator->endCapture();
  s.graphs[id].graph = graph;
  if (!keep) {
    destroyGraph(s, id);
    return Napi::Number::New(env, id);
  }
  if (ended != CUDA_SUCCESS) destroyGraph(s, id);
  check(env, ended, "ending the capture (cuStreamEndCapture; an operation in the step could not be captured)");
  const CUresult instantiated = s.driver.graphInstantiateWithFlags(&s.graphs[id].exec, graph, 0);
  if (instantiated != CUDA_SUCCESS) destroyGraph(s, id);
  check(env, instantiated, "cuGraphInstantiateWithFlags");
  return Napi::Number::New(env, id);
}

// launchGraph(id): queues one replay of a captured graph on the stream.
Napi::Value LaunchGraph(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const int id = info[0].As<Napi::Number>().Int32Value();
  auto it = s.graphs.find(id);
  if (it == s.graphs.end() || it->second.exec == nullptr) fail(env, "launchGraph: no captured graph " + std::to_string(id));
  check(env, s.driver.graphLaunch(it->second.exec, s.stream), "cuGraphLaunch");
  return env.Undefined();
}

// destroyGraph(id): waits for the stream, then frees the graph, its staged uploads and its pool.
Napi::Value DestroyGraph(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  State& s = ready(env);
  const int id = info[0].As<Napi::Number>().Int32Value();
  if (id == s.capturing) fail(env, "destroyGraph: graph " + std::to_string(id) + " is still being captured; end the capture first");
  check(env, s.driver.streamSynchronize(s.stream), "the queued kernels (before destroying a graph)");
  destroyGraph(s, id);
  return env.Undefined();
}

}  // namespace

Napi::Object Module(Napi::Env env, Napi::Object exports) {
  exports.Set("init", Napi::Function::New(env, Init));
  exports.Set("alloc", Napi::Function::New(env, Alloc));
  exports.Set("free", Napi::Function::New(env, Free));
  exports.Set("memory", Napi::Function::New(env, Memory));
  exports.Set("emptyCache", Napi::Function::New(env, EmptyCache));
  exports.Set("resetPeakMemory", Napi::Function::New(env, ResetPeakMemory));
  exports.Set("upload", Napi::Function::New(env, Upload));
  exports.Set("download", Napi::Function::New(env, Download));
  exports.Set("downloadAsync", Napi::Function::New(env, DownloadAsync));
  exports.Set("copy", Napi::Function::New(env, Copy));
  exports.Set("fill32", Napi::Function::New(env, Fill32));
  exports.Set("compileCubin", Napi::Function::New(env, CompileCubin));
  exports.Set("load", Napi::Function::New(env, Load));
  exports.Set("launch", Napi::Function::New(env, Launch));
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("setTF32", Napi::Function::New(env, SetTF32));
  exports.Set("synchronize", Napi::Function::New(env, Synchronize));
  exports.Set("recordEvent", Napi::Function::New(env, RecordEvent));
  exports.Set("elapsed", Napi::Function::New(env, Elapsed));
  exports.Set("beginCapture", Napi::Function::New(env, BeginCapture));
  exports.Set("endCapture", Napi::Function::New(env, EndCapture));
  exports.Set("launchGraph", Napi::Function::New(env, LaunchGraph));
  exports.Set("destroyGraph", Napi::Function::New(env, DestroyGraph));
  return exports;
}

}  // namespace kanjs

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return kanjs::Module(env, exports); }

NODE_API_MODULE(kanjs_cuda, InitModule)
