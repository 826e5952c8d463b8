// The target profile a test run can use against this mock: where it is, which credentials,
// signature, templates and mobiles are valid for it, and how to reach its uplink trigger.
import type { PlatformConfig } from './config.js';

export interface TargetProfile {
  platform: {
    url: string;
    account: string;
    password: string;
    disabledAccount: { account: string; password: string } | null;
    signature: string;
    templates: { id: string; variables?: { name: string; maxLength: number }[] }[];
    mobiles: string[];
    maxAcceptedMessages: number;
    maxAuthFailures: number;
    uplinkTrigger: { url: string } | null;
  };
  callbackReceiver: { listen: string; publicUrl: string | null };
  statusReportWaitMs: number;
  tls: { ca: string | null; insecure: boolean };
  timeoutMs: number;
}

export function buildProfile(config: PlatformConfig, baseUrl: string, tls: boolean): TargetProfile {
  const enabled = config.accounts.find((a) => !a.disabled);
  const disabled = config.accounts.find((a) => a.disabled);
  if (!enabled) throw new Error('the configuration has no enabled account');
  return {
    platform: {
      url: baseUrl,
      account: enabled.account,
      password: enabled.password,
      disabledAccount: disabled ? { account: disabled.account, password: disabled.password } : null,
      signature: config.signatures[0] ?? '',
      templates: config.templates.map((t) => ({
        id: t.id,
        ...(t.variables && t.variables.length > 0
          ? { variables: t.variables.map((v) => ({ name: v.name, maxLength: v.maxLength })) }
          : {}),
      })),
      mobiles: [...config.target.mobiles],
      maxAcceptedMessages: config.target.maxAcceptedMessages,
      // The mock never locks an account: every credential case and fault may be sent.
      maxAuthFailures: 1000,
      uplinkTrigger: { url: `${baseUrl}/__mock/uplink` },
    },
    callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
    statusReportWaitMs: config.target.statusReportWaitMs,
    // The self-signed certificate is not in any trust store: clients skip verification, as the
    // vendor's own samples do.
    tls: { ca: null, insecure: tls },
    timeoutMs: config.target.timeoutMs,
  };
}
