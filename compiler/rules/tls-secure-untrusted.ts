import { getBool } from '../gost/metadata.js';
import { dialerUsesTLS } from '../gost/registry-names.js';
import type { NodeModel, ServiceModel } from '../model/types.js';
import { defineRule } from './define-rule.js';
import { describeNode, describeService, dialerMetadata, nodeSpan, serversOf, serviceSpan } from './util.js';

/** Whether the node really verifies the server: a TLS dialer with `secure` on and no CA of its own. */
export function verifiesWithSystemRoots(node: NodeModel): boolean {
  if (!dialerUsesTLS(node.dialer)) return false;
  if (node.dialer === 'grpc' && getBool(dialerMetadata(node), 'grpc.insecure', 'insecure')) return false;
  const tls = node.dialerConfig?.tls;
  return tls?.secure === true && !(typeof tls.caFile === 'string' && tls.caFile !== '');
}

/** Whether a server's TLS listener presents a certificate file rather than gost's generated one. */
function hasCertificateFile(server: ServiceModel): boolean {
  const own = server.config.listener?.tls;
  if (typeof own?.certFile === 'string' && own.certFile !== '') return true;
  const global = server.process.config.tls;
  return typeof global?.certFile === 'string' && global.certFile !== '';
}

export default defineRule({
  id: 'tls-secure-untrusted',
  severity: 'error',
  docs: {
    summary:
      'A node verifies the server certificate (`secure=true`) but the server uses gost’s generated certificate.',
    why: 'With `secure=true` the client checks the certificate chain against the system roots (or its `caFile`) and the name against `serverName` (default: the node host). A gost server with no `certFile` in its config presents a self-signed certificate it generated itself (stable line: a new one at every start), which no client trusts: the handshake fails with "x509: certificate signed by unknown authority" (gost issue #295). topo sees only the config, so a `cert.pem` in the server’s working directory is not known to it.',
    fix: 'Give the server a real certificate (`certFile`/`keyFile`, e.g. `-L relay+tls://:443?certFile=cert.pem&keyFile=key.pem`), or give the client the CA that signed it (`caFile`), or drop `secure`.',
  },
  check(model, report) {
    for (const node of model.nodes) {
      if (!verifiesWithSystemRoots(node)) continue;
      for (const server of serversOf(node)) {
        if (server.listener !== node.dialer) continue;
        if (hasCertificateFile(server)) continue;
        report({
          message: `${describeNode(node)} verifies the server certificate (secure=true), but ${describeService(server)} has no certFile and presents gost's generated self-signed certificate: "x509: certificate signed by unknown authority"`,
          span: nodeSpan(node, 'dialer', 'tls', 'secure'),
          host: node.hop.chain.host,
          related: [
            {
              span: serviceSpan(server, 'listener', 'type'),
              message: `the ${server.listener} listener without a certificate`,
            },
          ],
          help: `give ${server.host} a certificate (certFile/keyFile), give the node a caFile, or drop secure=true`,
        });
      }
    }
  },
});
