/**
 * Markdown links to the OWASP API Security Top 10 2023 categories the auth rules cite, so that
 * every documentation page names a category the same way.
 */
export const OWASP_LINKS = {
  'API2:2023': '[OWASP API2:2023 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/)',
  'API5:2023':
    '[OWASP API5:2023 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/)',
  'API8:2023': '[OWASP API8:2023 Security Misconfiguration](https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/)',
} as const;
