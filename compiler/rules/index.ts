/**
 * Every check rule, in one explicit sorted list (no import side effects). The rule id is the file
 * name, the test name and the docs anchor.
 */
import authMismatch from './auth-mismatch.js';
import connectorHandlerMismatch from './connector-handler-mismatch.js';
import type { Rule } from './define-rule.js';
import forwardConnectorNoTarget from './forward-connector-no-target.js';
import nodeUnreachable from './node-unreachable.js';
import portCollision from './port-collision.js';
import relayNodelay from './relay-nodelay.js';
import relayUdpNodelay from './relay-udp-nodelay.js';
import rtcpBindDisabled from './rtcp-bind-disabled.js';
import rtcpBindUnsupported from './rtcp-bind-unsupported.js';
import rtcpChainOnHandler from './rtcp-chain-on-handler.js';
import rtcpRelayForwardMode from './rtcp-relay-forward-mode.js';
import targetNoListener from './target-no-listener.js';
import topologyReference from './topology-reference.js';
import transportMismatch from './transport-mismatch.js';
import transportParamsMismatch from './transport-params-mismatch.js';
import udpLastNode from './udp-last-node.js';
import udpServerOption from './udp-server-option.js';
import undefinedAdmission from './undefined-admission.js';
import undefinedAuther from './undefined-auther.js';
import undefinedChain from './undefined-chain.js';
import undefinedHop from './undefined-hop.js';
import undefinedReference from './undefined-reference.js';

export const rules: readonly Rule[] = [
  authMismatch,
  connectorHandlerMismatch,
  forwardConnectorNoTarget,
  nodeUnreachable,
  portCollision,
  relayNodelay,
  relayUdpNodelay,
  rtcpBindDisabled,
  rtcpBindUnsupported,
  rtcpChainOnHandler,
  rtcpRelayForwardMode,
  targetNoListener,
  topologyReference,
  transportMismatch,
  transportParamsMismatch,
  udpLastNode,
  udpServerOption,
  undefinedAdmission,
  undefinedAuther,
  undefinedChain,
  undefinedHop,
  undefinedReference,
];

export type { Report, ReportFn, Rule, RuleDocs } from './define-rule.js';
