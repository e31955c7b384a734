/**
 * `topo tui --watch`: the screen follows the file. A rewrite that introduces a ws/wss mismatch
 * shows the diagnostic on the edge; a rewrite that does not compile keeps the last good graph on
 * screen with the errors; fixing the file brings the new version. Waits are bounded.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { TopologyScreen } from '../../cli/tui/components/TopologyScreen.js';
import { createTheme } from '../../cli/tui/theme.js';
import { repoRoot, waitFor } from './helpers.js';

afterEach(() => cleanup());

const original = readFileSync(join(repoRoot, 'examples/relay-remote-forwarding.yaml'), 'utf8');

/** The relay and the laptop speak wss; the office gateway dials with plain ws. */
function withMismatch(text: string): string {
  const relay = text.replace('-L relay+tls://', '-L relay+wss://');
  const laptop = relay.replace(
    '-F relay+tls://gost:${RELAY_PASSWORD:-change-me}@relay.example.com:8443?nodelay=true',
    '-F relay+wss://gost:${RELAY_PASSWORD:-change-me}@relay.example.com:8443?nodelay=true',
  );
  const gateway = laptop.replace('      - relay+tls://', '      - relay+ws://');
  expect(gateway).not.toBe(laptop);
  expect(laptop).not.toBe(relay);
  expect(relay).not.toBe(text);
  return gateway;
}

describe('topo tui --watch', () => {
  it('re-checks the file when it changes and keeps the last good graph while it is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-tui-watch-'));
    const file = join(dir, 'topology.yaml');
    writeFileSync(file, original);
    const instance = render(
      <TopologyScreen
        file="topology.yaml"
        cwd={dir}
        env={{}}
        watch
        seed={1}
        theme={createTheme(false)}
        size={{ columns: 140, rows: 48 }}
        debounceMs={20}
      />,
    );
    const frame = () => instance.lastFrame() ?? '';
    const first = await waitFor(frame, (f) => f.includes('─ office-gw ') && f.includes('✔ no problems'));
    expect(first).toContain('✔ no problems');
    expect(first).toContain('watching');

    writeFileSync(file, withMismatch(original));
    const mismatched = await waitFor(frame, (f) => f.includes('relay+ws ✖'));
    expect(mismatched).toContain('relay+ws ✖');
    expect(mismatched).toContain('transport-mismatch');
    expect(mismatched).toMatch(/✖ \d+ errors?/);

    writeFileSync(file, `${withMismatch(original)}\nhosts: [unclosed\n`);
    const broken = await waitFor(frame, (f) => f.includes('does not compile'));
    expect(broken).toContain('last good version');
    expect(broken).toContain('─ office-gw ');
    expect(broken).toContain('relay+ws ✖');
    expect(broken).toContain('yaml-');

    writeFileSync(file, original);
    const fixed = await waitFor(frame, (f) => f.includes('✔ no problems') && !f.includes('relay+ws'));
    expect(fixed).toContain('✔ no problems');
    expect(fixed).not.toContain('does not compile');
  });
});
