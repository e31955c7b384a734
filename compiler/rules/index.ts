/**
 * Every check rule, in one explicit sorted list (no import side effects). The rule id is the file
 * name, the test name and the docs anchor.
 */
import authMismatch from './auth-mismatch.js';
import commaListSecure from './comma-list-secure.js';
import configLiterals from './config-literals.js';
import connectorHandlerMismatch from './connector-handler-mismatch.js';
import type { Rule } from './define-rule.js';
import duplicateName from './duplicate-name.js';
import forwardConnectorNoTarget from './forward-connector-no-target.js';
import forwardNodeIntermediate from './forward-node-intermediate.js';
import forwarderIgnored from './forwarder-ignored.js';
import forwarderMissing from './forwarder-missing.js';
import hopEmpty from './hop-empty.js';
import nodeUnreachable from './node-unreachable.js';
import openProxy from './open-proxy.js';
import portCollision from './port-collision.js';
import privilegedPort from './privileged-port.js';
import relayBindEmptyHost from './relay-bind-empty-host.js';
import relayNodelay from './relay-nodelay.js';
import relayUdpNodelay from './relay-udp-nodelay.js';
import routeCycle from './route-cycle.js';
import rtcpBindDisabled from './rtcp-bind-disabled.js';
import rtcpBindUnsupported from './rtcp-bind-unsupported.js';
import rtcpChainOnHandler from './rtcp-chain-on-handler.js';
import rtcpRelayForwardMode from './rtcp-relay-forward-mode.js';
import sshPairing from './ssh-pairing.js';
import targetNoListener from './target-no-listener.js';
import tlsClientCertRequired from './tls-client-cert-required.js';
import tlsSecureUntrusted from './tls-secure-untrusted.js';
import topologyReference from './topology-reference.js';
import transportMismatch from './transport-mismatch.js';
import transportParamsMismatch from './transport-params-mismatch.js';
import udpKeepalive from './udp-keepalive.js';
import udpLastNode from './udp-last-node.js';
import udpServerOption from './udp-server-option.js';
import udpTransportNotFirstHop from './udp-transport-not-first-hop.js';
import undefinedAdmission from './undefined-admission.js';
import undefinedAuther from './undefined-auther.js';
import undefinedChain from './undefined-chain.js';
import undefinedHop from './undefined-hop.js';
import undefinedReference from './undefined-reference.js';
import unknownType from './unknown-type.js';

export const rules: readonly Rule[] = [
  authMismatch,
  commaListSecure,
  configLiterals,
  connectorHandlerMismatch,
  duplicateName,
  forwardConnectorNoTarget,
  forwardNodeIntermediate,
  forwarderIgnored,
  forwarderMissing,
  hopEmpty,
  nodeUnreachable,
  openProxy,
  portCollision,
  privilegedPort,
  relayBindEmptyHost,
  relayNodelay,
  relayUdpNodelay,
  routeCycle,
  rtcpBindDisabled,
  rtcpBindUnsupported,
  rtcpChainOnHandler,
  rtcpRelayForwardMode,
  sshPairing,
  targetNoListener,
  tlsClientCertRequired,
  tlsSecureUntrusted,
  topologyReference,
  transportMismatch,
  transportParamsMismatch,
  udpKeepalive,
  udpLastNode,
  udpServerOption,
  udpTransportNotFirstHop,
  undefinedAdmission,
  undefinedAuther,
  undefinedChain,
  undefinedHop,
  undefinedReference,
  unknownType,
];

export type { Report, ReportFn, Rule, RuleDocs } from './define-rule.js';
