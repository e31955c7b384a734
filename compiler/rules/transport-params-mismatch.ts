import { getString } from '../gost/metadata.js';
import { webSocketTransports } from '../gost/protocol-facts.js';
import { defineRule } from './define-rule.js';
import {
  describeService,
  dialerMetadata,
  listenerMetadata,
  nodeSpan,
  serversOf,
  serviceSpan,
} from './util.js';

/** Go ServeMux semantics: exact match, or prefix match when the pattern ends in `/`. */
function pathAccepted(listenerPath: string, requestPath: string): boolean {
  if (listenerPath.endsWith('/')) return requestPath.startsWith(listenerPath);
  return requestPath === listenerPath;
}

export default defineRule({
  id: 'transport-params-mismatch',
  severity: 'error',
  docs: {
    summary:
      'Client and server of one transport disagree on its parameters (WebSocket path, KCP key or cipher, mux type).',
    why:
      'A WebSocket listener upgrades only requests to its `path` (default `/ws`): any other path gets 404 and the client reports "websocket: bad handshake". ' +
      'KCP sides with different `kcp.key`/`kcp.crypt` cannot decrypt each other and time out; smux and yamux sessions cannot talk to each other.',
    fix: 'Give both sides the same value: `?path=/tunnel` on the server `-L` and the client `-F`, the same `kcp.key`/`kcp.crypt`, the same `mux.type`/`mux.version`.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      for (const server of serversOf(node)) {
        if (node.dialer !== server.listener) continue;
        const dmd = dialerMetadata(node);
        const lmd = listenerMetadata(server);
        const compare = (
          what: string,
          clientValue: string,
          serverValue: string,
          ok: boolean,
          key: string,
        ) => {
          if (ok) return;
          report({
            message: `${what} differs: ${describeService(server)} expects ${JSON.stringify(serverValue)}, node ${node.name} sends ${JSON.stringify(clientValue)}`,
            span: nodeSpan(node, 'dialer', 'metadata', key),
            host: node.hop.chain.host,
            related: [
              { span: serviceSpan(server, 'listener', 'metadata', key), message: 'the server value' },
            ],
            help: `set the same ${key} on both sides`,
          });
        };
        if (webSocketTransports.has(node.dialer)) {
          const clientPath = getString(dmd, 'path') ?? '/ws';
          const serverPath = getString(lmd, 'path') ?? '/ws';
          compare('WebSocket path', clientPath, serverPath, pathAccepted(serverPath, clientPath), 'path');
        }
        if (node.dialer === 'kcp') {
          for (const key of [
            'kcp.key',
            'kcp.crypt',
            'kcp.mode',
            'kcp.datashard',
            'kcp.parityshard',
            'kcp.nocomp',
            'kcp.tcp',
          ]) {
            const c = getString(dmd, key) ?? '';
            const s = getString(lmd, key) ?? '';
            compare(key, c, s, c === s, key);
          }
        }
        for (const key of ['mux.type', 'mux.version']) {
          const c = getString(dmd, key) ?? '';
          const s = getString(lmd, key) ?? '';
          compare(key, c, s, c === s, key);
        }
      }
    }
  },
});
