/**
 * Ids that mermaid and graphviz accept unquoted and that stay the same from run to run: a kind
 * prefix (so no id is a keyword such as mermaid's `end`, or starts with the `o`/`x` that mermaid
 * reads as an arrow head) and the name with every other character folded to `_`. Two names that
 * fold to the same id get `_2`, `_3`, ... in the order they were taken.
 */
export class RenderIds {
  private readonly taken = new Set<string>();

  take(prefix: string, name: string): string {
    const folded = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    const base = folded === '' ? prefix : `${prefix}_${folded}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    return id;
  }
}
