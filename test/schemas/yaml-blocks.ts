/**
 * Finds the gost YAML configs inside documentation text: fenced ```yaml blocks, and the unfenced
 * blocks that pages copied as plain text contain (a line such as `services:` at the start of a
 * line, up to the first line that is neither indented nor a list item nor another top-level key).
 */
const topLevelKey =
  /^(services|chains|hops|authers|admissions|bypasses|resolvers|hosts|ingresses|routers|sds|recorders|limiters|climiters|rlimiters|observers|loggers|tls|log|profiling|api|metrics):\s*$/;
const fenceOpen = /^\s*```\s*([A-Za-z]*)\s*$/;
const fenceClose = /^\s*```\s*$/;

export function yamlBlocks(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = fenceOpen.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !fenceClose.test(lines[i]!); i++) body.push(lines[i]!);
      i++;
      if (/^ya?ml$/i.test(fence[1]!)) blocks.push(body.join('\n'));
      continue;
    }
    if (topLevelKey.test(line)) {
      const body = [line];
      for (i++; i < lines.length && continuesBlock(lines[i]!); i++) body.push(lines[i]!);
      blocks.push(body.join('\n'));
      continue;
    }
    i++;
  }
  return blocks;
}

function continuesBlock(line: string): boolean {
  return /^\s+\S/.test(line) || line.startsWith('- ') || topLevelKey.test(line);
}
