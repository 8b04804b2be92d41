import type * as tfl from '@tensorflow/tfjs-layers';
import { kanLayers, kanNodes, type KANLayerBase, type KANNodes } from '@kanjs/kan-layers';

/** One KAN layer of a model and the KANNodes layer (pykan's node and subnode affine, mult nodes) after it, if any. */
export interface Stage {
  readonly layer: KANLayerBase;
  readonly nodes: KANNodes | null;
}

/**
 * The model as a chain of stages, or one clear error: interpretation needs a model made only of KAN layers, each
 * optionally followed by a KANNodes layer (what `kan()` and pykan import build).
 */
export function kanStages(model: tfl.LayersModel, caller: string): Stage[] {
  const layers = kanLayers(model);
  const nodes = kanNodes(model);
  const expected = layers.length + nodes.filter((n) => n !== null).length;
  if (layers.length === 0 || model.layers.length !== expected) {
    const other = model.layers.find((l) => !layers.includes(l as KANLayerBase) && !nodes.includes(l as KANNodes));
    throw new Error(
      `${caller}: expected a model of KAN layers (each optionally followed by KANNodes), found ${other === undefined ? 'no KAN layer' : `layer "${other.name}" (${other.getClassName()})`}.`,
    );
  }
  return layers.map((layer, l) => ({ layer, nodes: nodes[l] ?? null }));
}

/** The number of nodes after a stage: nSum + nMult with KANNodes, else the layer's units. */
export function nodeCount(stage: Stage): number {
  return stage.nodes === null ? stage.layer.units : stage.nodes.nodes;
}

/** The subnodes (outputs of the KAN layer) that feed node `node` of a stage: itself, or a mult node's subnodes. */
export function subnodesOf(stage: Stage, node: number): number[] {
  if (stage.nodes === null || node < stage.nodes.nSum) return [node];
  const { nSum, arities } = stage.nodes;
  let first = nSum;
  for (let k = 0; k < node - nSum; k++) first += arities[k]!;
  return Array.from({ length: arities[node - nSum]! }, (_, k) => first + k);
}

/** The widths of the node layers: inputs, then each stage's nodes. */
export function nodeWidths(stages: readonly Stage[]): number[] {
  return [stages[0]!.layer.inFeatures, ...stages.map(nodeCount)];
}
