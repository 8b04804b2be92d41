#!/usr/bin/env bash
# On the GPU machine: unpacks what tools/gpu/prepare.sh packed into .carry/, sets up node, the NVIDIA Vulkan driver
# (for WebGPU through Dawn) and the CUDA toolkit's libraries, then runs the command it is given from the project's
# root. prepare.sh copies this file to .carry/on-gpu.sh:
#
#   bash .carry/on-gpu.sh node packages/bench/dist/cli.js --preset paper --out-dir benchmarks/h200/bench
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${here%/.carry}
root=${root%/tools/gpu}
cd "$root"
test -f .carry/modules.tar.xz || { echo "on-gpu.sh: expected .carry/modules.tar.xz in $root, found none; run tools/gpu/prepare.sh and send .carry/ along" >&2; exit 1; }
for deb in .carry/debs/*.deb; do dpkg -x "$deb" /; done
ldconfig
if [[ ! -x /tmp/node-bin/node ]]; then
  mkdir -p /tmp/node-bin/include
  tar -C /tmp/node-bin -xJf .carry/node.tar.xz
  tar -C /tmp/node-bin/include -xJf .carry/node-include.tar.xz
fi
tar -xJf .carry/modules.tar.xz
export PATH=/tmp/node-bin:$PWD/node_modules/.bin:$PATH
export NODE_INCLUDE_DIR=/tmp/node-bin/include/node
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
export CUDA_HOME=/usr/local/cuda
export LD_LIBRARY_PATH=/usr/local/cuda/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
"$@"
