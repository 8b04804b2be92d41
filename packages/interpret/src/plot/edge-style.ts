import { FastKANLayer, type KANLayerBase } from '@kanjs/kan-layers';

/** pykan's edge colours: black numeric, red symbolic, purple both; null when the edge is masked off entirely. */
export function edgeColor(layer: KANLayerBase, mask: Float32Array, i: number, o: number): string | null {
  const numeric = mask[i * layer.units + o] !== 0;
  const symbolic = layer.symbolicEdge(i, o) !== null;
  if (numeric && symbolic) return 'purple';
  if (symbolic) return 'red';
  return numeric ? 'black' : null;
}

/** Whether an edge's output is a function of its own input alone (not for FastKAN with LayerNorm): a line, else dots. */
export function isCurve(layer: KANLayerBase): boolean {
  return !(layer instanceof FastKANLayer && layer.useLayerNorm);
}
