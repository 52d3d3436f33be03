/**
 * Markdown links to the OWASP API Security Top 10 2023 categories the rules cite, one table for
 * every rule category, so that each documentation page names a category the same way.
 */
export const OWASP_LINKS = {
  'API1:2023': '[OWASP API1:2023 Broken Object Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/)',
  'API2:2023': '[OWASP API2:2023 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/)',
  'API3:2023':
    '[OWASP API3:2023 Broken Object Property Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/)',
  'API4:2023': '[OWASP API4:2023 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/)',
  'API5:2023':
    '[OWASP API5:2023 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/)',
  'API7:2023': '[OWASP API7:2023 Server Side Request Forgery](https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/)',
  'API8:2023': '[OWASP API8:2023 Security Misconfiguration](https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/)',
  'API9:2023': '[OWASP API9:2023 Improper Inventory Management](https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/)',
} as const;

export const OWASP_API1 = OWASP_LINKS['API1:2023'];
export const OWASP_API3 = OWASP_LINKS['API3:2023'];
export const OWASP_API4 = OWASP_LINKS['API4:2023'];
export const OWASP_API7 = OWASP_LINKS['API7:2023'];
export const OWASP_API8 = OWASP_LINKS['API8:2023'];
export const OWASP_API9 = OWASP_LINKS['API9:2023'];
