import { defineMessages } from '../../l10n/messages';
import type { CodeRule } from './codeRule';

const messages = defineMessages({
  disabled: {
    en: 'Certificate verification is turned off ({pattern}): anyone on the network path can impersonate the server and read or change the traffic',
    de: 'Die Zertifikatsprüfung ist abgeschaltet ({pattern}): Jeder auf dem Netzwerkpfad kann sich als Server ausgeben und den Verkehr mitlesen oder verändern',
  },
});

export const codeTlsDisabled: CodeRule = {
  meta: {
    id: 'code-tls-disabled',
    category: 'code',
    severity: 'error',
    title: 'Code turns off TLS certificate verification.',
    titleDe: 'Code schaltet die Prüfung von TLS-Zertifikaten ab.',
    description: [
      '## Why it matters',
      '',
      'TLS protects a connection only when the client checks the server\'s certificate. Code that',
      'accepts every certificate (or every host name) encrypts the traffic to whoever answers, including',
      'an attacker in the middle. Such settings usually start as a workaround for a test server and then',
      'ship to production.',
      '',
      '## What it flags',
      '',
      '- **JavaScript / TypeScript:** `rejectUnauthorized: false` in any options object (https.Agent,',
      '  tls.connect, got, undici), `NODE_TLS_REJECT_UNAUTHORIZED = \'0\'`, `strictSSL: false`, superagent',
      '  `.disableTLSCerts()`.',
      '- **Python:** `verify=False`, `session.verify = False`, aiohttp `ssl=False` / `verify_ssl=False`,',
      '  `cert_reqs=\'CERT_NONE\'` / `ssl.CERT_NONE`, `ssl._create_unverified_context`, `check_hostname = False`.',
      '- **Java:** an `X509TrustManager` whose `checkServerTrusted` is empty or whose `getAcceptedIssuers`',
      '  returns `null`, a `HostnameVerifier` that returns `true`, `NoopHostnameVerifier`, `TrustAllStrategy`',
      '  or a `(chain, authType) -> true` trust strategy, Netty\'s `InsecureTrustManagerFactory`.',
      '- **C#:** a `ServerCertificateCustomValidationCallback` (or `ServicePointManager`',
      '  `ServerCertificateValidationCallback`) that returns `true`,',
      '  `HttpClientHandler.DangerousAcceptAnyServerCertificateValidator`.',
      '- **Go:** `InsecureSkipVerify: true`, `grpc.WithInsecure()`.',
      '- **PHP:** `CURLOPT_SSL_VERIFYPEER` false or 0, `CURLOPT_SSL_VERIFYHOST` 0 or false, Guzzle',
      '  `\'verify\' => false`, Laravel `Http::withoutVerifying()`, `\'verify_peer\' => false` in a stream context.',
      '',
      'Settings that only mention these names in comments or strings are not reported: detection works on',
      'the syntax tree.',
      '',
      '## How to fix it',
      '',
      'Remove the setting. For a server with a private certificate authority, configure that authority as',
      'trusted (`ca` option, `REQUESTS_CA_BUNDLE`, a trust store) instead of turning verification off. The',
      'quick fix inverts a literal setting (`false` → `true`, `0` → `2` for `CURLOPT_SSL_VERIFYHOST`) or',
      'removes a chained call such as `.disableTLSCerts()`.',
    ].join('\n'),
    versions: [],
    step: '3.1',
    owasp: ['API8:2023'],
    fix: 'Inverts a literal setting (`rejectUnauthorized: false` → `true`, `verify=False` → `True`, `InsecureSkipVerify: true` → `false` …) or removes a chained call that turns verification off.',
    examples: {
      bad: "const agent = new https.Agent({ rejectUnauthorized: false });",
      good: "const agent = new https.Agent({ ca: fs.readFileSync('internal-ca.pem') });",
    },
  },
  check({ extraction, report }) {
    for (const setting of extraction.tlsSettings) {
      const data: Record<string, unknown> = { pattern: setting.pattern };
      if (setting.fix !== undefined) data.replacement = { range: setting.fix.range, newText: setting.fix.newText };
      report({ at: setting.span, message: messages.disabled({ pattern: setting.pattern }), data, discriminator: setting.pattern });
    }
  },
};
