import type { TLSConfig } from '../gost/config.js';
import type { ConfigPath } from '../gost/span-index.js';
import { dialerUsesTLS, listenerUsesTLS } from '../gost/registry-names.js';
import type { ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { describeNode, describeService, nodeSpan, serversOf } from './util.js';

const written = (v: unknown): boolean => typeof v === 'string' && v !== '';

/**
 * Where a server's TLS listener demands client certificates: its own `caFile` when it has its own
 * certificate, else the top-level `tls` block's `caFile` when that block loads a certificate
 * (LoadServerConfig ignores a listener CA without a certificate; the default config uses the global one).
 */
function clientCertRequirement(server: ServiceModel): ConfigPath | undefined {
  const own: TLSConfig | undefined = server.config.listener?.tls;
  if (written(own?.certFile) || written(own?.keyFile)) {
    return written(own?.caFile) ? [...server.path, 'listener', 'tls', 'caFile'] : undefined;
  }
  const global = server.process.config.tls;
  if ((written(global?.certFile) || written(global?.keyFile)) && written(global?.caFile))
    return ['tls', 'caFile'];
  return undefined;
}

export default defineRule({
  id: 'tls-client-cert-required',
  severity: 'error',
  docs: {
    summary: 'The server’s TLS listener requires client certificates (`caFile`) and the node presents none.',
    why: 'A `caFile` on a server that has its own certificate (or in the top-level `tls` block that all listeners without one inherit) switches on mutual TLS: gost requires and verifies a client certificate. A node whose dialer has no `certFile`/`keyFile` is rejected in the TLS handshake. (The stable line also turns this on implicitly when cert.pem, key.pem and ca.pem sit in the server’s working directory, which topo cannot see.)',
    fix: 'Give the node a client certificate signed by that CA (dialer `tls: {certFile, keyFile}`, or `?certFile=...&keyFile=...` on `-F`), or remove `caFile` from the server.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (!dialerUsesTLS(node.dialer)) continue;
      const tls = node.dialerConfig?.tls;
      if (written(tls?.certFile) && written(tls?.keyFile)) continue;
      for (const server of serversOf(node)) {
        if (server.listener !== node.dialer || !listenerUsesTLS(server.listener)) continue;
        const requirement = clientCertRequirement(server);
        if (!requirement) continue;
        report({
          message: `${describeNode(node)} presents no client certificate, but ${describeService(server)} requires one (caFile): the TLS handshake is rejected`,
          span: nodeSpan(node, 'dialer', 'type'),
          host: node.hop.chain.host,
          related: [
            { span: server.process.spans.get(requirement), message: 'client certificates are required here' },
          ],
          help: 'give the node a certFile and keyFile signed by that CA, or remove caFile from the server',
        });
      }
    }
  },
});
