/**
 * The layer rules of DESIGN.md, checked on the syntax of the source tree: who may import whom,
 * and which code may touch real time, randomness, timers or sockets. Everything is read from
 * ts-morph's syntax trees; nothing is type-checked, so the check is quick and sees files that do
 * not compile yet.
 */
import { posix } from 'node:path';
import { type Identifier, Node, type Project, type SourceFile, SyntaxKind } from 'ts-morph';

export type Layer = 'compiler' | 'runtime' | 'sim' | 'cli';

export interface LayerViolation {
  /** Path relative to the project root. */
  file: string;
  line: number;
  rule: 'layer-import' | 'nondeterminism';
  message: string;
}

const layers: readonly Layer[] = ['compiler', 'runtime', 'sim', 'cli'];

/** Layers each layer must not import, and the files of those layers it may import all the same. */
const importRules: Record<Layer, { forbidden: readonly Layer[]; allowed: ReadonlySet<string> }> = {
  compiler: { forbidden: ['runtime', 'sim', 'cli'], allowed: new Set() },
  runtime: {
    forbidden: ['compiler', 'sim', 'cli'],
    // runtime is a gost data plane: it reads gost configs and gost's registered names, nothing else
    allowed: new Set([
      'compiler/gost/config.ts',
      'compiler/gost/config.generated.ts',
      'compiler/gost/registry-names.ts',
    ]),
  },
  sim: { forbidden: ['cli'], allowed: new Set() },
  cli: { forbidden: [], allowed: new Set() },
};

/** Code that must be deterministic: the simulator, and the runtime it drives. */
const deterministicLayers: ReadonlySet<Layer> = new Set(['runtime', 'sim']);
/** The one adapter to real sockets and timers (`topo up`). */
const realWorldAdapter = 'runtime/net-node/';
/**
 * The simulator's scheduler yields to the event loop (setImmediate) between virtual-time steps so
 * promise continuations settle; it reads no clock and no I/O can be pending, so order stays
 * deterministic. Only real timers are allowed there.
 */
const eventLoopYield = 'sim/scheduler.ts';

const realWorldModules = new Set([
  'net',
  'node:net',
  'dgram',
  'node:dgram',
  'timers',
  'node:timers',
  'timers/promises',
  'node:timers/promises',
]);
const realWorldCalls = new Map([
  ['Date.now', 'reads the wall clock'],
  ['Math.random', 'draws unseeded randomness'],
]);
const realTimers = new Set(['setTimeout', 'setInterval', 'setImmediate']);
const globalObjects = new Set(['globalThis', 'global', 'window', 'self']);

export function layerOf(path: string): Layer | undefined {
  const top = path.split('/')[0];
  return layers.find((layer) => layer === top);
}

/** The project file a relative module specifier names (`../x.js` is written for `../x.ts`). */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return joined
    .replace(/\.js$/, '.ts')
    .replace(/\.jsx$/, '.tsx')
    .replace(/\.mjs$/, '.mts')
    .replace(/\.cjs$/, '.cts');
}

interface ModuleReference {
  specifier: string;
  node: Node;
}

/** Every module a file names: imports, re-exports, dynamic imports, `import(...)` types, require. */
function moduleReferences(file: SourceFile): ModuleReference[] {
  const references: ModuleReference[] = [];
  for (const declaration of file.getImportDeclarations()) {
    references.push({ specifier: declaration.getModuleSpecifierValue(), node: declaration });
  }
  for (const declaration of file.getExportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier !== undefined) references.push({ specifier, node: declaration });
  }
  file.forEachDescendant((node) => {
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      const isImport = callee.getKind() === SyntaxKind.ImportKeyword;
      const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
      const [argument] = node.getArguments();
      if ((isImport || isRequire) && argument && Node.isStringLiteral(argument)) {
        references.push({ specifier: argument.getLiteralValue(), node });
      }
    } else if (Node.isImportTypeNode(node)) {
      const argument = node.getArgument();
      if (Node.isLiteralTypeNode(argument)) {
        const literal = argument.getLiteral();
        if (Node.isStringLiteral(literal)) references.push({ specifier: literal.getLiteralValue(), node });
      }
    } else if (Node.isExternalModuleReference(node)) {
      const expression = node.getExpression();
      if (expression && Node.isStringLiteral(expression)) {
        references.push({ specifier: expression.getLiteralValue(), node });
      }
    }
  });
  return references;
}

/** `globalThis.Date.now` and `Date.now` are the same thing. */
function withoutGlobalObject(text: string): string {
  const [first, ...rest] = text.split('.');
  return globalObjects.has(first!) && rest.length > 0 ? rest.join('.') : text;
}

/** Whether an identifier named like a timer function refers to the global timer. */
function usesGlobalTimer(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) {
    return globalObjects.has(parent.getExpression().getText());
  }
  if (Node.isShorthandPropertyAssignment(parent)) return true;
  // a declaration of the same name (a method `setTimeout` of a socket class, a parameter, ...)
  if (
    'getNameNode' in parent &&
    (parent as { getNameNode(): Node | undefined }).getNameNode() === identifier
  ) {
    return false;
  }
  if (Node.isBindingElement(parent) && parent.getPropertyNameNode() === identifier) return false;
  if (Node.isQualifiedName(parent) || identifier.getFirstAncestor((a) => Node.isTypeNode(a)) !== undefined) {
    return false;
  }
  return true;
}

function nondeterminism(file: SourceFile, references: ModuleReference[]): { node: Node; message: string }[] {
  const found: { node: Node; message: string }[] = [];
  for (const { specifier, node } of references) {
    if (realWorldModules.has(specifier)) {
      found.push({
        node,
        message: `imports ${specifier}: real sockets and timers belong in ${realWorldAdapter}`,
      });
    }
  }
  file.forEachDescendant((node) => {
    if (Node.isPropertyAccessExpression(node)) {
      const name = withoutGlobalObject(node.getText());
      const what = realWorldCalls.get(name);
      if (what)
        found.push({ node, message: `${name} ${what}: use the injected clock or seeded random source` });
    } else if (Node.isIdentifier(node) && realTimers.has(node.getText()) && usesGlobalTimer(node)) {
      found.push({
        node,
        message: `${node.getText()} schedules on the real clock: use the injected scheduler`,
      });
    }
  });
  return found;
}

/** Every breach of the layer rules among the project's files under `root`. */
export function findLayerViolations(project: Project, root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of project.getSourceFiles()) {
    const path = posix.relative(root, file.getFilePath());
    const layer = layerOf(path);
    if (!layer || path.endsWith('.d.ts')) continue;
    const references = moduleReferences(file);
    const rule = importRules[layer];
    for (const { specifier, node } of references) {
      const target = resolveSpecifier(path, specifier);
      const targetLayer = target === undefined ? undefined : layerOf(target);
      if (targetLayer && rule.forbidden.includes(targetLayer) && !rule.allowed.has(target!)) {
        violations.push({
          file: path,
          line: node.getStartLineNumber(),
          rule: 'layer-import',
          message: `${layer}/ must not import ${targetLayer}/ (imports ${target})`,
        });
      }
    }
    if (deterministicLayers.has(layer) && !path.startsWith(realWorldAdapter)) {
      for (const { node, message } of nondeterminism(file, references)) {
        if (path === eventLoopYield && /setImmediate/.test(node.getText())) continue;
        violations.push({ file: path, line: node.getStartLineNumber(), rule: 'nondeterminism', message });
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
