import { CST, Composer, Lexer, Parser, isAlias, isMap, isScalar, isSeq, stringify, visit, type CollectionTag, type Document, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { PYKAN_LIMITS, PyKANError, cut } from './errors.js';

/** What kanjs reads from and writes to pykan's `<path>_config.yml`. */
export interface PyKANConfig {
  /** [n_sum, n_mult] per node layer, inputs first. */
  readonly width: readonly (readonly [number, number])[];
  /** Grid intervals: one for all layers or one per layer. */
  readonly grid: number | readonly number[];
  /** Spline order: one for all layers or one per layer. */
  readonly k: number | readonly number[];
  /** Subnodes per mult node: one for all, or per width entry a list per mult node. */
  readonly multArity: number | readonly (readonly number[])[];
  /** 'silu', 'identity' or 'zero'. */
  readonly baseFun: string;
  readonly symbolicEnabled: boolean;
  readonly gridRange: readonly [number, number];
  readonly gridEps: number;
  /** Per layer, the out × in table of symbolic function names ('0' = none). */
  readonly funsName: readonly (readonly (readonly string[])[])[];
}

const TAG = 'tag:yaml.org,2002:python/';

/** numpy's dtype as pyyaml dumps it (`args: [i8, false, true]`): read as its type code. */
const numpyDtype: CollectionTag = {
  tag: `${TAG}object/apply:numpy.dtype`,
  collection: 'map',
  resolve: (map) => (isMap(map) ? dtypeCode(map) : null),
};

/** The type code of a numpy dtype node (`args: [i8, …]`), or null. */
function dtypeCode(map: YAMLMap): string | null {
  const args = map.get('args');
  const code = isSeq(args) ? args.items[0] : undefined;
  return isScalar(code) ? String(code.value) : null;
}

const SCALAR_TAGS = ['numpy.core', 'numpy._core'].map((module) => `${TAG}object/apply:${module}.multiarray.scalar`);

/**
 * numpy scalars (`numpy.core.multiarray.scalar`, numpy 2's `numpy._core`): [dtype, !!binary little-endian bytes].
 * They stay sequences while parsing, so that pyyaml's anchors on repeated dtypes resolve; `numpyScalars` then
 * replaces each by its number.
 */
const scalarTags: CollectionTag[] = SCALAR_TAGS.map((tag) => ({ tag, collection: 'seq', resolve: (seq) => seq }));

/** Replaces every numpy scalar sequence of the document by its number. */
function numpyScalars(doc: Document): void {
  const values = new Map<YAMLSeq, number>();
  visit(doc, {
    Seq(_, seq) {
      if (seq.tag === undefined || !SCALAR_TAGS.includes(seq.tag)) return;
      const [dtype, payload] = seq.items.map((item) => {
        const node = isAlias(item) ? item.resolve(doc) : item;
        if (isMap(node)) return dtypeCode(node);
        return isScalar(node) ? node.value : node;
      });
      if (typeof dtype !== 'string' || !(payload instanceof Uint8Array)) {
        throw new PyKANError('pykan config: a numpy scalar needs a dtype and a !!binary payload, found something else.');
      }
      values.set(seq, numpyValue(dtype, payload));
    },
  });
  visit(doc, {
    Seq(_, seq) {
      const value = values.get(seq);
      if (value === undefined) return undefined;
      const node = doc.createNode(value);
      if (seq.anchor !== undefined) node.anchor = seq.anchor; // aliases of the scalar keep resolving
      return node;
    },
  });
}

const pythonTuple: CollectionTag = { tag: `${TAG}tuple`, collection: 'seq', resolve: (seq) => seq };

function numpyValue(dtype: string, payload: Uint8Array): number {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const code = dtype.replace(/^[<=|]/, '');
  const sizes: Record<string, [number, (at: number) => number]> = {
    i8: [8, (at) => Number(view.getBigInt64(at, true))],
    u8: [8, (at) => Number(view.getBigUint64(at, true))],
    i4: [4, (at) => view.getInt32(at, true)],
    u4: [4, (at) => view.getUint32(at, true)],
    f8: [8, (at) => view.getFloat64(at, true)],
    f4: [4, (at) => view.getFloat32(at, true)],
    b1: [1, (at) => view.getUint8(at)],
  };
  const reader = sizes[code];
  if (reader === undefined || payload.length !== reader[0]) {
    throw new PyKANError(`pykan config: expected a numpy scalar of dtype ${Object.keys(sizes).join(', ')} with its byte size, found dtype ${dtype} with ${payload.length} bytes.`);
  }
  return reader[1](0);
}

const CUSTOM_TAGS: (CollectionTag | ScalarTag)[] = [numpyDtype, ...scalarTags, pythonTuple];

/** The one YAML document of `text`, lexed once, its nesting checked on the lexemes before the parser nests anything. */
function parse(text: string): Document.Parsed {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const nesting = nestingCheck();
  for (const lexeme of new Lexer().lex(text)) {
    nesting(lexeme);
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  const docs = Array.from(new Composer({ schema: 'yaml-1.1', customTags: CUSTOM_TAGS }).compose(tokens, true, text.length));
  if (docs.length !== 1) throw new PyKANError(`pykan config: expected one YAML document, found ${docs.length}.`);
  return docs[0]!;
}

/**
 * A check, lexeme by lexeme, that a config nests at most PYKAN_LIMITS.configDepth levels: flow brackets, block
 * indicators on one line ("- - - x") and indentation (each block level indents by at least one column). YAML's
 * parser and composer recurse and allocate per level, so a few kilobytes of `[` would otherwise take hundreds of
 * megabytes or overflow the stack.
 */
function nestingCheck(): (lexeme: string) => void {
  const limit = PYKAN_LIMITS.configDepth;
  let flow = 0;
  let indicators = 0;
  let lineStart = true;
  return (lexeme) => {
    const type = CST.tokenType(lexeme);
    if (type === 'newline') {
      indicators = 0;
      lineStart = true;
      return;
    }
    if (type === 'space') {
      if (lineStart && lexeme.length > 2 * limit) throw new PyKANError(`pykan config: a line is indented by more than ${2 * limit} spaces; expected at most ${limit} levels of nesting.`);
      return;
    }
    lineStart = false;
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (++flow > limit) throw new PyKANError(`pykan config: flow collections nest deeper than ${limit} levels.`);
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind')) {
      if (++indicators > limit) throw new PyKANError(`pykan config: a line opens more than ${limit} nested block collections.`);
    }
  };
}

/** Parses pykan's config YAML, numpy scalars included (which pykan's own `yaml.safe_load` refuses). */
export function readPyKANConfig(text: string): PyKANConfig {
  if (text.length > PYKAN_LIMITS.configChars) throw new PyKANError(`pykan config: expected at most ${PYKAN_LIMITS.configChars} characters, found ${text.length}.`);
  const doc = parse(text);
  if (doc.errors.length > 0) throw new PyKANError(`pykan config: not valid YAML (${cut(doc.errors[0]!.message, 120)}).`);
  let raw: unknown;
  try {
    numpyScalars(doc);
    // maxAliasCount refuses alias expansion that grows faster than the document ("billion laughs").
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof PyKANError) throw error;
    throw new PyKANError(`pykan config: its anchors and aliases do not resolve to plain data (${cut(error instanceof Error ? error.message : String(error), 100)}).`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PyKANError('pykan config: expected a mapping of settings, found something else.');
  const dict = raw as Record<string, unknown>;
  const width = field(dict, 'width', isWidth, 'a list of widths (n or [n_sum, n_mult])').map((w) => (typeof w === 'number' ? [w, 0] : [w[0], w[1]]) as [number, number]);
  const depth = width.length - 1;
  if (depth < 1) throw new PyKANError(`pykan config: width needs at least two entries, found ${width.length}.`);
  const empty = width.findIndex(([n, m]) => n + m < 1);
  if (empty >= 0) throw new PyKANError(`pykan config: width[${empty}] has no nodes; every entry needs n_sum + n_mult ≥ 1.`);
  const funsName = Array.from({ length: depth }, (_, l) => field(dict, `symbolic.funs_name.${l}`, isTable, 'an out × in table of function names'));
  const gridRange = field(dict, 'grid_range', isRange, '[low, high] with low < high');
  return {
    width,
    grid: field(dict, 'grid', isCount, 'an integer or a list of integers'),
    k: field(dict, 'k', isCount, 'an integer or a list of integers'),
    multArity: field(dict, 'mult_arity', (v): v is number | number[][] => isInteger(v) || (Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every(isInteger))), 'an integer or a list of lists'),
    baseFun: field(dict, 'base_fun_name', (v): v is string => typeof v === 'string', 'a name'),
    symbolicEnabled: dict['symbolic_enabled'] === undefined ? true : field(dict, 'symbolic_enabled', (v): v is boolean => typeof v === 'boolean', 'true or false'),
    gridRange,
    gridEps: dict['grid_eps'] === undefined ? 0.02 : field(dict, 'grid_eps', isNumber, 'a number'),
    funsName,
  };
}

/** pykan's config YAML for a model (keys sorted, as pyyaml's dump writes them). */
export function writePyKANConfig(config: PyKANConfig): string {
  const dict: Record<string, unknown> = {
    affine_trainable: false,
    auto_save: false,
    base_fun_name: config.baseFun,
    ckpt_path: './model',
    device: 'cpu',
    grid: config.grid,
    grid_eps: config.gridEps,
    grid_range: [...config.gridRange],
    k: config.k,
    mult_arity: config.multArity,
    round: 0,
    sb_trainable: true,
    sp_trainable: true,
    state_id: 0,
    symbolic_enabled: config.symbolicEnabled,
    width: config.width.map(([n, m]) => [n, m]),
  };
  config.funsName.forEach((table, l) => (dict[`symbolic.funs_name.${l}`] = table.map((row) => [...row])));
  return stringify(dict, { sortMapEntries: true, indentSeq: false });
}

function field<T>(dict: Record<string, unknown>, key: string, check: (value: unknown) => value is T, expected: string): T {
  const value = Object.hasOwn(dict, key) ? dict[key] : undefined;
  if (!check(value)) throw new PyKANError(`pykan config: expected ${key} to be ${expected}, found ${describe(value)}.`);
  return value;
}

/** A short description of a YAML value for an error message: its start for a string or number, its kind otherwise. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return cut(typeof value === 'string' ? JSON.stringify(value) : String(value), 40);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isRange = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isNumber) && (v[0] as number) < (v[1] as number);
const isCount = (v: unknown): v is number | number[] => isInteger(v) || (Array.isArray(v) && v.every(isInteger));
const isWidth = (v: unknown): v is (number | [number, number])[] =>
  Array.isArray(v) && v.every((w) => isInteger(w) || (Array.isArray(w) && w.length === 2 && w.every(isInteger)));
const isTable = (v: unknown): v is string[][] => Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every((name) => typeof name === 'string'));
