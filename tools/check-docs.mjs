// Runs every ```ts and ```js code block of every README.md and docs/*.md as written, in a project where the
// packed tarballs are installed: proof that each example works for someone who copies it. TypeScript blocks are
// type-checked (strict, against the published .d.ts files) and run through tsx. The conventions (CONTRIBUTING.md,
// "Code blocks in READMEs and docs"), each an HTML comment on the last non-blank line before the block:
//   <!-- not-run: reason -->   the block is not run (shell-only, GPU-only or browser-only); the reason is required;
//   <!-- continues -->         the block continues the file's previous run block: they run together, as one script;
//   <!-- excerpt: path -->     the block shows lines of a file of the repository (one that cannot run alone, such as
//                              a package's side-effect entry or a test): it is not run, but every line of it must
//                              be in that file, in the same order, so the file's own build and tests check it.
// A README with an `npm install` line must install every package its examples import.
// Usage: node tools/check-docs.mjs   (after a build; packs and installs, a few minutes)
//        imported by tools/pack-smoke.mjs, which runs checkDocs in its own project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packTarballs, root, rootPkg, tfjsVersion, withPackedProject, workspacePackages } from './lib/packed-project.mjs';

const RUNNABLE = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const TIMEOUT_MS = 120_000;

/** What the docs' examples import beyond the public packages and the tfjs peers: specs for `npm install`. */
export function docsDependencies(work) {
  // The custom-basis example is private (it is the guide's companion, not a product) but its README and the
  // guide import it, so it is packed too.
  const examples = packTarballs(workspacePackages('examples', { includePrivate: true }), work);
  return [...examples, `@tensorflow/tfjs-backend-wasm@${tfjsVersion}`, 'tsx@4.23.15', `typescript@${rootPkg.devDependencies.typescript}`];
}

/** The markdown files checked: every README.md outside node_modules and build output, and docs/*.md. */
export function docFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'README.md') found.push(path);
    }
  };
  walk(root);
  const docs = join(root, 'docs');
  for (const name of readdirSync(docs)) if (name.endsWith('.md')) found.push(join(docs, name));
  return found.map((path) => relative(root, path)).sort();
}

/**
 * The code blocks of one markdown text: { line, lang, code, marker } with `line` 1-based (the opening fence) and
 * `marker` the convention comment before it ({ kind: 'not-run', reason }, { kind: 'continues' } or
 * { kind: 'excerpt', path }) or null.
 */
export function codeBlocks(text, file) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    if (end === lines.length) throw new Error(`${file}:${i + 1}: a code block that is never closed.`);
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    blocks.push({
      line: i + 1,
      lang: lang.toLowerCase(),
      code: lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n') + '\n',
      marker: before >= 0 ? parseMarker(lines[before], `${file}:${before + 1}`) : null,
    });
    i = end;
  }
  return blocks;
}

function parseMarker(line, where) {
  const comment = /^\s*<!--\s*(not-run|continues|excerpt)\b\s*:?\s*(.*?)\s*-->\s*$/.exec(line);
  if (!comment) return null;
  const [, kind, text] = comment;
  if (kind === 'not-run' && text === '') throw new Error(`${where}: a not-run comment needs a reason, as <!-- not-run: reason -->, found "${line.trim()}".`);
  if (kind === 'excerpt' && !existsSync(join(root, text))) throw new Error(`${where}: an excerpt comment needs the path of a file of the repository, as <!-- excerpt: path -->, found "${line.trim()}".`);
  if (kind === 'continues' && text !== '') throw new Error(`${where}: a continues comment takes nothing after it, found "${line.trim()}".`);
  return kind === 'not-run' ? { kind, reason: text } : kind === 'excerpt' ? { kind, path: text } : { kind };
}

/** Throws unless every non-blank line of `code` is a line of the file at `path`, in the same order (spaces at the ends aside). */
function checkExcerpt(code, path, where) {
  const lines = readFileSync(join(root, path), 'utf8').split('\n').map((l) => l.trim());
  let at = 0;
  for (const wanted of code.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    while (at < lines.length && lines[at] !== wanted) at++;
    if (at === lines.length) throw new Error(`${where}: the block is marked as an excerpt of ${path}, but its line "${wanted}" is not in that file after the lines before it.`);
    at++;
  }
}

/** The packages a script imports: the bare specifiers of its import statements, as package names. */
function importedPackages(code) {
  const names = new Set();
  for (const [, spec] of code.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (spec.startsWith('.') || spec.startsWith('node:')) continue;
    names.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  }
  return names;
}

/** The packages that the `npm install <packages>` lines of a markdown text install (null if it has none). */
function installedPackages(text) {
  const names = [...text.matchAll(/npm install ([^\n#`]*)/g)]
    .flatMap(([, args]) => args.split('&&')[0].split(/\s+/).filter((a) => a !== '' && !a.startsWith('-')))
    .map((a) => a.replace(/(.)@[^/]*$/, '$1'));
  return names.length === 0 ? null : new Set(names);
}

/**
 * The scripts to run: one per runnable block, a `continues` block joined to the script of the block before it.
 * Each is { file, lines: [opening fence lines], lang, code }; blocks not run (not-run, and excerpts once checked)
 * come back as { file, line, reason }.
 */
export function docScripts(files = docFiles()) {
  const scripts = [];
  const skipped = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const installed = installedPackages(text);
    let previous = null;
    for (const block of codeBlocks(text, file)) {
      if (!RUNNABLE.has(block.lang)) {
        if (block.marker !== null) throw new Error(`${file}:${block.line}: a ${block.marker.kind} comment before a \`\`\`${block.lang || '(no language)'} block, which is never run; expected it only before ts or js blocks.`);
        continue;
      }
      if (installed !== null && block.marker?.kind !== 'excerpt') {
        const missing = [...importedPackages(block.code)].filter((name) => !installed.has(name));
        if (missing.length > 0) throw new Error(`${file}:${block.line}: the example imports ${missing.join(', ')}, which the file's npm install lines do not install.`);
      }
      if (block.marker?.kind === 'not-run') {
        skipped.push({ file, line: block.line, reason: block.marker.reason });
      } else if (block.marker?.kind === 'excerpt') {
        checkExcerpt(block.code, block.marker.path, `${file}:${block.line}`);
        skipped.push({ file, line: block.line, reason: `an excerpt of ${block.marker.path}: its lines are there, in order` });
      } else if (block.marker?.kind === 'continues') {
        if (previous === null) throw new Error(`${file}:${block.line}: a continues block with no runnable block before it in the file.`);
        previous.lines.push(block.line);
        previous.code += block.code;
        if (block.lang !== 'js' && block.lang !== 'javascript' && block.lang !== 'mjs') previous.lang = 'ts';
      } else {
        previous = { file, lines: [block.line], lang: block.lang === 'typescript' ? 'ts' : block.lang, code: block.code };
        scripts.push(previous);
      }
    }
  }
  return { scripts, skipped };
}

/** Type-checks the TypeScript scripts in `dir` with the project's tsc, strict, as a user's project would; throws on an error. */
function typeCheck(app, dir) {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, lib: ['es2022', 'dom'], types: [] },
    include: ['*.ts'],
  }));
  const result = spawnSync(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: app, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`check-docs: the TypeScript code blocks do not type-check (the files are named after the markdown file and line):\n${result.stdout}${result.stderr}`);
  console.log('check-docs: the TypeScript code blocks type-check (strict)');
}

/** Runs every script in `app` (a project with the tarballs and docsDependencies installed); throws if any fails. */
export function checkDocs(app, { files } = {}) {
  const { scripts, skipped } = docScripts(files);
  const dir = join(app, 'doc-blocks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tsx = join(app, 'node_modules/tsx/dist/cli.mjs');
  if (!existsSync(tsx)) throw new Error(`check-docs: expected tsx installed in ${app}, found no ${tsx}.`);
  const named = scripts.map((script) => ({ ...script, name: `${script.file.replace(/[^\w]+/g, '-')}-${script.lines[0]}.${script.lang === 'ts' ? 'ts' : 'mjs'}` }));
  for (const { name, code } of named) writeFileSync(join(dir, name), code);
  typeCheck(app, dir);
  const failures = [];
  for (const { file, lines, name } of named) {
    const where = `${file}:${lines.join(',')}`;
    const start = performance.now();
    // cwd: the project, so that files an example writes land there and bare imports resolve to the tarballs.
    const result = spawnSync(process.execPath, [tsx, join('doc-blocks', name)], { cwd: app, encoding: 'utf8', timeout: TIMEOUT_MS });
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    const output = `${result.stdout}${result.stderr}`.trim();
    if (result.status === 0) {
      const last = result.stdout.trim().split('\n').pop() ?? '';
      console.log(`check-docs: ok   ${where} (${seconds} s)${last ? `: ${last.slice(0, 160)}` : ''}`);
    } else {
      const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
      console.log(`check-docs: FAIL ${where} (${seconds} s, ${why})\n${output.split('\n').slice(-30).join('\n')}`);
      failures.push(where);
    }
  }
  for (const { file, line, reason } of skipped) console.log(`check-docs: not run ${file}:${line} (${reason})`);
  if (failures.length > 0) throw new Error(`check-docs: ${failures.length} of ${scripts.length} code blocks failed: ${failures.join(', ')}.`);
  console.log(`check-docs: all ${scripts.length} code blocks ran as written; ${skipped.length} not run, as marked.`);
}

if (import.meta.filename === process.argv[1]) {
  await withPackedProject(docsDependencies, ({ app }) => checkDocs(app));
}
