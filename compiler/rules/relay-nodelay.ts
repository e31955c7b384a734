import { getBool } from '../gost/metadata.js';
import type { AppPlan } from '../lower/plan.js';
import type { NodeModel, ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import {
  connectorMetadata,
  describeService,
  effectiveLastHopNodes,
  handlerMetadata,
  nodeSpan,
  serversOf,
  serviceSpan,
} from './util.js';

/** Apps a service forwards to (directly resolved targets). */
function targetApps(s: ServiceModel): AppPlan[] {
  const out: AppPlan[] = [];
  for (const t of s.targets)
    for (const r of t.dial.resolutions) if (r.kind === 'app' && !out.includes(r.app)) out.push(r.app);
  return out;
}

function nodelay(n: NodeModel): boolean {
  return getBool(connectorMetadata(n), 'nodelay');
}

export default defineRule({
  id: 'relay-nodelay',
  severity: 'error',
  docs: {
    summary: 'A relay node and the protocol behind it wait for each other (`nodelay`).',
    why:
      'A relay client with `nodelay=false` (the default) holds its request header back until the application writes; a server-first application (SSH, SMTP, FTP, MySQL, VNC) waits for its own banner to be read first, so both wait until the relay server drops the connection after its 15 s read timeout (gost issues #125, #241). ' +
      'Conversely, a client with `nodelay=true` waits for the relay response, which a server with `nodelay=false` holds back until the target sends something: a client-first target (HTTP, TLS, another gost hop) never does, so that deadlocks too.',
    fix: 'For server-first targets set `nodelay=true` on the relay node (`-F relay://...?nodelay=true`). If a client sets `nodelay=true` and anything client-first lies behind the server, also set `nodelay=true` on the relay server.',
  },
  check(model, report) {
    for (const s of model.services) {
      const apps = targetApps(s);
      const last = effectiveLastHopNodes(s, 'handler');
      if (!last) continue;
      const serverFirst = apps.find((a) => a.speaksFirst);
      const clientFirst = apps.find((a) => !a.speaksFirst);
      for (const node of last) {
        if (node.connector !== 'relay') continue;
        if (serverFirst && !nodelay(node)) {
          report({
            message: `${describeService(s)} reaches the server-first app ${serverFirst.name} on ${serverFirst.host} through relay node ${node.name} without nodelay: the relay header waits for client data, the app waits to send its banner, and the connection stalls`,
            span: nodeSpan(node, 'addr'),
            host: node.hop.chain.host,
            related: [{ span: serverFirst.span, message: `${serverFirst.name} speaks first` }],
            help: 'add nodelay=true to the relay node (e.g. -F relay://...?nodelay=true)',
          });
        }
        if (clientFirst && nodelay(node)) {
          for (const server of serversOf(node)) {
            if (server.handler !== 'relay' || getBool(handlerMetadata(server), 'nodelay')) continue;
            report({
              message: `relay node ${node.name} has nodelay=true but ${describeService(server)} does not: the client waits for the relay response, the server holds it until ${clientFirst.name} on ${clientFirst.host} speaks, and ${clientFirst.name} waits for the client`,
              span: nodeSpan(node, 'connector', 'metadata', 'nodelay'),
              host: node.hop.chain.host,
              related: [
                {
                  span: serviceSpan(server, 'handler', 'type'),
                  message: 'this relay server holds its response back',
                },
              ],
              help: `set nodelay=true on the relay server on ${server.host} too, or remove nodelay from the node`,
            });
          }
        }
      }
    }
    // An intermediate relay hop with nodelay=true whose server holds its response: the next hop's
    // handshake is client-first, so the chain deadlocks for every connection.
    for (const node of model.nodes) {
      const chain = node.hop.chain;
      if (node.connector !== 'relay' || !nodelay(node) || node.hop.index >= chain.hops.length - 1) continue;
      for (const server of serversOf(node)) {
        if (server.handler !== 'relay' || getBool(handlerMetadata(server), 'nodelay')) continue;
        report({
          message: `relay node ${node.name} (hop ${node.hop.index} of chain ${chain.name}) has nodelay=true but ${describeService(server)} does not: the next hop's handshake waits for a response the server holds back, so every connection through the chain deadlocks`,
          span: nodeSpan(node, 'connector', 'metadata', 'nodelay'),
          host: chain.host,
          related: [
            {
              span: serviceSpan(server, 'handler', 'type'),
              message: 'this relay server holds its response back',
            },
          ],
          help: `set nodelay=true on the relay server on ${server.host} too, or remove nodelay from this node`,
        });
      }
    }
  },
});
