import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App, type AppProps } from '../../cli/tui/components/App.js';
import { createTheme } from '../../cli/tui/theme.js';
import { listItems } from '../../cli/tui/view-model.js';
import { cleanup } from 'ink-testing-library';
import { heavyBox, repoRoot, simulatedSnapshotOf, snapshotOf, waitFor } from './helpers.js';

afterEach(() => cleanup());

function renderApp(props: Partial<AppProps> & Pick<AppProps, 'snapshot'>) {
  const onRun = vi.fn();
  const onQuit = vi.fn();
  const instance = render(
    <App
      columns={100}
      rows={30}
      theme={createTheme(false)}
      cwd={repoRoot}
      interactive
      onRun={onRun}
      onQuit={onQuit}
      {...props}
    />,
  );
  const frame = () => instance.lastFrame() ?? '';
  // One key per write: Ink hands a chunk of several characters to the screen as one input.
  const press = async (keys: string, until: (frame: string) => boolean) => {
    for (const key of keys) {
      instance.stdin.write(key);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return waitFor(frame, until);
  };
  return { instance, frame, press, onRun, onQuit };
}

const example = 'examples/relay-remote-forwarding.yaml';

describe('the TUI screen', () => {
  it('shows every host, and the relay edges labelled with their transport', () => {
    const { frame } = renderApp({ snapshot: snapshotOf(example) });
    for (const host of ['laptop', 'relay', 'office-gw', 'db', 'intranet', 'dns'])
      expect(frame()).toContain(`─ ${host} `);
    expect(frame()).toMatch(/─relay\+tls▶/);
    expect(frame()).toMatch(/┄relay\+tls┄┤/);
    expect(frame()).toContain('✔ no problems');
  });

  it('fits 80x24', () => {
    const { frame } = renderApp({ snapshot: snapshotOf(example), columns: 80, rows: 24 });
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    for (const host of ['laptop', 'relay', 'office-gw']) expect(frame()).toContain(`─ ${host} `);
  });

  it('opens the help on ? and closes it on esc', async () => {
    const { press } = renderApp({ snapshot: snapshotOf(example) });
    let shown = await press('?', (f) => f.includes('─ help '));
    expect(shown).toContain('run the simulator on the expected flows');
    expect(shown).toContain('next / previous hop of the flow');
    shown = await press('\x1b', (f) => !f.includes('─ help '));
    expect(shown).not.toContain('─ help ');
  });

  it('asks to run the simulator on r and to quit on q', async () => {
    const { instance, onRun, onQuit, frame } = renderApp({ snapshot: snapshotOf(example) });
    instance.stdin.write('r');
    await waitFor(
      () => onRun.mock.calls.length,
      (n) => n > 0,
    );
    expect(onRun).toHaveBeenCalledTimes(1);
    instance.stdin.write('q');
    await waitFor(
      () => onQuit.mock.calls.length,
      (n) => n > 0,
    );
    expect(onQuit).toHaveBeenCalledTimes(1);
    expect(frame()).toContain('─ laptop ');
  });

  it('steps the first flow hop by hop on n and p, lighting the current host', async () => {
    const snapshot = await simulatedSnapshotOf(example);
    const { press, frame } = renderApp({ snapshot });
    expect(heavyBox(frame())).toBeUndefined();
    const seen = [heavyBox(await press('n', (f) => heavyBox(f) === 'laptop'))];
    seen.push(heavyBox(await press('n', (f) => heavyBox(f) === 'relay')));
    seen.push(heavyBox(await press('n', (f) => heavyBox(f) === 'office-gw')));
    const last = await press('n', (f) => heavyBox(f) === 'intranet');
    seen.push(heavyBox(last));
    expect(seen).toEqual(['laptop', 'relay', 'office-gw', 'intranet']);
    expect(last).toContain('hop 4/4: intranet');
    // The hop into office-gw came over the relay: its edges are drawn heavy.
    const back = await press('p', (f) => heavyBox(f) === 'office-gw');
    expect(back).toContain('━relay+tls━');
  });

  it('starts stepping after r once the results come', async () => {
    const idle = snapshotOf(example);
    const done = await simulatedSnapshotOf(example);
    const onRun = vi.fn();
    const props = {
      columns: 100,
      rows: 30,
      theme: createTheme(false),
      cwd: repoRoot,
      interactive: true,
      onRun,
      onQuit: () => {},
    };
    const instance = render(<App {...props} snapshot={idle} />);
    instance.stdin.write('r');
    await waitFor(
      () => onRun.mock.calls.length,
      (n) => n > 0,
    );
    instance.rerender(<App {...props} snapshot={done} />);
    const frame = await waitFor(
      () => instance.lastFrame() ?? '',
      (f) => heavyBox(f) === 'laptop',
    );
    expect(heavyBox(frame)).toBe('laptop');
    expect(frame).toContain('6/6 flows hold');
  });

  it('shows the diagnostic of a broken topology, on its edge and in the list', async () => {
    const { frame, press } = renderApp({
      snapshot: snapshotOf('test/fixtures/broken/transport-mismatch.yaml'),
    });
    expect(frame()).toContain('relay+wss ✖');
    expect(frame()).toContain('transport-mismatch');
    expect(frame()).toContain('✖ 1 error');
    // tab to the diagnostics pane, select the error: the edge is drawn heavy and the details say where it is.
    await press('\t\t\t', (f) => f.includes('╭─ diagnostics'));
    const selected = await press('jj', (f) => f.includes('on the graph'));
    expect(selected).toContain('edge relay+wss: laptop → relay');
    expect(selected).toMatch(/━relay\+wss ✖━/);
  });

  it('shows an edge session check', async () => {
    const snapshot = snapshotOf('test/fixtures/broken/transport-mismatch.yaml');
    const hosts = snapshot.topology!.graph.hosts.length;
    const { press } = renderApp({ snapshot, columns: 140, rows: 40 });
    const shown = await press('j'.repeat(hosts + 1), (f) => f.includes('session check'));
    expect(shown).toMatch(/connector relay +↔ handler relay +✔/);
    expect(shown).toMatch(/dialer wss +↔ listener tls +✖/);
    expect(shown).toContain('wss dialer dials service service-0 on relay');
  });

  it("shows a host's emitted config and command line", async () => {
    const { press } = renderApp({ snapshot: snapshotOf(example), columns: 140, rows: 60 });
    const shown = await press('j', (f) => f.includes('gost command line'));
    expect(shown).toContain('╔═ relay ');
    expect(shown).toMatch(/gost -L 'relay\+tls:\/\/gost:/);
    expect(shown).toContain('gost.yaml');
    expect(shown).toContain('services:');
  });

  it('filters the side list', async () => {
    const { press } = renderApp({ snapshot: snapshotOf(example) });
    await press('/', (f) => f.includes('enter keep'));
    const shown = await press('intra', (f) => f.includes('/intra'));
    const list = shown.split('\n').filter((l) => l.startsWith('│') && l.includes('│', 1));
    expect(shown).toContain('intranet');
    expect(list.join('\n')).not.toMatch(/│ +laptop/);
  });
});

describe('flows from the side list', () => {
  it('runs the simulator on enter on a flow', async () => {
    const { press, onRun } = renderApp({ snapshot: snapshotOf(example) });
    // tab to the list, down past the hosts and their rows to the first flow.
    await press('\t', (f) => f.includes('╭─ hosts · flows'));
    const entries = listItems(snapshotOf(example), '').filter((item) => item.kind === 'entry');
    const first = entries.findIndex((item) => item.selection.kind === 'flow');
    const onFlow = await press('j'.repeat(first), (f) =>
      f.includes('flow: the office intranet is published'),
    );
    expect(onFlow).toContain('press r to run the simulator');
    await press('\r', () => onRun.mock.calls.length > 0);
    expect(onRun).toHaveBeenCalledTimes(1);
  });
});

describe('the theme', () => {
  it('has no colours without colour, only weight and inverse', () => {
    for (const style of Object.values(createTheme(false))) expect(style).not.toHaveProperty('color');
    expect(Object.values(createTheme(true)).some((style) => style.color !== undefined)).toBe(true);
  });
});
