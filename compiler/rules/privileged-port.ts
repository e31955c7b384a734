import { listenerFamily } from '../gost/registry-names.js';
import { defineRule } from './define-rule.js';
import { describeService, serviceSpan } from './util.js';

const privileged = (port: number | undefined): port is number =>
  port !== undefined && port > 0 && port < 1024;

export default defineRule({
  id: 'privileged-port',
  severity: 'warning',
  docs: {
    summary: 'A service listens on a port below 1024, or binds one remotely through rtcp/rudp.',
    why: 'On Linux and other Unix systems only root (or a process with CAP_NET_BIND_SERVICE) may listen on ports below 1024. Otherwise the listener fails with "permission denied" and gost exits; a remote rtcp/rudp bind needs the privilege on the server that opens the port, and the client just retries forever (gost issue #681).',
    fix: 'Use a port of 1024 or above, or run gost with CAP_NET_BIND_SERVICE (e.g. `setcap cap_net_bind_service=+ep $(which gost)`) or as root on that host.',
  },
  check(model, report) {
    for (const s of model.services) {
      if (s.remote || !privileged(s.listen.port)) continue;
      if (listenerFamily(s.listener) === 'other') continue;
      report({
        message: `${describeService(s)} listens on port ${s.listen.port}: below 1024 gost needs root or CAP_NET_BIND_SERVICE on ${s.host}, otherwise it fails with "permission denied" and exits`,
        span: serviceSpan(s, 'addr'),
        host: s.host,
        help: 'use a port of 1024 or above, or grant gost CAP_NET_BIND_SERVICE on this host',
      });
    }
    for (const b of model.binds) {
      if (!privileged(b.port)) continue;
      report({
        message: `${describeService(b.service)} binds port ${b.port} on ${b.host}: below 1024 the gost server there needs root or CAP_NET_BIND_SERVICE, otherwise the bind fails and the client retries forever`,
        span: serviceSpan(b.service, 'addr'),
        host: b.service.host,
        help: `use a port of 1024 or above, or grant gost CAP_NET_BIND_SERVICE on ${b.host}`,
      });
    }
  },
});
