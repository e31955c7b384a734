/**
 * Every `topo` subcommand, listed explicitly and loaded only when it runs: `topo --help` reads
 * this list without importing any command, and `topo check` never loads the simulator or the TUI.
 */
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  /** One line for `topo --help`; the loaded command's own `summary` must match it. */
  summary: string;
  load: () => Promise<{ default: Command }>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: 'check',
    summary: 'check topology files and report problems with their place in the file',
    load: () => import('./check.js'),
  },
  {
    name: 'convert',
    summary: "convert between gost command lines and gost's YAML/JSON config",
    load: () => import('./convert.js'),
  },
  {
    name: 'emit',
    summary: "write each host's gost config and command line",
    load: () => import('./emit.js'),
  },
  {
    name: 'graph',
    summary: 'draw the flow graph as mermaid, graphviz dot or json',
    load: () => import('./graph.js'),
  },
  {
    name: 'sim',
    summary: 'simulate the deployment and check its expected flows',
    load: () => import('./sim.js'),
  },
  {
    name: 'tui',
    summary: 'explore the flow graph in the terminal and step through flows hop by hop',
    load: () => import('./tui.js'),
  },
  {
    name: 'up',
    summary: 'run the deployment for real on loopback addresses of this machine',
    load: () => import('./up.js'),
  },
];
