/** The header (what is open and in what state) and the status bar (what the keys do right now). */
import { countBySeverity } from '../../compiler/diagnostics.js';
import type { TopologySnapshot } from './snapshot.js';
import type { UiState } from './state.js';
import { lineWidth, type StyledLine } from './styled-text.js';

/** The header for a screen `width` columns wide: the file's path goes first when it does not fit. */
export function headerLine(snapshot: TopologySnapshot, width: number): StyledLine {
  const head: StyledLine = [{ text: ' topo tui ', token: 'heading' }];
  if (snapshot.topology) head.push({ text: `· ${snapshot.topology.name} `, token: 'title' });
  const path: StyledLine = [{ text: `· ${snapshot.file} `, token: 'muted' }];
  const tail = headerState(snapshot);
  return lineWidth([...head, ...path, ...tail]) <= width ? [...head, ...path, ...tail] : [...head, ...tail];
}

function headerState(snapshot: TopologySnapshot): StyledLine {
  const out: StyledLine = [];
  const { errors, warnings } = countBySeverity(snapshot.diagnostics);
  switch (snapshot.state) {
    case 'loading':
      out.push({ text: '· reading…', token: 'muted' });
      break;
    case 'unreadable':
      out.push({ text: `· ✖ cannot read it: ${snapshot.problem ?? ''}`, token: 'error' });
      break;
    case 'broken':
      out.push({
        text: `· ✖ does not compile (${errors} error${errors === 1 ? '' : 's'})${snapshot.topology ? '; showing the last good version' : ''}`,
        token: 'error',
      });
      break;
    case 'ready':
      if (errors > 0) out.push({ text: `· ✖ ${errors} error${errors === 1 ? '' : 's'}`, token: 'error' });
      if (warnings > 0)
        out.push({ text: ` · ⚠ ${warnings} warning${warnings === 1 ? '' : 's'}`, token: 'warning' });
      if (errors === 0 && warnings === 0) out.push({ text: '· ✔ no problems', token: 'success' });
      break;
  }
  const sim = snapshot.simulation;
  if (sim.state === 'running') out.push({ text: ` · simulating (seed ${sim.seed})…`, token: 'info' });
  if (sim.state === 'done') {
    const failed = sim.flows.filter((f) => !f.ok).length;
    out.push({
      text: ` · ${sim.flows.length - failed}/${sim.flows.length} flows hold`,
      token: failed > 0 ? 'error' : 'success',
    });
  }
  if (sim.state === 'failed') out.push({ text: ` · simulator failed: ${sim.message}`, token: 'error' });
  if (snapshot.watching) out.push({ text: ' · watching', token: 'muted' });
  return out;
}

export function statusLine(ui: UiState, snapshot: TopologySnapshot): StyledLine {
  if (ui.filtering)
    return [
      { text: ` /${ui.filter}`, token: 'text' },
      { text: ' ', token: 'cursor' },
      { text: '  enter keep · esc clear', token: 'muted' },
    ];
  if (ui.hint) return [{ text: ` ${ui.hint}`, token: 'warning' }];
  if (ui.stepping && snapshot.simulation.state === 'done') {
    const run = snapshot.simulation.flows.find((f) => f.name === ui.stepping!.flow);
    const step = run?.steps[ui.stepping.step];
    if (run && step)
      return [
        { text: ` ${run.ok ? '✔' : '✖'} ${run.name}`, token: run.ok ? 'success' : 'error' },
        { text: ` · hop ${ui.stepping.step + 1}/${run.steps.length}: `, token: 'text' },
        { text: step.host, token: 'step' },
        { text: ' · n next · p previous · esc stop', token: 'muted' },
      ];
  }
  return [
    {
      text: ' tab pane · ↑↓ move · enter details · r run · n/p step · / filter · ? help · q quit',
      token: 'muted',
    },
  ];
}
